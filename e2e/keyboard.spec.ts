/**
 * Keyboard-only journeys through the window: every step in Tessera's window is a key press
 * (`page.keyboard`), never a click. The provider's own pages (the Clever Cloud console, the SaaS's
 * login page) open in the harness's "system browser" and are filled there, as a user would in
 * their browser. Each journey checks where focus is at the moments that used to lose it: into the
 * flow when a provider is chosen, onto the main action once a connection is saved, onto the new
 * account's row once it is added.
 */
import { expect, test, type Page } from '@playwright/test';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../emulators/clever-cloud/server';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { freePort } from './harness/free-port';
import { launchHarness, type Harness } from './harness/harness';
import { addCleverCloudAccount, addSaasusAccount } from './harness/seed';

let cleverCloud: CleverCloudEmulator;
let saasus: SaasusEmulator;
let harness: Harness | undefined;

test.beforeEach(async () => {
  cleverCloud = await startCleverCloudEmulator();
  saasus = await startSaasusEmulator();
});
test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited([...cleverCloud.issuedSecrets(), ...saasus.issuedSecrets()])).toEqual([]);
  harness = undefined;
  await cleverCloud.close();
  await saasus.close();
});

async function launch(browser: Parameters<typeof launchHarness>[0]): Promise<Harness> {
  harness = await launchHarness(browser, { cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, pollIntervalMs: 200 } });
  await expect(harness.page.getByTestId('empty-state').or(harness.page.getByTestId('account-row').first())).toBeVisible();
  return harness;
}

/** Presses Tab until `testId` has focus (at most `max` times), failing when it never does. */
async function tabTo(page: Page, testId: string, max = 25, back = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.getByTestId(testId).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(page.getByTestId(testId)).toBeFocused();
}

/** Types into the focused field, replacing what it holds. */
async function typeHere(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Ctrl+N, then the provider's button by Tab, then Enter: focus moves into its flow. */
async function openAddFlow(page: Page, provider: 'clever-cloud' | 'saasus'): Promise<void> {
  await page.keyboard.press('Control+n');
  await expect(page.getByTestId('add-account-dialog')).toBeVisible();
  await tabTo(page, `add-${provider}`, 5);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('add-account-dialog').locator(':focus')).toHaveCount(1);
}

async function expectAddedAndFocused(page: Page, count = 1): Promise<void> {
  await expect(page.getByTestId('add-account-dialog')).toHaveCount(0);
  await expect(page.getByTestId('account-row')).toHaveCount(count);
  await expect(page.locator('[data-testid="account-row"][aria-selected="true"]')).toBeFocused();
}

test('add a Clever Cloud account with the browser login', async ({ browser }) => {
  const { page } = await launch(browser);
  await openAddFlow(page, 'clever-cloud');
  // Focus is on the selected tab, the recommended browser login; its one action follows.
  await expect(page.getByTestId('tab-browser')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('cc-login')).toBeFocused();
  const consolePage = harness!.nextSystemBrowserPage();
  await page.keyboard.press('Enter');
  const there = await consolePage;
  // While it waits, only the step is a live region: the countdown ticking beside it is not announced every second.
  await expect(page.getByTestId('login-countdown')).toBeVisible();
  await expect(page.getByTestId('login-step')).toHaveAttribute('role', 'status');
  expect(await page.getByTestId('login-countdown').evaluate((el) => el.closest('[aria-live], [role="status"], [role="alert"], [role="log"], [role="timer"]') === null)).toBe(true);
  await there.getByLabel('E-mail').fill(cleverCloud.config.user.email);
  await there.getByLabel('Password').fill(cleverCloud.config.user.password);
  await there.getByRole('button', { name: 'Log in' }).click();
  await there.getByRole('button', { name: 'Approve' }).click();
  await expectAddedAndFocused(page);
});

