/**
 * What needs attention, end to end: accounts in every state (seeded with the app's own service, as
 * an earlier run would have left them) come first under "Needs attention" with words that say what
 * to do, the chips count them, and the filter finds them by those words. A real SaaSus account
 * (the emulator) is copied from the credentials card, whose button says "Copied · clears in …",
 * and the account's menu works from the keyboard. axe-core checks the list and the account view,
 * light and dark (the selected row's badges included).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import keytar from 'keytar';
import { demoConnectionInput } from '../emulators/saasus/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../emulators/saasus/server';
import { AccountsService, type NewAccount } from '../src/main/accounts/accounts-service';
import { EventHub } from '../src/main/ipc/events';
import type { AccountRecord } from '../src/main/vault/metadata-schema';
import { MetadataStore } from '../src/main/vault/metadata-store';
import { KeytarSecretStore } from '../src/main/vault/secret-store';
import { confFactory } from '../test/support/real-stores';
import { launchHarness, type Harness } from './harness/harness';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let harness: Harness | undefined;
let emulator: SaasusEmulator | undefined;
test.afterEach(async () => {
  if (harness) expect(await harness.closeAudited(emulator?.issuedSecrets() ?? [])).toEqual([]);
  harness = undefined;
  await emulator?.close();
  emulator = undefined;
});

const cc = (displayName: string, expiresIn: number): NewAccount => ({
  provider: 'clever-cloud',
  displayName,
  subtitle: `${displayName.toLowerCase()}@example.com`,
  expiresAt: Date.now() + expiresIn,
  secrets: { token: `${displayName}-token`, 'token-secret': `${displayName}-secret` },
});

/** Saves accounts and sets their status, as a previous run of the app would have. */
async function seed(dataDir: string, keychainService: string, accounts: { account: NewAccount; status?: AccountRecord['status'] }[]): Promise<void> {
  const service = new AccountsService({
    metadata: MetadataStore.open({ dir: dataDir, factory: confFactory }),
    secrets: new KeytarSecretStore({ keytar, service: keychainService }),
    events: new EventHub(),
  });
  for (const { account, status } of accounts) {
    const { id } = await service.save(account);
    if (status) service.setStatus(id, status, status === 'failed' ? { code: 'network', message: 'Refresh failed: SaaSus could not be reached.' } : { code: 'needs_login', message: 'Log in again.' });
  }
}

const rowNamed = (page: Page, name: string) => page.getByTestId('account-row').filter({ hasText: name });

async function axe(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  const result = await new AxeBuilder({ page }).include('[data-testid="account-list"]').include('[data-testid="state-chips"]').include('[data-testid="detail-pane"]').analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), scheme).toEqual([]);
}

test('accounts that need attention come first, in words, counted by the chips and found by the filter', async ({ browser }) => {
  harness = await launchHarness(browser, {
    before: ({ dataDir, keychainService }) =>
      seed(dataDir, keychainService, [
        { account: cc('Fine', 80 * DAY) },
        { account: cc('Soon', 10 * DAY) },
        { account: cc('Today', 5 * HOUR) },
        { account: cc('Gone', -2 * HOUR) },
        { account: cc('Locked', 80 * DAY), status: 'needs-login' },
        {
          account: { provider: 'saasus', displayName: 'Failing', subtitle: 'failing@example.jp', expiresAt: Date.now() + 3 * DAY, secrets: { 'access-token': 'failing-access', 'id-token': 'failing-id' } },
          status: 'failed',
        },
      ]),
  });
  const { page } = harness;
  const attention = page.getByTestId('attention-group').getByTestId('account-row');
  await expect(attention).toHaveCount(5);
  await expect(page.getByTestId('attention-heading')).toHaveText('Needs attention · 5');
  // Nothing works first (expired, needs login), then a failing refresh, then by how soon.
  await expect(attention.locator('.row-name')).toHaveText(['Gone', 'Locked', 'Failing', 'Today', 'Soon']);
  await expect(page.getByTestId('other-group').getByTestId('account-row')).toHaveText([/Fine/]);

  await expect(rowNamed(page, 'Gone')).toContainText('Expired');
  await expect(rowNamed(page, 'Gone')).toHaveAttribute('data-tone', 'danger');
  await expect(rowNamed(page, 'Locked')).toContainText('Needs login');
  // A failing refresh whose tokens still work is amber, and says how long they last.
  await expect(rowNamed(page, 'Failing')).toContainText('Refresh failing');
  await expect(rowNamed(page, 'Failing')).toContainText('valid 3 days');
  await expect(rowNamed(page, 'Failing')).toHaveAttribute('data-tone', 'warn');
  // Urgency in steps: under a day strong, within the warning window quiet.
  await expect(rowNamed(page, 'Today')).toContainText('expires in 5 hours');
  await expect(rowNamed(page, 'Today')).toHaveAttribute('data-tone', 'strong');
  await expect(rowNamed(page, 'Soon')).toContainText('expires in 10 days');
  await expect(rowNamed(page, 'Soon')).toHaveAttribute('data-tone', 'quiet');

  // The chips count each state; one narrows the list to it.
  await expect(page.getByTestId('chip-attention')).toContainText('5');
  await expect(page.getByTestId('chip-expired')).toContainText('1');
  await expect(page.getByTestId('chip-needs-login')).toContainText('1');
  await expect(page.getByTestId('chip-failing')).toContainText('1');
  await expect(page.getByTestId('chip-expiring')).toContainText('2');
  await page.getByTestId('chip-expiring').click();
  await expect(page.getByTestId('chip-expiring')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('account-row').locator('.row-name')).toHaveText(['Soon', 'Today']);
  await page.getByTestId('chip-all').click();
  await expect(page.getByTestId('account-row')).toHaveCount(6);

  // The filter finds accounts by the words of their state as well as by name.
  await page.getByTestId('account-filter').fill('expired');
  await expect(page.getByTestId('account-row').locator('.row-name')).toHaveText(['Gone']);
  await page.getByTestId('account-filter').fill('needs attention');
  await expect(page.getByTestId('account-row')).toHaveCount(5);
  await page.getByTestId('account-filter').fill('');

  // The account view says what the state means, with the exact date as text.
  await rowNamed(page, 'Gone').click();
  const detail = page.getByTestId('detail-pane');
  await expect(detail.getByTestId('state-explanation')).toContainText('The credentials have expired: log in again.');
  await expect(detail.getByTestId('state-exact')).toContainText(/^Expired /);
  await expect(detail.getByTestId('cc-login-again')).toHaveClass(/primary/);
  await axe(page, 'light');
  await harness.screenshot('attention-list');
  await axe(page, 'dark');
  await harness.screenshot('attention-list-dark');
  await page.setViewportSize({ width: 800, height: 600 });
  await axe(page, 'light');
  await harness.screenshot('attention-list-800x600');
});

