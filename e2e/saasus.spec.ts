/**
 * SaaSus end to end: set up the connection, log in through the SaaS's hosted login page (in the
 * harness's "system browser"), see tenants, roles and expiry, refresh, and hand the session off,
 * all against the SaaSus emulator over loopback HTTP.
 */
import { expect, test } from '@playwright/test';
import { startSaasusEmulator, type SaasusEmulator } from './emulators/saasus/server';
import { freePort } from './harness/free-port';
import { launchHarness, type Harness } from './harness/harness';

let emulator: SaasusEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  emulator = await startSaasusEmulator();
});
test.afterEach(async () => {
  // The secrets audit: nothing the emulator issued reached the window, the metadata or the log.
  if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
  harness = undefined;
  await emulator.close();
});

test('connect a SaaS, log in through the hosted page, see roles, refresh and hand off', async ({ browser }) => {
  const port = await freePort();
  emulator.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
  const user = emulator.config.users[0]!;
  harness = await launchHarness(browser);
  const { page } = harness;

  // Set up the connection.
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-saasus').click();
  const form = page.getByTestId('saasus-connection-form');
  await form.getByLabel('Name').fill('Emulated SaaS');
  await form.getByLabel('SaaS ID').fill(emulator.config.saasId);
  await form.getByLabel('API key').fill(emulator.config.apiKey);
  await form.getByLabel('Secret key').fill(emulator.config.secretKey);
  await form.getByLabel('API base URL').fill(emulator.config.baseUrl);
  await form.getByLabel('Login page URL').fill(emulator.config.loginUrl);
  await form.getByLabel('Callback port on 127.0.0.1').fill(String(port));
  await harness.screenshot('saasus-connection-form');
  await form.getByRole('button', { name: 'Save connection' }).click();

  // Test it: the registered callback is Tessera's.
  await page.getByTestId('saasus-test').click();
  await expect(page.getByTestId('saasus-test-result')).toContainText(`http://127.0.0.1:${port}/callback`);
  await expect(page.getByTestId('saasus-test-result')).toContainText(/loopback/i);

  // Log in: the hosted page opens in the system browser; the user fills it in there.
  const loginPage = harness.nextSystemBrowserPage();
  await page.getByTestId('saasus-login').click();
  await expect(page.getByTestId('login-progress')).toBeVisible();
  await harness.screenshot('saasus-login-waiting');
  const hosted = await loginPage;
  await hosted.getByLabel('Email').fill(user.email);
  await hosted.getByLabel('Password').fill(user.password);
  await hosted.getByRole('button', { name: /log in|sign in/i }).click();
  await expect(hosted.locator('body')).toContainText(/close this tab/i);

  // The account: who, until when, which tenants and roles.
  const row = page.getByTestId('account-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(user.email);
  await expect(row).toContainText('SaaSus');
  await row.click();
  const detail = page.getByTestId('detail-pane');
  await expect(detail.getByTestId('saasus-tenants')).toBeVisible();
  await expect(detail.getByTestId('saasus-tenants').locator('.badge.role').first()).toBeVisible();
  await expect(detail.getByTestId('saasus-expiries')).toContainText(/expires in/);
  await harness.screenshot('saasus-account');

  // Refresh: exactly one refresh reaches SaaSus.
  await detail.getByTestId('refresh-account').click();
  await expect(page.getByTestId('toasts')).toContainText('Tokens refreshed');
  expect(emulator.refreshCalls()).toBe(1);

  // Hand off to the browser: the callback URL with a fresh, single-use code.
  await detail.getByTestId('hand-off-open').click();
  await expect.poll(() => harness!.openedUrls.length).toBe(2);
  const handOff = new URL(harness.openedUrls[1]!);
  expect(`${handOff.origin}${handOff.pathname}`).toBe(`http://127.0.0.1:${port}/callback`);
  expect(handOff.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/);

  // Copy a hand-off code: it goes to the clipboard (concealed) with a visible countdown.
  await detail.getByTestId('hand-off-copy').click();
  await expect(detail.getByTestId('hand-off-countdown')).toContainText(/valid for \d+ s/);
  const copied = harness.clipboardWrites.at(-1);
  expect(copied?.concealed).toBe(true);
  expect(copied?.text).toMatch(/^[0-9a-f-]{36}$/);
  // The renderer never received the code or a token.
  expect(await page.content()).not.toContain(copied!.text);
  await harness.screenshot('saasus-hand-off');
});

test('a wrong secret key is reported with what to check, and nothing is saved', async ({ browser }) => {
  harness = await launchHarness(browser);
  const { page } = harness;
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-saasus').click();
  const form = page.getByTestId('saasus-connection-form');
  await form.getByLabel('Name').fill('Wrong key');
  await form.getByLabel('SaaS ID').fill(emulator.config.saasId);
  await form.getByLabel('API key').fill(emulator.config.apiKey);
  await form.getByLabel('Secret key').fill('definitely-not-the-secret');
  await form.getByLabel('API base URL').fill(emulator.config.baseUrl);
  await form.getByLabel('Login page URL').fill(emulator.config.loginUrl);
  await form.getByRole('button', { name: 'Save connection' }).click();
  await page.getByTestId('saasus-test').click();
  await expect(page.getByTestId('flow-error')).toContainText(/secret key/i);
  await expect(page.getByTestId('flow-error')).not.toContainText('definitely-not-the-secret');
});

test('a pasted code that expired says so', async ({ browser }) => {
  harness = await launchHarness(browser);
  const { page } = harness;
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-saasus').click();
  const form = page.getByTestId('saasus-connection-form');
  await form.getByLabel('Name').fill('Paste');
  await form.getByLabel('SaaS ID').fill(emulator.config.saasId);
  await form.getByLabel('API key').fill(emulator.config.apiKey);
  await form.getByLabel('Secret key').fill(emulator.config.secretKey);
  await form.getByLabel('API base URL').fill(emulator.config.baseUrl);
  await form.getByLabel('Login page URL').fill(emulator.config.loginUrl);
  await form.getByRole('button', { name: 'Save connection' }).click();
  const code = emulator.issueTempCode(emulator.config.users[0]!.email);
  await page.getByLabel(/paste a code/i).fill(code);
  await page.getByRole('button', { name: 'Use code' }).click();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  // The same code again: used once already.
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-saasus').click();
  await page.getByLabel(/paste a code/i).fill(code);
  await page.getByRole('button', { name: 'Use code' }).click();
  await expect(page.getByTestId('flow-error')).toContainText(/expired or was already used/i);
});
