/**
 * Organisation service tokens in the window: a console login, then the account's organisations
 * (the user's role in each, a hostile organisation name shown as text), create with the role picker
 * offering only roles up to the user's and an application picker, copy (main writes the clipboard,
 * concealed; the value never reaches the window), revoke after a confirmation, effective at the
 * emulator at once. The secrets audit after each test covers the service tokens issued.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEMO_ORGANISATIONS } from '../emulators/clever-cloud/demo-data';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { launchHarness, type Harness } from './harness/harness';

let emulator: CleverCloudEmulator;
let harness: Harness | undefined;
const [acme, globex] = DEMO_ORGANISATIONS as [(typeof DEMO_ORGANISATIONS)[number], (typeof DEMO_ORGANISATIONS)[number]];
const HOSTILE = '<img src=x onerror="document.title=\'pwned\'">Acme';
const HOSTILE_APP = '<b>api</b>\u202Egnp.exe';

test.beforeEach(async () => {
  emulator = await startCleverCloudEmulator();
});
test.afterEach(async () => {
  // The secrets audit: no token the emulator issued (service tokens included) reached the window, the metadata or the log.
  if (harness) expect(await harness.closeAudited(emulator.issuedSecrets())).toEqual([]);
  harness = undefined;
  await emulator.close();
});

async function consoleLogin(page: Page): Promise<void> {
  await page.getByTestId('add-account').click();
  await page.getByTestId('add-clever-cloud').click();
  const consolePage = harness!.nextSystemBrowserPage();
  await page.getByTestId('cc-login').click();
  const there = await consolePage;
  await there.getByLabel('E-mail').fill(emulator.config.user.email);
  await there.getByLabel('Password').fill(emulator.config.user.password);
  await there.getByRole('button', { name: 'Log in' }).click();
  await there.getByRole('button', { name: 'Approve' }).click();
  await expect(there.locator('#done')).toBeVisible();
}

test('organisations, create a scoped service token, copy it, revoke it', async ({ browser }) => {
  harness = await launchHarness(browser, { cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 200 } });
  const { page } = harness;
  emulator.organisations.setOrganisationName(acme.id, HOSTILE);
  emulator.organisations.setApplicationName(acme.applications[1]!.id, HOSTILE_APP);
  await consoleLogin(page);
  await page.getByTestId('account-row').click();
  const panel = page.getByTestId('cc-service-tokens');
  await panel.getByTestId('st-load').click();
  const orgs = panel.getByTestId('st-organisation');
  await expect(orgs).toHaveCount(3);

  // A hostile name is text: no element made of it, no script run.
  const acmeCard = panel.locator(`[data-org-id="${acme.id}"]`);
  await expect(acmeCard.locator('.st-org-name')).toHaveText(HOSTILE);
  await expect(panel.locator('img')).toHaveCount(0);
  expect(await page.title()).not.toBe('pwned');
  await expect(acmeCard).toContainText('Your role: Admin');

  // Globex, where the user is a developer: the role picker offers Developer only.
  const globexCard = panel.locator(`[data-org-id="${globex.id}"]`);
  await expect(globexCard).toContainText('Your role: Developer');
  await globexCard.getByTestId('st-create-open').click();
  await expect(globexCard.getByTestId('st-role-picker').locator('option')).toHaveText(['Developer']);
  await globexCard.getByRole('button', { name: 'Cancel' }).click();

  // Acme, as admin: every role; create a developer token for one application.
  await acmeCard.getByTestId('st-create-open').click();
  await expect(acmeCard.getByTestId('st-role-picker').locator('option')).toHaveText(['Admin', 'Manager', 'Developer', 'Accounting']);
  await expect(acmeCard.getByTestId('st-app-picker').locator('option')).toHaveText(['Whole organisation', acme.applications[0]!.name, HOSTILE_APP]);
  await expect(panel.locator('b')).toHaveCount(0);
  await acmeCard.getByTestId('st-name').fill('CI deploy');
  await acmeCard.getByTestId('st-role-picker').selectOption('DEVELOPER');
  await acmeCard.getByTestId('st-app-picker').selectOption(acme.applications[0]!.id);
  await acmeCard.getByTestId('st-days').fill('30');
  await harness.screenshot('service-tokens-create');
  await acmeCard.getByTestId('st-create-submit').click();
  const row = acmeCard.getByTestId('st-token');
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId('st-role')).toHaveText('Developer');
  await expect(row.getByTestId('st-scope')).toHaveText(acme.applications[0]!.name);
  await expect(row).toContainText('Value kept by Tessera');
  const [issued] = emulator.organisations.listServiceTokens();
  expect(issued).toMatchObject({ orgId: acme.id, role: 'DEVELOPER', appId: acme.applications[0]!.id, revoked: false });
  expect(issued!.expiresAt - Date.now()).toBeGreaterThan(29 * 86_400_000);

  // Copy: main writes the clipboard, concealed; the window is only told it happened.
  const writes = harness.clipboardWrites.length;
  await row.getByTestId('st-copy').click();
  // One notice for one copy: the clipboard indicator's, no toast besides.
  await expect(page.getByTestId('clipboard-announcement')).toHaveText(/^Service token copied\. The clipboard is cleared in/);
  await expect(page.getByTestId('toasts').getByText('Service token copied.')).toHaveCount(0);
  await expect.poll(() => harness!.clipboardWrites.length).toBe(writes + 1);
  const copied = harness.clipboardWrites.at(-1)!;
  expect(copied.concealed).toBe(true);
  expect(emulator.issuedSecrets()).toContain(copied.text);
  await row.getByTestId('st-copy-header').click();
  await expect.poll(() => harness!.clipboardWrites.at(-1)?.text).toBe(`Bearer ${copied.text}`);
  await harness.screenshot('service-tokens-list');

  // Revoke, after a confirmation: gone at Clever Cloud at once.
  await row.getByTestId('st-revoke').click();
  await expect(row.getByTestId('st-confirm')).toContainText('Anything using it stops working at once');
  await row.getByTestId('st-revoke-confirm').click();
  await expect(acmeCard.getByTestId('st-token')).toHaveCount(0);
  expect(emulator.organisations.listServiceTokens()[0]!.revoked).toBe(true);
});
