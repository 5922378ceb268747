/**
 * Every main screen of the window, in English, Japanese and French, light and dark, at 1280×800 and
 * 800×600: a screenshot of each into e2e/artifacts/screens/<lang>-<scheme>-<w>x<h>-<screen>.png
 * (and attached to the test), and axe-core (WCAG 2.0/2.1/2.2 A and AA) on each, which fails the
 * test on any violation. The screens: the keychain out of reach, the empty list, "Add account"
 * (the providers, Clever Cloud's three tabs, SaaSus's connection form and its flow once set up),
 * the list with a Clever Cloud and a SaaSus account open, Settings, and a command-line approval.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type TestInfo } from '@playwright/test';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { expectNoAxeViolations } from './harness/axe';
import { requireBuiltCli, tessera } from './harness/cli';
import { freePort } from './harness/free-port';
import { ARTIFACTS_DIR, launchHarness, type Harness } from './harness/harness';
import { chooseLanguage, LANGUAGES, type Language } from './harness/language';
import { addCleverCloudAccount, addSaasusAccount } from './harness/seed';

const SCREENS_DIR = path.join(ARTIFACTS_DIR, 'screens');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
] as const;
const SCHEMES = ['light', 'dark'] as const;
type Scheme = (typeof SCHEMES)[number];

let saasus: SaasusEmulator;
let cleverCloud: CleverCloudEmulator;
const harnesses: Harness[] = [];

test.beforeAll(() => {
  requireBuiltCli();
  mkdirSync(SCREENS_DIR, { recursive: true });
});
test.beforeEach(async () => {
  saasus = await startSaasusEmulator();
  cleverCloud = await startCleverCloudEmulator();
});
test.afterEach(async () => {
  for (const h of harnesses.splice(0)) expect(await h.closeAudited([...saasus.issuedSecrets(), ...cleverCloud.issuedSecrets()])).toEqual([]);
  await saasus.close();
  await cleverCloud.close();
});

/** Shoots the screen as it is at both sizes, and checks it with axe at each. */
function shooter(h: Harness, language: Language, scheme: Scheme, info: TestInfo) {
  return async (screen: string): Promise<void> => {
    for (const size of SIZES) {
      await h.page.setViewportSize(size);
      // Let layout settle (a resize observer, a sticky footer) before the picture.
      await h.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const file = path.join(SCREENS_DIR, `${language}-${scheme}-${size.width}x${size.height}-${screen}.png`);
      await h.page.screenshot({ path: file });
      await info.attach(path.basename(file, '.png'), { path: file, contentType: 'image/png' });
      await expectNoAxeViolations(h.page, `${screen} (${language}, ${scheme}, ${size.width}×${size.height})`);
    }
  };
}

async function launch(browser: Parameters<typeof launchHarness>[0], language: Language, scheme: Scheme, opts: Parameters<typeof launchHarness>[1] = {}): Promise<Harness> {
  const h = await launchHarness(browser, { ...opts, cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, bridgeUrl: cleverCloud.config.bridgeUrl } });
  harnesses.push(h);
  await h.page.emulateMedia({ colorScheme: scheme });
  await chooseLanguage(h.page, language);
  return h;
}

for (const language of LANGUAGES) {
  for (const scheme of SCHEMES) {
    test(`every main screen in ${language}, ${scheme}`, async ({ browser }, info) => {
      test.setTimeout(300_000);

      // The keychain out of reach: the empty list says so; adding is disabled with the reason.
      const away = await launch(browser, language, scheme, { keychain: 'unreachable' });
      await expect(away.page.getByTestId('empty-state')).toHaveAttribute('data-kind', 'keychain');
      await expect(away.page.getByTestId('empty-retry')).toBeVisible();
      const add = away.page.getByTestId('add-account');
      await expect(add).toHaveAttribute('aria-disabled', 'true');
      await expect(away.page.locator(`#${await add.getAttribute('aria-describedby')}`)).toBeVisible();
      // Pressed anyway (Playwright would wait for it to be enabled: aria-disabled counts), and Ctrl+N.
      await add.focus();
      await away.page.keyboard.press('Enter');
      await away.page.keyboard.press('Control+n');
      await expect(away.page.getByTestId('add-account-dialog')).toHaveCount(0);
      await shooter(away, language, scheme, info)('keychain-unavailable');
      await harnesses.splice(harnesses.indexOf(away), 1)[0]!.close();

      const h = await launch(browser, language, scheme);
      const { page } = h;
      const shoot = shooter(h, language, scheme, info);
      await expect(page.getByTestId('empty-state')).toBeVisible();
      await shoot('empty');

      await page.getByTestId('add-account').click();
      await shoot('add-providers');
      await page.getByTestId('add-clever-cloud').click();
      await shoot('add-clever-cloud-browser');
      await page.getByTestId('tab-consumer').click();
      await expect(page.getByTestId('cc-consumer-form')).toBeVisible();
      await shoot('add-clever-cloud-consumer');
      await page.getByTestId('tab-import').click();
      await shoot('add-clever-cloud-import');
      await page.getByTestId('add-back').click();
      await page.getByTestId('add-saasus').click();
      await expect(page.getByTestId('saasus-connection-form')).toBeVisible();
      await shoot('add-saasus-connection');
      await page.keyboard.press('Escape');

      // Two accounts, one of each provider.
      const port = await freePort();
      saasus.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
      const saasusId = await addSaasusAccount(h, saasus, port);
      const cleverId = await addCleverCloudAccount(h, cleverCloud, await freePort());
      await expect(page.getByTestId('account-row')).toHaveCount(2);
      await page.locator(`[data-testid="account-row"][data-account-id="${cleverId}"]`).click();
      await expect(page.getByTestId('detail-pane')).toHaveAttribute('data-account-id', cleverId);
      // The whole view with its rights; then its token panels, once they have read the emulator.
      await expect(page.getByTestId('cc-rights')).toBeVisible();
      await shoot('account-clever-cloud');
      await page.getByTestId('cc-api-tokens-toggle').click();
      await expect(page.getByTestId('cc-api-tokens-empty').or(page.getByTestId('cc-api-token-list'))).toBeVisible();
      await page.getByTestId('st-load').click();
      await expect(page.getByTestId('st-organisation').first()).toBeVisible();
      await page.getByTestId('cc-api-tokens').scrollIntoViewIfNeeded();
      await shoot('account-clever-cloud-tokens');
      await page.locator(`[data-testid="account-row"][data-account-id="${saasusId}"]`).click();
      await expect(page.getByTestId('detail-pane')).toHaveAttribute('data-account-id', saasusId);
      await expect(page.getByTestId('saasus-detail')).toBeVisible();
      await shoot('account-saasus');

      // SaaSus's flow once its connection is set up: tested, its callback is Tessera's.
      await page.getByTestId('add-account').click();
      await page.getByTestId('add-saasus').click();
      await page.getByTestId('saasus-test').click();
      await expect(page.getByTestId('saasus-test-result')).toBeVisible();
      await shoot('add-saasus-flow');
      await page.keyboard.press('Escape');

      await page.getByTestId('open-settings').click();
      await expect(page.getByTestId('settings-dialog')).toBeVisible();
      await shoot('settings');
      await page.keyboard.press('Escape');

      // A program asks for a token: the window asks the user.
      const asked = tessera(h, ['token', saasusId]);
      await expect(page.getByTestId('approval-dialog')).toBeVisible();
      await shoot('approval');
      await page.getByTestId('approval-deny').click();
      expect((await asked).code).toBe(4);
    });
  }
}
