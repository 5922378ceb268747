/**
 * SaaSus end to end: set up the connection, log in through the SaaS's hosted login page (in the
 * harness's "system browser"), see tenants, roles and expiry, refresh, and hand the session off,
 * all against the SaaSus emulator over loopback HTTP.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { METADATA_FILE_NAME } from '../src/main/vault/metadata-store';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { freePort } from './harness/free-port';
import { clearKeychainService, launchHarness, type Harness } from './harness/harness';

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
  await expect(detail.getByTestId('credential-access-token')).toContainText(/JWT · valid/);
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
  await expect(detail.getByTestId('hand-off-countdown')).toContainText(/Code copied · valid \d+ sec/);
  await expect(detail.getByTestId('hand-off-announcement')).toHaveText(/Hand-off code copied/);
  // The countdown itself is read by no screen reader every second: it sits in no live region.
  expect(await detail.getByTestId('hand-off-countdown').evaluate((el) => el.closest('[aria-live], [role="status"], [role="alert"], [role="log"]') === null)).toBe(true);
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
  // Saving tests the connection: the error stays at the keys it is about, the form keeps them.
  const error = form.getByTestId('saasus-connection-form-field-error');
  await expect(error).toContainText(/secret key/i);
  await expect(error).not.toContainText('definitely-not-the-secret');
  for (const label of ['SaaS ID', 'API key', 'Secret key']) {
    await expect(form.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByLabel(label)).toHaveAttribute('aria-describedby', /saasus-connection-form-error/);
  }
  await expect(form.getByLabel('SaaS ID')).toBeFocused();
  await expect(form.getByLabel('API base URL')).not.toHaveAttribute('aria-invalid', 'true');
  expect(await page.evaluate(() => window.tessera.listSaasusConnections())).toEqual({ ok: true, value: [] });
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

test('a connection changed outside Tessera: nothing is sent, the window says so, its secret key mends it', async ({ browser }) => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tessera-e2e-'));
  const keychainService = `Tessera-test-${randomBytes(4).toString('hex')}`;
  try {
    // A connection and an account, then the app closes.
    const first = await launchHarness(browser, { dataDir, keychainService });
    const saved = await first.page.evaluate(
      (c) => window.tessera.saveSaasusConnection({ name: 'My SaaS', saasId: c.saasId, apiKey: c.apiKey, secretKey: c.secretKey, apiBaseUrl: c.baseUrl, loginUrl: c.loginUrl, callbackPort: 28994 }),
      emulator.config,
    );
    if (!saved.ok) throw new Error(saved.error.message);
    const code = emulator.issueTempCode(emulator.config.users[0]!.email);
    await expect(first.page.evaluate((input) => window.tessera.exchangeSaasusCode(input), { connectionId: saved.value.id, code })).resolves.toMatchObject({ ok: true });
    expect(await first.closeAudited(emulator.issuedSecrets())).toEqual([]);

    // Someone points the connection at their host in the file; Tessera starts again.
    const file = path.join(dataDir, `${METADATA_FILE_NAME}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { saasusConnections: { apiBaseUrl: string }[] };
    doc.saasusConnections[0]!.apiBaseUrl = 'https://attacker.invalid/v1/auth';
    writeFileSync(file, JSON.stringify(doc));
    const requests = emulator.server.log.length;
    harness = await launchHarness(browser, { dataDir, keychainService });
    const { page } = harness;

    // The account says why it needs the user, and nothing is sent for it.
    const row = page.getByTestId('account-row');
    await row.click();
    const detail = page.getByTestId('detail-pane');
    await expect(detail.getByTestId('status-message')).toContainText(/connection was changed outside Tessera/);
    await detail.getByTestId('refresh-account').click();
    await expect(page.getByTestId('toasts')).toContainText(/changed outside Tessera/);
    expect(emulator.server.log.length).toBe(requests);

    // The connection says so too, and asks for its secret key.
    await page.getByTestId('add-account').click();
    await page.getByTestId('add-saasus').click();
    await expect(page.getByTestId('connection-changed-outside')).toBeVisible();
    await expect(page.getByTestId('connection-status')).toContainText('Changed outside Tessera: enter the secret key again.');
    await harness.screenshot('saasus-connection-changed-outside');
    await page.getByRole('button', { name: 'Enter the secret key again' }).click();
    const form = page.getByTestId('saasus-connection-form');
    // Without the secret key the form cannot be sent as it is.
    await expect(form.getByLabel('Secret key')).toHaveAttribute('required', '');
    await form.getByLabel('API base URL').fill(emulator.config.baseUrl);
    await form.getByLabel('Secret key').fill(emulator.config.secretKey);
    await form.getByRole('button', { name: 'Save connection' }).click();
    await expect(page.getByTestId('connection-changed-outside')).toHaveCount(0);
    await page.keyboard.press('Escape');

    // Whole again: the account works.
    await expect(detail.getByTestId('status-message')).toHaveCount(0);
    await detail.getByTestId('refresh-account').click();
    await expect(page.getByTestId('toasts')).toContainText('Tokens refreshed');
    expect(emulator.refreshCalls()).toBe(1);
  } finally {
    if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
    harness = undefined;
    await clearKeychainService(keychainService);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
