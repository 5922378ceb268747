/**
 * Faults as the user sees them (docs/SECURITY.md, section 1): the fault matrix in
 * test/reliability/fault-matrix-*.test.ts proves every call and path ends in a typed error with
 * the state unchanged; these tests prove the window shows that error readably, keeps the account
 * listed and usable, and lets the user try again once the provider is back.
 */
import { expect, test } from '@playwright/test';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { freePort } from './harness/free-port';
import { launchHarness, type Harness } from './harness/harness';

let harness: Harness | undefined;
/** Whatever the test's emulator issued: none of it may reach the window, the metadata or the log. */
let issuedSecrets: () => string[] = () => [];
const closers: (() => Promise<void>)[] = [];

test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited(issuedSecrets())).toEqual([]);
  harness = undefined;
  for (const close of closers.splice(0)) await close();
});

async function saasusEmulator(): Promise<SaasusEmulator> {
  const emulator = await startSaasusEmulator();
  closers.push(() => emulator.close());
  issuedSecrets = () => emulator.issuedSecrets();
  return emulator;
}

async function cleverCloudEmulator(): Promise<CleverCloudEmulator> {
  const emulator = await startCleverCloudEmulator();
  closers.push(() => emulator.close());
  issuedSecrets = () => emulator.issuedSecrets();
  return emulator;
}

test('a SaaSus "Refresh now" answered by a 502 page shows a readable error; the account stays usable', async ({ browser }) => {
  const emulator = await saasusEmulator();
  harness = await launchHarness(browser);
  const { page } = harness;
  // Set up through the same bridge calls the connection form and "paste a code" make.
  const saved = await harness.invokeRaw('saasus:connections:save', {
    name: 'Flaky SaaS',
    saasId: emulator.config.saasId,
    apiKey: emulator.config.apiKey,
    secretKey: emulator.config.secretKey,
    apiBaseUrl: emulator.config.baseUrl,
    loginUrl: emulator.config.loginUrl,
    callbackPort: await freePort(),
  });
  if (!saved.ok) throw new Error(saved.error.message);
  const connectionId = (saved.value as { id: string }).id;
  const user = emulator.config.users[0]!;
  expect(await harness.invokeRaw('saasus:exchange-code', { connectionId, code: emulator.issueTempCode(user.email) })).toMatchObject({ ok: true });

  const row = page.getByTestId('account-row');
  await expect(row).toHaveCount(1);
  await row.click();
  const detail = page.getByTestId('detail-pane');

  // A proxy in front of SaaSus answers every refresh with its HTML error page.
  emulator.server.faults.add({ fault: { kind: 'html', status: 502 }, method: 'GET', path: '/v1/auth/credentials' });
  await detail.getByTestId('refresh-account').click();
  await expect(page.getByTestId('toasts')).toContainText('SaaSus had a problem (HTTP 502). Try again in a moment.');
  await expect(detail.getByTestId('status-message')).toContainText(/SaaSus had a problem/);
  // No page markup reaches the window.
  await expect(page.getByTestId('toasts')).not.toContainText('Bad Gateway');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(user.email);

  // Still usable: its token can be copied (it is valid for an hour), and once SaaSus is back a
  // refresh works and clears the error.
  await detail.getByTestId('copy-access-token').click();
  await expect.poll(() => harness!.clipboardWrites.length).toBe(1);
  emulator.server.faults.clear();
  await detail.getByTestId('refresh-account').click();
  await expect(page.getByTestId('toasts')).toContainText('Tokens refreshed');
  await expect(detail.getByTestId('status-message')).toHaveCount(0);
  // The 502 came from the proxy: only the second refresh reached SaaSus.
  expect(emulator.refreshCalls()).toBe(1);
});

test('a Clever Cloud login whose token check breaks off shows the error, and the login can be tried again', async ({ browser }) => {
  const emulator = await cleverCloudEmulator();
  harness = await launchHarness(browser, {
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 200 },
  });
  const { page } = harness;
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();

  /** Approves in the "system browser" page the login opens (logging in there when asked). */
  const approveThere = async (): Promise<void> => {
    const there = await harness!.nextSystemBrowserPage();
    const email = there.getByLabel('E-mail');
    if (await email.isVisible()) {
      await email.fill(emulator.config.user.email);
      await there.getByLabel('Password').fill(emulator.config.user.password);
      await there.getByRole('button', { name: 'Log in' }).click();
    }
    await there.getByRole('button', { name: 'Approve' }).click();
  };

  // The connection breaks in the middle of every /self answer: the token cannot be checked.
  emulator.server.faults.add({ fault: { kind: 'reset-mid-body' }, method: 'GET', path: '/v2/self', exactPath: true });
  const first = approveThere();
  await page.getByTestId('cc-login').click();
  await first;
  await expect(page.getByTestId('flow-error')).toHaveText('The connection to Clever Cloud broke while reading its answer.');
  await expect(page.getByTestId('account-row')).toHaveCount(0);

  // Clever Cloud is back: the same button logs in.
  emulator.server.faults.clear();
  const second = approveThere();
  await expect(page.getByTestId('cc-login')).toBeEnabled();
  await page.getByTestId('cc-login').click();
  await second;
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  await expect(page.getByTestId('account-row')).toContainText(emulator.config.user.email);
});