test('add a Clever Cloud account with my own consumer: arrows move between tabs, saving leads on to logging in', async ({ browser }) => {
  const { page } = await launch(browser);
  const port = await freePort();
  await openAddFlow(page, 'clever-cloud');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('tab-consumer')).toBeFocused();
  await expect(page.getByTestId('tab-consumer')).toHaveAttribute('aria-selected', 'true');
  // One tab stop: Tab leaves the tab list for the panel's first field.
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();
  await page.keyboard.type('Demo consumer');
  await page.keyboard.press('Tab');
  await page.keyboard.type(cleverCloud.config.consumer.key);
  await page.keyboard.press('Tab');
  await page.keyboard.type(cleverCloud.config.consumer.secret);
  await page.keyboard.press('Tab');
  await typeHere(page, String(port));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cc-login-consumer')).toBeFocused();
  const authorise = harness!.nextSystemBrowserPage();
  await page.keyboard.press('Enter');
  const there = await authorise;
  await there.getByLabel('E-mail').fill(cleverCloud.config.user.email);
  await there.getByLabel('Password').fill(cleverCloud.config.user.password);
  await there.getByRole('button', { name: 'Log in' }).click();
  await there.getByRole('button', { name: 'Authorise' }).click();
  await expectAddedAndFocused(page);
});

test('import a pasted Clever Cloud token', async ({ browser }) => {
  const { page } = await launch(browser);
  const saved = await page.evaluate((c) => window.tessera.saveCleverCloudConsumer(c), {
    name: 'Demo consumer',
    key: cleverCloud.config.consumer.key,
    secret: cleverCloud.config.consumer.secret,
    callbackPort: await freePort(),
  });
  expect(saved.ok).toBe(true);
  await openAddFlow(page, 'clever-cloud');
  await page.keyboard.press('End');
  await expect(page.getByTestId('tab-import')).toBeFocused();
  await tabTo(page, 'cc-import-env');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Token', { exact: true })).toBeFocused();
  await page.keyboard.type(cleverCloud.config.token.token);
  await page.keyboard.press('Tab');
  await page.keyboard.type(cleverCloud.config.token.secret);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Issued to')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Issued to')).toHaveValue(saved.ok ? saved.value.id : '');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expectAddedAndFocused(page);
});

test('add a SaaSus account: set up the connection, log in, and a wrong key stays at its field', async ({ browser }) => {
  const { page } = await launch(browser);
  const port = await freePort();
  saasus.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
  await openAddFlow(page, 'saasus');
  const form = page.getByTestId('saasus-connection-form');
  await expect(form.getByLabel('Name', { exact: true })).toBeFocused();
  const c = saasus.config;
  for (const value of ['My SaaS', c.saasId, c.apiKey, 'not-the-secret-key']) {
    await typeHere(page, value);
    await page.keyboard.press('Tab');
  }
  await typeHere(page, c.baseUrl);
  await page.keyboard.press('Tab');
  await typeHere(page, c.loginUrl);
  await page.keyboard.press('Tab');
  await typeHere(page, String(port));
  // The address to register is there before saving, with its copy button.
  await expect(page.getByTestId('saasus-callback-to-register')).toContainText(`http://127.0.0.1:${port}/callback`);
  await page.keyboard.press('Enter');
  // The refused signature: focus goes to the first field it is about; the secret key is fixed by keyboard.
  await expect(form.getByLabel('SaaS ID')).toBeFocused();
  await expect(form.getByLabel('Secret key')).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Secret key')).toBeFocused();
  await typeHere(page, c.secretKey);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('saasus-test-result')).toBeVisible();
  await expect(page.getByTestId('saasus-login')).toBeFocused();
  const loginPage = harness!.nextSystemBrowserPage();
  await page.keyboard.press('Enter');
  const hosted = await loginPage;
  await hosted.getByLabel('Email').fill(c.users[0]!.email);
  await hosted.getByLabel('Password').fill(c.users[0]!.password);
  await hosted.getByRole('button', { name: /log in|sign in/i }).click();
  await expectAddedAndFocused(page);
});

