/**
 * Clever Cloud end to end: both GUI logins (the console's cli_token flow and the user's own OAuth
 * consumer), an import, the account with its rights and expiry, Remove with the token revoked at
 * the emulator, and a new login revoking the token it replaced (shown and retried when Clever
 * Cloud cannot revoke it). The emulator's HTML pages are driven in the harness's "system browser".
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { METADATA_FILE_NAME } from '../src/main/vault/metadata-store';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { freePort } from './harness/free-port';
import { clearKeychainService, launchHarness, type Harness } from './harness/harness';

let emulator: CleverCloudEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  emulator = await startCleverCloudEmulator();
});
test.afterEach(async () => {
  // The secrets audit: nothing the emulator issued reached the window, the metadata or the log.
  if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
  harness = undefined;
  await emulator.close();
});

const launch = async (browser: Parameters<typeof launchHarness>[0], files: { dataDir?: string; keychainService?: string } = {}) =>
  (harness = await launchHarness(browser, {
    ...files,
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 200 },
  }));

/** Opens the "Own consumer" tab and saves the emulator's demo consumer there. */
async function saveDemoConsumer(page: Page, callbackPort?: number): Promise<void> {
  await page.getByRole('tab', { name: 'Own consumer' }).click();
  const form = page.getByTestId('cc-consumer-form');
  await form.getByLabel('Name').fill('Demo consumer');
  await form.getByLabel('Consumer key').fill(emulator.config.consumer.key);
  await form.getByLabel('Consumer secret').fill(emulator.config.consumer.secret);
  if (callbackPort !== undefined) await form.getByLabel('Callback port on 127.0.0.1').fill(String(callbackPort));
  await form.getByRole('button', { name: 'Save consumer' }).click();
}

