/**
 * Clever Cloud API tokens in the window, against the emulator's API bridge: create one (name,
 * lifetime, password asked in the dialog), see it listed with its expiry, copy it in both forms
 * (main writes the clipboard: the value never reaches the window), revoke it after a confirmation
 * (the bridge refuses it at once); a wrong password is said as such; a hostile name is shown as
 * text; a token made elsewhere is listed without a value. The secrets audit runs after each test:
 * the password and the token values appear nowhere in the window, the metadata or the log.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { launchHarness, type Harness } from './harness/harness';

let emulator: CleverCloudEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  emulator = await startCleverCloudEmulator();
});
test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited([...emulator.issuedSecrets(), emulator.config.user.password, 'wrong-password-4242'])).toEqual([]);
  harness = undefined;
  await emulator.close();
});

async function loggedIn(browser: Parameters<typeof launchHarness>[0]): Promise<Page> {
  harness = await launchHarness(browser, {
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, bridgeUrl: emulator.config.bridgeUrl, pollIntervalMs: 200 },
  });
  const { page } = harness;
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  const consolePage = harness.nextSystemBrowserPage();
  await page.getByTestId('cc-login').click();
  const there = await consolePage;
  await there.getByLabel('E-mail').fill(emulator.config.user.email);
  await there.getByLabel('Password').fill(emulator.config.user.password);
  await there.getByRole('button', { name: 'Log in' }).click();
  await there.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').click();
  // Nothing is asked of the bridge until the section is opened.
  expect(emulator.bridgeServer.log).toEqual([]);
  await page.getByTestId('cc-api-tokens-toggle').click();
  await expect(page.getByTestId('cc-api-tokens-empty')).toBeVisible();
  return page;
}

async function create(page: Page, name: string, password: string): Promise<void> {
  await page.getByTestId('cc-api-token-create').click();
  const dialog = page.getByTestId('cc-api-token-dialog');
  await dialog.getByLabel('Name').fill(name);
  await expect(dialog.getByLabel('Lifetime in days')).toHaveValue('30');
  await dialog.getByLabel('Clever Cloud password').fill(password);
  await expect(dialog.getByTestId('cc-api-token-mfa')).toHaveCount(0); // the demo user has no TOTP
  await dialog.getByTestId('cc-api-token-submit').click();
}

test('create an API token, copy it both ways, revoke it', async ({ browser }) => {
  const page = await loggedIn(browser);
  // Holding none, the credentials card offers no copy that could only fail: it says where to make one.
  const card = page.getByTestId('credentials-card');
  await expect(card.getByTestId('credential-api-token').getByTestId('credential-none')).toHaveText('Create an API token below');
  await expect(card.getByTestId('copy-api-token')).toHaveCount(0);
  await expect(card.getByTestId('copy-authorization-header')).toBeVisible();
  await create(page, 'deploy bot', emulator.config.user.password);
  await expect(page.getByTestId('cc-api-token-dialog')).toHaveCount(0);
  const row = page.getByTestId('cc-api-token');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('cc-api-token-name')).toHaveText('deploy bot');
  await expect(row.getByTestId('cc-api-token-state')).toHaveText('Active');
  await expect(row).toContainText('expires in 30 days');
  await harness!.screenshot('clever-cloud-api-tokens');
  // The panel passes axe's checks (WCAG 2.1 A and AA rules).
  const axe = await new AxeBuilder({ page }).include('[data-testid="cc-api-tokens"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  const [issued] = emulator.bridge.list();
  const value = emulator.bridge.issuedSecrets()[0]!;
  expect(issued?.name).toBe('deploy bot');
  await row.getByTestId('cc-api-token-copy-bearer').click();
  await expect.poll(() => harness!.clipboardWrites.at(-1)).toEqual({ text: `Bearer ${value}`, concealed: true });
  await row.getByTestId('cc-api-token-copy-env').click();
  await expect.poll(() => harness!.clipboardWrites.at(-1)?.text).toBe(`CC_API_TOKEN=${value}`);
  // Now held, the card offers it (the list's dates followed the creation), says for how long, and the copy works.
  await expect(card.getByTestId('credential-none')).toHaveCount(0);
  await expect(card.getByTestId('credential-api-token')).toContainText('valid 30 days');
  await card.getByTestId('copy-api-token').click();
  await expect(card.getByTestId('copy-api-token')).toContainText(/Copied/);
  await expect.poll(() => harness!.clipboardWrites.at(-1)?.text).toContain(value);

  await row.getByTestId('cc-api-token-revoke').click();
  const confirm = page.getByTestId('cc-api-token-revoke-dialog');
  await expect(confirm.getByTestId('cc-api-token-revoke-explanation')).toContainText('deploy bot');
  await confirm.getByTestId('cc-api-token-revoke-confirm').click();
  await expect(page.getByTestId('cc-api-tokens-empty')).toBeVisible();
  expect(emulator.bridge.list()[0]?.revoked).toBe(true);
  // None held again: the button leaves the card and the hint comes back.
  await expect(card.getByTestId('copy-api-token')).toHaveCount(0);
  await expect(card.getByTestId('credential-none')).toBeVisible();
  const self = await fetch(`${emulator.config.bridgeUrl}/v2/self`, { headers: { authorization: `Bearer ${value}` } });
  expect(self.status).toBe(401);
});

test('a wrong password is said as such and nothing is created; the password field is emptied', async ({ browser }) => {
  const page = await loggedIn(browser);
  await create(page, 'nope', 'wrong-password-4242');
  const dialog = page.getByTestId('cc-api-token-dialog');
  await expect(dialog.getByTestId('cc-api-token-error')).toHaveText('Clever Cloud refused the password.');
  await expect(dialog.getByLabel('Clever Cloud password')).toHaveValue('');
  expect(emulator.bridge.list()).toEqual([]);
});

test('hostile names are shown as text, and a token made elsewhere is listed without a value', async ({ browser }) => {
  const page = await loggedIn(browser);
  const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  await create(page, hostile, emulator.config.user.password);
  await expect(page.getByTestId('cc-api-token-name')).toHaveText(hostile);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('[data-testid="cc-api-tokens"] img')).toHaveCount(0);

  const made = await fetch(`${emulator.config.bridgeUrl}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: emulator.config.user.email, password: emulator.config.user.password, name: 'from clever-tools', expirationDate: new Date(Date.now() + 86_400_000).toISOString() }),
  });
  expect(made.status).toBe(200);
  await page.getByTestId('cc-api-tokens-reload').click();
  const elsewhere = page.getByTestId('cc-api-token').filter({ hasText: 'from clever-tools' });
  await expect(elsewhere.getByTestId('cc-api-token-not-held')).toBeVisible();
  await expect(elsewhere.getByTestId('cc-api-token-copy-bearer')).toHaveCount(0);
});