test('copy a credential, change a setting, and remove an account', async ({ browser }) => {
  const h = await launch(browser);
  const { page } = h;
  const port = await freePort();
  saasus.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
  await addSaasusAccount(h, saasus, port);
  await addCleverCloudAccount(h, cleverCloud, await freePort());
  const rows = page.getByTestId('account-row');
  await expect(rows).toHaveCount(2);

  // Into the list from the filter, Enter opens the account; Tab reaches its first copy button.
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('account-filter')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(rows.first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-pane')).toBeFocused();
  const copy = page.getByTestId('detail-pane').locator('[data-testid^="copy-"]').first();
  await tabTo(page, (await copy.getAttribute('data-testid'))!);
  const writes = h.clipboardWrites.length;
  await page.keyboard.press('Enter');
  await expect.poll(() => h.clipboardWrites.length).toBe(writes + 1);
  expect(h.clipboardWrites.at(-1)!.concealed).toBe(true);

  // Settings: Ctrl+, opens it with focus inside; Tab to the warning field; Enter saves.
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('settings-dialog')).toBeVisible();
  await expect(page.getByTestId('settings-dialog').locator(':focus')).toHaveCount(1);
  await tabTo(page, 'warn-days');
  await typeHere(page, '21');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-dialog')).toHaveCount(0);
  expect(await page.evaluate(() => window.tessera.getSettings())).toMatchObject({ ok: true, value: { expiryWarningDays: 21 } });

  // Remove: Delete on the selected row asks; Cancel has focus, Tab to Remove, Enter.
  await page.keyboard.press('Control+f');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-testid="account-row"][aria-selected="true"]')).toBeFocused();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('remove-cancel')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('remove-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toBeFocused();
});

test('the dialog keeps Tab inside it, <summary> included; a failed import is shown at its control', async ({ browser }) => {
  const { page } = await launch(browser);
  await page.keyboard.press('Control+n');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tab-browser')).toBeFocused();
  // Importing from a file that is not there: the error is next to the file's field, which points at it.
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  await typeHere(page, '/nonexistent/clever-tools.json');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('cc-import-file')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('add-account-dialog').getByTestId('flow-error')).toBeVisible();
  await expect(page.getByLabel(/configuration file/)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(/configuration file/)).toHaveAttribute('aria-describedby', 'cc-file-error');
  await page.evaluate(() => {
    const details = document.createElement('details');
    details.innerHTML = '<summary data-testid="probe-summary">More</summary><p>Folded</p>';
    document.querySelector('[data-testid="add-account-dialog"] .dialog-body')!.append(details);
  });
  // Round the whole dialog, forwards: every stop is inside it, the <summary> one of them.
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const el = document.activeElement;
      return { inside: !!el?.closest('[data-testid="add-account-dialog"]'), id: el?.getAttribute('data-testid') ?? el?.tagName ?? '' };
    });
    expect(where.inside).toBe(true);
    seen.add(where.id);
  }
  expect(seen).toContain('probe-summary');
});

test('a toast shown while a dialog is open is inside it: Tab reaches it and screen readers hear it', async ({ browser }) => {
  const h = await launch(browser);
  const { page } = h;
  const port = await freePort();
  await addSaasusAccount(h, saasus, port);
  await expect(page.getByTestId('account-row')).toHaveCount(1);
  // A refresh that fails leaves an error toast, which stays until dismissed.
  saasus.server.faults.add({ fault: { kind: 'html', status: 502 }, method: 'GET', path: '/v1/auth/credentials' });
  await page.keyboard.press('Control+f');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-pane')).toBeFocused();
  await tabTo(page, 'refresh-account');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toHaveCount(1);
  // A modal dialog makes the rest of the window inert: the toast goes into the dialog.
  await page.keyboard.press('Control+n');
  const dialog = page.getByTestId('add-account-dialog');
  await expect(dialog.getByTestId('toast')).toHaveCount(1);
  await expect(dialog.getByTestId('toasts')).toHaveAttribute('aria-live', 'polite');
  let reached = false;
  for (let i = 0; i < 10 && !reached; i++) {
    await page.keyboard.press('Shift+Tab');
    reached = await page.evaluate(() => !!document.activeElement?.closest('[data-testid="toast"]'));
  }
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  await expect(dialog).toBeVisible();
});