async function logInThere(page: Page): Promise<void> {
  await page.getByLabel('E-mail').fill(emulator.config.user.email);
  await page.getByLabel('Password').fill(emulator.config.user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

/** Add account → Clever Cloud → Log in with Clever Cloud, approved in the console (logged in there once). */
async function consoleLogin(page: Page, loggedInThere: boolean): Promise<void> {
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  const consolePage = harness!.nextSystemBrowserPage();
  await page.getByTestId('cc-login').click();
  const there = await consolePage;
  if (!loggedInThere) await logInThere(there);
  await there.getByRole('button', { name: 'Approve' }).click();
  await expect(there.locator('#done')).toBeVisible();
}

const cliTokens = () => emulator.listTokens().filter((t) => t.consumerKey === emulator.config.cliConsumer.key);

test('log in with Clever Cloud (console), see rights and expiry, remove with the token revoked', async ({ browser }) => {
  const { page } = await launch(browser);
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  const consolePage = harness!.nextSystemBrowserPage();
  await page.getByTestId('cc-login').click();
  await expect(page.getByTestId('login-progress')).toBeVisible();
  await harness!.screenshot('clever-cloud-login-waiting');
  const console = await consolePage;
  expect(new URL(console.url()).pathname).toBe('/cli-oauth');
  await logInThere(console);
  await console.getByRole('button', { name: 'Approve' }).click();

  const row = page.getByTestId('account-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(emulator.config.user.email);
  await expect(row).toContainText('Clever Cloud');
  await row.click();
  const detail = page.getByTestId('detail-pane');
  await expect(detail.getByTestId('cc-rights').locator('[data-granted="true"]').first()).toBeVisible();
  await expect(detail).toContainText(/cannot be refreshed/i);
  await expect(detail).toContainText(/expires in/);
  // The avatar: fetched by main and shown from a data: URL (the CSP allows no remote image, and the
  // harness fails the test on any CSP violation).
  const avatar = detail.getByTestId('avatar-image');
  await expect(avatar).toHaveAttribute('src', /^data:image\/png;base64,/);
  await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
  await harness!.screenshot('clever-cloud-account');

  const [issued] = emulator.listTokens().filter((t) => t.consumerKey === emulator.config.cliConsumer.key);
  expect(issued?.revoked).toBe(false);
  await detail.getByTestId('account-menu').click();
  await detail.getByTestId('remove-button').click();
  await expect(page.getByTestId('remove-explanation')).toContainText('revokes its token at Clever Cloud');
  await page.getByTestId('remove-confirm').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  expect(emulator.listTokens().find((t) => t.token === issued!.token)?.revoked).toBe(true);
});

test('a new login revokes the token it replaced; one Clever Cloud cannot revoke is shown and retried', async ({ browser }) => {
  const { page } = await launch(browser);
  await consoleLogin(page, false);
  await expect(page.getByTestId('account-row')).toHaveCount(1);

  // Logging in again replaces the token in place and revokes the old one.
  await consoleLogin(page, true);
  await expect.poll(() => cliTokens().length).toBe(2);
  await expect.poll(() => cliTokens()[0]!.revoked).toBe(true);
  await expect(page.getByTestId('account-row')).toHaveCount(1);

  // Clever Cloud answers 503 to the revocation: the login works, the old token is kept and shown.
  emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 1 });
  await consoleLogin(page, true);
  await expect.poll(() => cliTokens().length).toBe(3);
  await page.getByTestId('account-row').click();
  const notice = page.getByTestId('detail-pane').getByTestId('revocations-notice');
  await expect(notice).toContainText('1 replaced token could not be revoked yet — Tessera retries.');
  await expect(notice).toContainText('Clever Cloud answered with an error.');
  await harness!.screenshot('clever-cloud-revocation-pending');
  expect(cliTokens()[1]!.revoked).toBe(false);
  await notice.getByTestId('revocations-retry').click();
  await expect(notice).toBeHidden();
  expect(cliTokens()[1]!.revoked).toBe(true);

  // Again, then the account is removed: the replaced token is still shown (in a banner) and retried.
  emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 1 });
  await consoleLogin(page, true);
  await expect(page.getByTestId('detail-pane').getByTestId('revocations-notice')).toBeVisible();
  await page.getByTestId('account-menu').click();
  await page.getByTestId('remove-button').click();
  await page.getByTestId('remove-confirm').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  const [, , third, fourth] = cliTokens();
  expect(fourth!.revoked).toBe(true);
  expect(third!.revoked).toBe(false);
  const banner = page.getByTestId('revocations-banner');
  await expect(banner).toContainText('1 replaced Clever Cloud token could not be revoked yet — Tessera retries.');
  await harness!.screenshot('clever-cloud-revocation-banner');
  await banner.getByTestId('revocations-retry').click();
  await expect(banner).toBeHidden();
  expect(cliTokens()[2]!.revoked).toBe(true);
});

test('log in with my own OAuth consumer through the loopback callback; an avatar that does not decode shows the initial', async ({ browser }) => {
  emulator.setUserAvatar(emulator.config.user.email, '/avatars/corrupt.png');
  const port = await freePort();
  const { page } = await launch(browser);
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  await saveDemoConsumer(page, port);
  const authorize = harness!.nextSystemBrowserPage();
  await page.getByTestId('cc-login-consumer').click();
  const there = await authorize;
  await logInThere(there);
  await there.getByRole('button', { name: 'Authorise' }).click();
  await expect(there.locator('body')).toContainText(/close this tab/i);
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').click();
  await expect(page.getByTestId('detail-pane')).toContainText('Tessera Demo');
  await expect(page.getByTestId('avatar-initial')).toHaveText('A');
  await expect(page.getByTestId('avatar-image')).toHaveCount(0);
});