test('the credentials card copies and says so on its button; the account menu works from the keyboard', async ({ browser }) => {
  emulator = await startSaasusEmulator();
  harness = await launchHarness(browser);
  const { page } = harness;
  const connection = await page.evaluate((input) => window.tessera.saveSaasusConnection(input), demoConnectionInput(emulator, 28994));
  if (!connection.ok) throw new Error(connection.error.message);
  const code = emulator.issueTempCode(emulator.config.users[0]!.email);
  expect((await page.evaluate(([id, c]) => window.tessera.exchangeSaasusCode({ connectionId: id, code: c }), [connection.value.id, code] as const)).ok).toBe(true);

  const row = page.getByTestId('account-row');
  // A SaaSus session renews itself: it says until when, and asks nothing.
  await expect(row).toContainText('Renews itself');
  await expect(row).toContainText(/session until/);
  await expect(row).toContainText('Demo SaaS');
  await row.click();
  const detail = page.getByTestId('detail-pane');
  const card = detail.getByTestId('credentials-card');
  await expect(card.getByTestId('credential-access-token')).toContainText(/JWT · valid (\d+ min|1 hour)/);
  await card.getByTestId('copy-access-token').click();
  await expect(card.getByTestId('copy-access-token')).toContainText(/Copied · clears in \d+ sec/);
  // The countdown changes every second: it is in no live region (the start and the end are said once, elsewhere).
  expect(await card.getByTestId('copy-access-token').evaluate((el) => el.closest('[aria-live], [role="status"], [role="alert"], [role="log"]') === null)).toBe(true);
  await expect(page.getByTestId('clipboard-announcement')).toHaveText(/^Access token copied\. The clipboard is cleared in \d+ sec/);
  await expect(page.getByTestId('toasts')).not.toContainText(/copied/i);
  expect(harness.clipboardWrites.at(-1)?.concealed).toBe(true);
  await harness.screenshot('credentials-copied');

  // The menu button: Enter opens it on its first item, the arrows move, Escape closes it and
  // returns focus to the button.
  const menuButton = detail.getByTestId('account-menu');
  await menuButton.focus();
  await page.keyboard.press('Enter');
  await expect(detail.getByTestId('account-menu-menu')).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(detail.getByTestId('rename-button')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(detail.getByTestId('remove-button')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(detail.getByTestId('rename-button')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(detail.getByTestId('account-menu-menu')).toBeHidden();
  await expect(menuButton).toBeFocused();
  // ArrowDown opens it too; Enter on Rename opens the name field.
  await page.keyboard.press('ArrowDown');
  await expect(detail.getByTestId('rename-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail.getByTestId('rename-input')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menuButton).toBeFocused();
  // Space opens it; ArrowUp goes to the last item, Remove, whose dialog Escape closes.
  await page.keyboard.press(' ');
  await page.keyboard.press('ArrowUp');
  await expect(detail.getByTestId('remove-button')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('remove-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('remove-dialog')).toBeHidden();
});
