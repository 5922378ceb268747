/**
 * Languages as a user meets them: the window speaks the system's language (here chosen through the
 * harness, as Electron's app.getPreferredSystemLanguages() would give it), says so in <html lang>
 * and in Settings → Language ("System (日本語)"), and switches live, whole, when the user picks
 * another language; the choice is kept.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { startSaasusEmulator } from '../emulators/saasus/server';
import { demoConnectionInput } from '../emulators/saasus/testing';
import { freePort } from './harness/free-port';
import { launchHarness, type Harness } from './harness/harness';

let harness: Harness | undefined;

test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited([])).toEqual([]);
  harness = undefined;
});

test('a Japanese system gets a Japanese window; Settings → Language switches it to French live, and the choice is kept', async ({ browser }) => {
  harness = await launchHarness(browser, { systemLanguages: ['ja-JP', 'en-US'] });
  const { page } = harness;
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await expect(dialog.getByRole('heading', { name: '設定' })).toBeVisible();
  const language = dialog.getByLabel('言語');
  await expect(language).toHaveValue('system');
  await expect(language.locator('option[value="system"]')).toHaveText('システム（日本語）');
  await expect(dialog.getByText('キーボードショートカット')).toBeVisible();
  await harness.screenshot('settings-ja');
  // The dialog in Japanese keeps WCAG 2.2 AA (labels, contrast, target sizes, lang).
  const axe = await new AxeBuilder({ page }).include('[data-testid="settings-dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await language.selectOption('fr');
  await page.getByTestId('settings-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await page.getByTestId('open-settings').click();
  await expect(dialog.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
  await expect(dialog.getByLabel('Langue')).toHaveValue('fr');
  await expect(dialog.getByLabel('Langue').locator('option[value="system"]')).toHaveText('Système (日本語)');
  await harness.screenshot('settings-fr');
  expect(await page.evaluate(() => window.tessera.getSettings())).toMatchObject({ ok: true, value: { language: 'fr' } });
  expect(await page.evaluate(() => window.tessera.getLocale())).toEqual({ ok: true, value: { locale: 'fr', system: 'ja' } });
});

test('a system whose languages Tessera does not speak gets English', async ({ browser }) => {
  harness = await launchHarness(browser, { systemLanguages: ['de-DE', 'zh-Hans-CN'] });
  const { page } = harness;
  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings-dialog').getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('settings-dialog').getByLabel('Language').locator('option[value="system"]')).toHaveText('System (English)');
});

test('an account SaaSus refuses to refresh says why in Japanese', async ({ browser }) => {
  const emulator = await startSaasusEmulator();
  try {
    harness = await launchHarness(browser, { systemLanguages: ['ja-JP'] });
    const { page } = harness;
    const saved = await harness.invokeRaw('saasus:connections:save', demoConnectionInput(emulator, await freePort()));
    if (!saved.ok) throw new Error(saved.error.message);
    const connectionId = (saved.value as { id: string }).id;
    expect(await harness.invokeRaw('saasus:exchange-code', { connectionId, code: emulator.issueTempCode(emulator.config.users[0]!.email) })).toMatchObject({ ok: true });
    await page.getByTestId('account-row').click();
    const detail = page.getByTestId('detail-pane');
    // The provider's facts are labelled in the window's language too.
    await expect(detail.getByTestId('facts')).toContainText('ユーザー ID');
    await expect(detail.getByTestId('facts')).toContainText('SaaS 接続');
    // SaaSus no longer knows the refresh token (expired or revoked): 404.
    emulator.server.faults.add({ fault: { kind: 'status', status: 404 }, method: 'GET', path: '/v1/auth/credentials' });
    await detail.getByTestId('refresh-account').click();
    await expect(detail.getByTestId('status-message')).toHaveText('SaaSus がリフレッシュトークンを拒否しました（期限切れまたは失効）。再ログインしてください。');
    expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
    harness = undefined;
  } finally {
    await emulator.close();
  }
});