test('import a clever-tools profile; a bad one is reported without its token', async ({ browser }) => {
  const { page } = await launch(browser);
  const dir = mkdtempSync(path.join(tmpdir(), 'clever-tools-e2e-'));
  const file = path.join(dir, 'clever-tools.json');
  writeFileSync(file, JSON.stringify({ version: 1, profiles: [{ alias: 'broken', token: 'broken-token-value', secret: 'broken-secret-value' }] }));
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel(/configuration file/).fill(file);
  await page.getByTestId('cc-import-file').click();
  await expect(page.getByTestId('cc-import-report')).toContainText('broken');
  await expect(page.getByTestId('cc-import-report')).toContainText(/log in again/i);
  expect(await page.content()).not.toContain('broken-token-value');

  // The seeded token of the demo consumer, pasted and checked against /self.
  await page.getByTestId('add-back').click();
  await page.getByTestId('add-clever-cloud').click();
  await saveDemoConsumer(page);
  await page.getByRole('tab', { name: 'Import' }).click();
  const paste = page.getByTestId('cc-paste-form');
  await paste.getByLabel('Token', { exact: true }).fill(emulator.config.token.token);
  await paste.getByLabel('Token secret').fill(emulator.config.token.secret);
  await paste.getByLabel('Issued to').selectOption({ label: 'Demo consumer' });
  await paste.getByRole('button', { name: 'Check and add' }).click();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await expect(page.getByTestId('account-row')).toContainText(emulator.config.user.email);
});

test('import a clever-tools 4 profile with its overrides, remove its plaintext token, copy it back as a profile', async ({ browser }) => {
  const { page } = await launch(browser);
  const dir = mkdtempSync(path.join(tmpdir(), 'clever-tools-e2e-'));
  const file = path.join(dir, 'clever-tools.json');
  const profile = {
    alias: 'own',
    token: emulator.config.token.token,
    secret: emulator.config.token.secret,
    overrides: { API_HOST: emulator.config.baseUrl.replace(/\/v2$/, ''), OAUTH_CONSUMER_KEY: emulator.config.consumer.key, OAUTH_CONSUMER_SECRET: emulator.config.consumer.secret },
  };
  writeFileSync(file, JSON.stringify({ version: 1, profiles: [profile, { alias: 'other', token: 'other-token', secret: 'other-secret' }] }));
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel(/configuration file/).fill(file);
  await page.getByTestId('cc-import-file').click();
  await expect(page.getByTestId('cc-profile-overrides')).toContainText('API_HOST, OAUTH_CONSUMER_KEY, OAUTH_CONSUMER_SECRET');
  await expect(page.getByTestId('cc-plaintext-offer')).toContainText(file);
  await page.getByTestId('cc-remove-plaintext').click();
  await expect(page.getByTestId('cc-plaintext-removed')).toContainText('.bak');
  expect(readFileSync(file, 'utf8')).not.toContain(emulator.config.token.secret);
  expect(await page.content()).not.toContain(emulator.config.consumer.secret);
  await page.getByTestId('cc-profile-import-done').click();
  await page.getByTestId('account-row').filter({ hasText: emulator.config.user.email }).first().click();
  await page.getByTestId('cc-profile-v4').check();
  await page.getByTestId('cc-copy-profile').click();
  await expect.poll(() => harness!.clipboardWrites.length).toBeGreaterThan(0);
  const copied = JSON.parse(harness!.clipboardWrites.at(-1)!.text) as { alias: string; overrides: Record<string, string> };
  expect(copied).toMatchObject({ alias: 'own', token: emulator.config.token.token, overrides: profile.overrides });
  expect(harness!.clipboardWrites.at(-1)!.concealed).toBe(true);
});

test('Remove when Clever Cloud cannot be reached asks before removing locally', async ({ browser }) => {
  const { page } = await launch(browser);
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  const consolePage = harness!.nextSystemBrowserPage();
  await page.getByTestId('cc-login').click();
  const there = await consolePage;
  await logInThere(there);
  await there.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await page.getByTestId('account-row').click();
  emulator.server.faults.add({ fault: { kind: 'html', status: 502 }, method: 'DELETE' });
  await page.getByTestId('account-menu').click();
  await page.getByTestId('remove-button').click();
  await page.getByTestId('remove-confirm').click();
  await expect(page.getByTestId('remove-error')).toBeVisible();
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await harness!.screenshot('clever-cloud-logout-failed');
  await page.getByTestId('remove-local').click();
  await expect(page.getByTestId('empty-state')).toBeVisible();
});

