/**
 * The walking skeleton end to end: accounts stored in the real keychain and metadata file are
 * listed by the production renderer over the real bridge and router; removing one in the UI
 * deletes its keychain entries; bad payloads, an unreachable keychain and a corrupt metadata file
 * are handled where a user would see them.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import keytar from 'keytar';
import { AccountsService, type NewAccount } from '../src/main/accounts/accounts-service';
import { EventHub } from '../src/main/ipc/events';
import { confFactory } from '../test/support/real-stores';
import { METADATA_FILE_NAME, MetadataStore } from '../src/main/vault/metadata-store';
import { KeytarSecretStore } from '../src/main/vault/secret-store';
import { launchHarness, type Harness } from './harness/harness';

const DAY = 86_400_000;

/** Saves accounts with the app's own service, as a previous run of the app would have. */
async function seedAccounts(dataDir: string, keychainService: string, accounts: NewAccount[]): Promise<string[]> {
  const service = new AccountsService({
    metadata: MetadataStore.open({ dir: dataDir, factory: confFactory }),
    secrets: new KeytarSecretStore({ keytar, service: keychainService }),
    events: new EventHub(),
  });
  const ids: string[] = [];
  for (const a of accounts) ids.push((await service.save(a)).id);
  return ids;
}

const alice: NewAccount = {
  provider: 'clever-cloud',
  displayName: 'Alice Martin',
  subtitle: 'alice@example.com',
  expiresAt: Date.now() + 80 * DAY,
  secrets: { token: 'alice-token-value', 'token-secret': 'alice-secret-value' },
};
const bob: NewAccount = {
  provider: 'saasus',
  displayName: 'Bob Tanaka',
  subtitle: 'bob@example.jp',
  expiresAt: Date.now() + 3 * DAY,
  secrets: { 'id-token': 'bob-id-token', 'access-token': 'bob-access-token', 'refresh-token': 'bob-refresh-token' },
};

const carol: NewAccount = {
  provider: 'clever-cloud',
  displayName: 'Carol Dubois',
  subtitle: 'carol@example.fr',
  expiresAt: Date.now() + 3 * DAY,
  secrets: { token: 'carol-token-value', 'token-secret': 'carol-secret-value' },
};

let harness: Harness | undefined;
test.afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function launchWith(browser: Browser, accounts: NewAccount[]): Promise<{ h: Harness; ids: string[] }> {
  let ids: string[] = [];
  const h = await launchHarness(browser, { before: async ({ dataDir, keychainService }) => void (ids = await seedAccounts(dataDir, keychainService, accounts)) });
  harness = h;
  return { h, ids };
}

test('shows the empty state on a first run', async ({ browser }) => {
  const { h } = await launchWith(browser, []);
  await expect(h.page.getByTestId('empty-state')).toBeVisible();
  await expect(h.page.getByTestId('empty-state').getByRole('button', { name: /add account/i })).toBeVisible();
  await h.screenshot('empty-state');
  await h.page.emulateMedia({ colorScheme: 'dark' });
  await h.screenshot('empty-state-dark');
});

test('lists accounts whose secrets are in the keychain, with provider and token state', async ({ browser }) => {
  const { h, ids } = await launchWith(browser, [alice, bob, carol]);
  const rows = h.page.getByTestId('account-row');
  await expect(rows).toHaveCount(3);
  const row = (i: number) => h.page.locator(`[data-testid="account-row"][data-account-id="${ids[i]}"]`);
  await expect(row(0)).toContainText('Alice Martin');
  await expect(row(0)).toContainText('Clever Cloud');
  await expect(row(0)).toContainText(/valid/i);
  await expect(row(1)).toContainText('SaaSus');
  // A SaaSus token refreshes itself: 3 days left is valid.
  await expect(row(1)).toContainText(/valid/i);
  // A Clever Cloud token with 3 days left, inside the default 14-day warning: expiring, in words,
  // and first, under "Needs attention".
  await expect(row(2)).toContainText(/expiring/i);
  await expect(row(2)).toContainText(/expires in 3 days/);
  await expect(h.page.getByTestId('attention-group').getByTestId('account-row')).toHaveAttribute('data-account-id', ids[2]!);
  await expect(h.page.getByTestId('attention-heading')).toHaveText('Needs attention · 1');
  // Nothing secret reached the page.
  const html = await h.page.content();
  for (const secret of [alice, bob, carol].flatMap((a) => Object.values(a.secrets))) expect(html).not.toContain(secret);
  await h.screenshot('account-list');
  await h.page.emulateMedia({ colorScheme: 'dark' });
  await h.screenshot('account-list-dark');
});

test('removing an account in the UI deletes its keychain entries', async ({ browser }) => {
  const { h, ids } = await launchWith(browser, [alice, bob]);
  const aliceId = ids[0]!;
  expect(await keytar.getPassword(h.keychainService, `account/clever-cloud/${aliceId}/token`)).toBe('alice-token-value');

  await h.page.locator(`[data-testid="account-row"][data-account-id="${aliceId}"]`).click();
  await expect(h.page.getByTestId('detail-pane')).toContainText('Alice Martin');
  await h.screenshot('account-detail');
  // A seeded Clever Cloud account: Remove revokes first (nothing to revoke for a token Tessera cannot use).
  await h.page.getByTestId('account-menu').click();
  await h.page.getByTestId('remove-button').click();
  const dialog = h.page.getByRole('dialog');
  await expect(dialog).toContainText('Alice Martin');
  await expect(dialog.getByTestId('remove-explanation')).toContainText('revokes its token at Clever Cloud');
  await h.screenshot('remove-dialog');
  await dialog.getByTestId('remove-confirm').click();

  await expect(h.page.getByTestId('account-row')).toHaveCount(1);
  expect(await keytar.getPassword(h.keychainService, `account/clever-cloud/${aliceId}/token`)).toBeNull();
  expect(await keytar.getPassword(h.keychainService, `account/clever-cloud/${aliceId}/token-secret`)).toBeNull();
  // Bob is untouched.
  expect(await keytar.getPassword(h.keychainService, `account/saasus/${ids[1]}/refresh-token`)).toBe('bob-refresh-token');

  // A SaaSus account: SaaSus cannot end a session, and the dialog says so.
  await h.page.locator(`[data-testid="account-row"][data-account-id="${ids[1]}"]`).click();
  await h.page.getByTestId('account-menu').click();
  await h.page.getByTestId('remove-button').click();
  await expect(h.page.getByTestId('remove-explanation')).toContainText('the session simply ends on this device');
  await h.page.getByTestId('remove-confirm').click();
  await expect(h.page.getByTestId('empty-state')).toBeVisible();
  expect(await keytar.getPassword(h.keychainService, `account/saasus/${ids[1]}/refresh-token`)).toBeNull();
});

test('the list is usable by keyboard', async ({ browser }) => {
  const { h } = await launchWith(browser, [alice, bob]);
  const rows = h.page.getByTestId('account-row');
  await expect(rows).toHaveCount(2);
  await rows.first().focus();
  await h.page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await h.page.keyboard.press('Enter');
  await expect(h.page.getByTestId('detail-pane')).toContainText(/Alice Martin|Bob Tanaka/);
});

test('invalid payloads from the page get typed errors and change nothing', async ({ browser }) => {
  const { h, ids } = await launchWith(browser, [alice]);
  await expect(h.page.getByTestId('account-row')).toHaveCount(1);
  const id = ids[0]!;
  const results = await h.page.evaluate(async (accountId) => {
    const api = window.tessera as unknown as Record<string, (input?: unknown) => Promise<unknown>>;
    const attempts: [string, unknown][] = [
      ['renameAccount', { id: accountId, name: 42 }],
      ['renameAccount', { id: accountId }],
      ['renameAccount', { id: accountId, name: 'x', admin: true }],
      ['renameAccount', { id: accountId, name: 'y'.repeat(100_000) }],
      ['renameAccount', JSON.parse(`{"id":"${accountId}","name":"z","__proto__":{"isAdmin":true}}`)],
      ['removeAccount', { id: { $ne: null } }],
      ['removeAccount', 'all'],
      ['getAccount', { id: '../../../etc/passwd' }],
      ['updateSettings', { expiryWarningDays: 'many' }],
      ['openExternal', { url: 'file:///etc/passwd' }],
    ];
    const out: unknown[] = [];
    for (const [method, input] of attempts) out.push(await api[method]!(input));
    return out;
  }, id);
  results.forEach((result, i) => expect(result, `attempt ${i}`).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.any(String) } }));
  expect(h.openedUrls).toEqual([]);
  const list = await h.page.evaluate(() => window.tessera.listAccounts());
  expect(list).toMatchObject({ ok: true, value: [{ id, displayName: 'Alice Martin' }] });
  expect(await keytar.getPassword(h.keychainService, `account/clever-cloud/${id}/token`)).toBe('alice-token-value');
});

test('a call that does not come from the main frame is refused', async ({ browser }) => {
  const { h } = await launchWith(browser, [alice]);
  const result = await h.invokeRaw('accounts:list', undefined, { isMainFrame: false });
  expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  const foreign = await h.invokeRaw('accounts:list', undefined, { url: 'https://evil.example/' });
  expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
});

test('an unreachable keychain shows a banner and the app keeps working', async ({ browser }) => {
  const h = await launchHarness(browser, { keychain: 'unreachable' });
  harness = h;
  const banner = h.page.getByTestId('banner');
  await expect(banner).toContainText(/keychain/i);
  await expect(h.page.getByTestId('empty-state')).toBeVisible();
  await h.screenshot('keychain-unavailable');
  // Settings still work: the app did not crash.
  const settings = await h.page.evaluate(() => window.tessera.updateSettings({ expiryWarningDays: 7 }));
  expect(settings).toMatchObject({ ok: true, value: { expiryWarningDays: 7 } });
});

test('a corrupt metadata file is moved aside and the list rebuilt from the keychain', async ({ browser }) => {
  let ids: string[] = [];
  const h = await launchHarness(browser, {
    before: async ({ dataDir, keychainService }) => {
      ids = await seedAccounts(dataDir, keychainService, [alice, bob]);
      writeFileSync(path.join(dataDir, `${METADATA_FILE_NAME}.json`), '{"schemaVersion":1,"accounts":[{"id":');
    },
  });
  harness = h;
  const rows = h.page.getByTestId('account-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(/recovered/i);
  const listed = await h.page.evaluate(() => window.tessera.listAccounts());
  expect(listed.ok && listed.value.map((a) => a.id).sort()).toEqual([...ids].sort());
  await h.screenshot('recovered-accounts');
});