test('a consumer changed outside Tessera: nothing is signed, the window says so, its secret mends it', async ({ browser }) => {
  const files = { dataDir: mkdtempSync(path.join(tmpdir(), 'tessera-e2e-')), keychainService: `Tessera-test-${randomBytes(4).toString('hex')}` };
  try {
    // A consumer and an account of it, then the app closes.
    const first = await launch(browser, files);
    const saved = await first.page.evaluate((c) => window.tessera.saveCleverCloudConsumer({ name: 'Demo consumer', key: c.key, secret: c.secret, callbackPort: 28993 }), emulator.config.consumer);
    if (!saved.ok) throw new Error(saved.error.message);
    const imported = await first.page.evaluate((input) => window.tessera.importCleverCloudToken(input), { ...emulator.config.token, consumerId: saved.value.id });
    expect(imported).toMatchObject({ ok: true });
    expect(await first.closeAudited(emulator.issuedSecrets())).toEqual([]);
    harness = undefined;

    // Someone changes the consumer's key in the file; Tessera starts again.
    const file = path.join(files.dataDir, `${METADATA_FILE_NAME}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { cleverCloudConsumers: { key: string }[] };
    doc.cleverCloudConsumers[0]!.key = 'someone-elses-consumer-key';
    writeFileSync(file, JSON.stringify(doc));
    // What could carry a secret: every request but the avatar image the account view shows.
    const apiRequests = (): number => emulator.server.log.filter((r) => !r.path.startsWith('/avatars/')).length;
    const requests = apiRequests();
    const { page } = await launch(browser, files);

    // The account says why it needs the user, and its copy signs nothing.
    await page.getByTestId('account-row').click();
    const detail = page.getByTestId('detail-pane');
    await expect(detail.getByTestId('status-message')).toContainText(/consumer was changed outside Tessera/);
    expect(await page.evaluate((id) => window.tessera.copyCredential({ id, kind: 'authorization-header' }), imported.ok ? imported.value.id : '')).toMatchObject({
      ok: false,
      error: { code: 'changed_outside' },
    });
    expect(harness!.clipboardWrites).toEqual([]);
    // Log out cannot revoke without sending: it says why and offers to remove the account locally.
    await detail.getByTestId('account-menu').click();
    await detail.getByTestId('remove-button').click();
    await page.getByTestId('remove-confirm').click();
    await expect(page.getByTestId('remove-error')).toContainText(/changed outside Tessera/);
    await expect(page.getByTestId('remove-local')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('remove-local')).toHaveCount(0);
    expect(apiRequests()).toBe(requests);

    // The consumer says so too; editing it with its secret mends it.
    await page.getByTestId('add-account').click();
    await page.getByTestId('add-clever-cloud').click();
    await page.getByRole('tab', { name: 'Own consumer' }).click();
    await expect(page.getByTestId('consumer-changed-outside')).toBeVisible();
    await expect(page.getByTestId('consumer-status')).toContainText('Changed outside Tessera: enter the consumer secret again.');
    await harness!.screenshot('clever-cloud-consumer-changed-outside');
    await page.getByTestId('cc-edit-consumer').click();
    const form = page.getByTestId('cc-consumer-form');
    await expect(form.getByLabel('Consumer secret')).toHaveAttribute('required', '');
    await form.getByLabel('Consumer key').fill(emulator.config.consumer.key);
    await form.getByLabel('Consumer secret').fill(emulator.config.consumer.secret);
    await form.getByRole('button', { name: 'Save consumer' }).click();
    await expect(page.getByTestId('consumer-changed-outside')).toHaveCount(0);
    await page.keyboard.press('Escape');

    // Whole again: the account's header is one Clever Cloud accepts.
    await expect(detail.getByTestId('status-message')).toHaveCount(0);
    await expect(page.evaluate((id) => window.tessera.copyCredential({ id, kind: 'authorization-header' }), imported.ok ? imported.value.id : '')).resolves.toMatchObject({ ok: true });
    const header = harness!.clipboardWrites.at(-1)!.text;
    expect((await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: header } })).status).toBe(200);
  } finally {
    if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
    harness = undefined;
    await clearKeychainService(files.keychainService);
    rmSync(files.dataDir, { recursive: true, force: true });
  }
});
