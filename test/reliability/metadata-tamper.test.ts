/**
 * Where a secret may go (src/main/vault/bindings.ts): every metadata field that routes a request is
 * tampered with on disk, one at a time, and the app restarted over the same folder and keychain
 * service, as a process of the user could do while Tessera is closed. Then every path that could
 * send the affected secrets runs (refresh, copy, hand-off, login, code exchange, connection test,
 * log out, the scheduler, "Refresh all"), through the IPC router as the window calls them. Asserted:
 * a listening server standing in for the attacker's host receives NO request, the emulators receive
 * none either, each call fails with the typed `changed_outside` error, the affected entries say so,
 * the keychain is unchanged; and once the original file is put back (and the app restarted),
 * everything works again.
 *
 * Then the bridge: a `saveSaasusConnection` call that moves the API to another host needs the
 * secret key, and even with a new secret key an account's refresh token does not follow it.
 *
 * Real keychain, real metadata file, real HTTP to the bundled emulators; only Electron's parts are
 * test doubles (test-app.ts).
 */
import { freePort } from '../../e2e/harness/free-port';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../emulators/saasus/server';
import { INVOKE_CHANNELS, type InvokeName } from '../../src/shared/channels';
import type { RawInputOf } from '../../src/shared/contract';
import type { ErrorInfo, Result } from '../../src/shared/errors';
import '../../src/shared/i18n/all-catalogues';
import { errorText } from '../../src/shared/i18n/error-text';
import { statusText } from '../../src/shared/i18n/status-text';
import type { CleverCloudConsumer, SaasusConnection } from '../../src/shared/types';
import type { AppServices } from '../../src/main/app-services';
import { FakeClock } from '../support/fake-clock';
import { makeTestWorld, type TestWorld } from '../support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../support/test-app';
import { BINDING_KEY_ENTRY } from '../../src/main/vault/bindings';
import { METADATA_FILE_NAME } from '../../src/main/vault/metadata-store';

let world: TestWorld;
let saasus: SaasusEmulator;
let clever: CleverCloudEmulator;
let attacker: Server;
/** Every request the attacker's host received. */
const hits: string[] = [];
let attackerUrl: string;

/** What the setup created, by role. */
const ids = { connection: '', other: '', alice: '', consumer: '', consumerAccount: '', cliAccount: '' };
let original: string;
let keychainBefore: Map<string, string>;

const metadataFile = (): string => path.join(world.dir, `${METADATA_FILE_NAME}.json`);

interface Restarted {
  readonly app: AppServices;
  readonly desktop: TestDesktop;
  readonly clock: FakeClock;
}

/** Services a test opened: settled after it, so that a failing test leaves no write behind for the next. */
const opened: AppServices[] = [];

/** New services over the same folder and keychain service (a restart), started as the app does (unless `started` is false). */
async function restart(started = true): Promise<Restarted> {
  const desktop = testDesktop();
  const clock = new FakeClock(Date.now());
  const app = createTestApp(world, {
    desktop,
    clock,
    loginTimeoutMs: 5_000,
    cleverCloud: { baseUrl: clever.config.baseUrl, consoleUrl: clever.config.consoleUrl, pollIntervalMs: 50 },
  });
  opened.push(app);
  if (started) await app.start();
  return { app, desktop, clock };
}

/** Leaves nothing of these services that could write after the test changes the file. */
function settle(app: AppServices): void {
  app.scheduler.stop();
  app.metadata.flush();
}

async function call<K extends InvokeName>(app: AppServices, name: K, input?: RawInputOf<K>): Promise<Result<unknown>> {
  return app.router.dispatch(INVOKE_CHANNELS[name], input, { isMainFrame: true, url: 'app://tessera/index.html' });
}

beforeAll(async () => {
  world = makeTestWorld();
  [saasus, clever] = await Promise.all([startSaasusEmulator(), startCleverCloudEmulator()]);
  // Answers like a SaaS would where it can, so that a leak goes as far as it would for real (a
  // hand-off asks /auth-info before it posts the tokens).
  attacker = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(req.url?.includes('/auth-info') ? JSON.stringify({ callback_url: 'http://127.0.0.1:9/callback' }) : '{}');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;

  const browser = new TestBrowser(clever.config.consoleUrl, { email: clever.config.user.email, password: clever.config.user.password });
  const app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: clever.config.baseUrl, consoleUrl: clever.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop(async (url) => void (await browser.open(url))),
  });
  const port = await freePort();
  ids.connection = (
    await app.saasus.connections.save({
      name: 'Demo SaaS',
      saasId: saasus.config.saasId,
      apiKey: saasus.config.apiKey,
      secretKey: saasus.config.secretKey,
      apiBaseUrl: saasus.config.baseUrl,
      loginUrl: saasus.config.loginUrl,
      callbackPort: port,
    })
  ).id;
  saasus.setCallbackUrl(`http://127.0.0.1:${port}/callback`);
  // Another SaaS the user set up, on a host that must never see this SaaS's tokens.
  ids.other = (
    await app.saasus.connections.save({
      name: 'Other SaaS',
      saasId: 'other-saas',
      apiKey: 'other-api-key',
      secretKey: 'other-secret-key',
      apiBaseUrl: `${attackerUrl}/v1/auth`,
      loginUrl: `${attackerUrl}/login`,
      callbackPort: port + 1,
    })
  ).id;
  ids.alice = (await app.saasus.exchangePastedCode(ids.connection, saasus.issueTempCode(saasus.config.users[0]!.email))).id;
  ids.consumer = (await app.cleverCloud.consumers.save({ name: 'My consumer', key: clever.config.consumer.key, secret: clever.config.consumer.secret, callbackPort: port + 2 })).id;
  ids.consumerAccount = (await app.cleverCloud.importPasted(clever.config.token.token, clever.config.token.secret, ids.consumer)).id;
  ids.cliAccount = (await app.cleverCloud.loginWithConsole('tamper-setup-login')).id;
  await app.start();
  settle(app);
  original = readFileSync(metadataFile(), 'utf8');
  keychainBefore = await world.keychain();
  expect(hits).toEqual([]);
}, 60_000);

// Each test starts from the set-up's file and keychain, whatever the one before did (or failed to).
afterEach(async () => {
  hits.length = 0;
  for (const app of opened.splice(0)) settle(app);
  writeFileSync(metadataFile(), original);
  for (const [key, value] of await world.keychain()) {
    const before = keychainBefore.get(key);
    if (before === undefined) await keytar.deletePassword(world.service, key);
    else if (before !== value) await keytar.setPassword(world.service, key, before);
  }
});

afterAll(async () => {
  await Promise.all([saasus?.close(), clever?.close(), new Promise((resolve) => attacker?.close(resolve))]);
  await world?.cleanup();
});

// ---- The tampering ------------------------------------------------------------------------------------

type Entry = Record<string, unknown>;
interface Doc {
  saasusConnections: Entry[];
  cleverCloudConsumers: Entry[];
  accounts: (Entry & { id: string; data: Entry })[];
}

const connection = (doc: Doc, id = ids.connection): Entry => doc.saasusConnections.find((c) => c.id === id)!;
const consumer = (doc: Doc): Entry => doc.cleverCloudConsumers.find((c) => c.id === ids.consumer)!;
const account = (doc: Doc, id: string): Entry => doc.accounts.find((a) => a.id === id)!.data;

/** What a tampering reaches: the SaaS connection (and so Alice), Alice alone, the consumer (and its account), Clever Cloud accounts. */
interface Reach {
  readonly connection?: boolean;
  readonly alice?: boolean;
  readonly consumer?: boolean;
  readonly cleverCloudAccounts?: readonly ('consumerAccount' | 'cliAccount')[];
}

const CASES: readonly { name: string; tamper: (doc: Doc) => void; reach: Reach }[] = [
  { name: 'SaaSus connection: apiBaseUrl', tamper: (d) => void (connection(d).apiBaseUrl = `${attackerUrl}/v1/auth`), reach: { connection: true, alice: true } },
  { name: 'SaaSus connection: loginUrl', tamper: (d) => void (connection(d).loginUrl = `${attackerUrl}/login`), reach: { connection: true, alice: true } },
  { name: 'SaaSus connection: saasId', tamper: (d) => void (connection(d).saasId = 'another-saas-id'), reach: { connection: true, alice: true } },
  { name: 'SaaSus connection: apiKey', tamper: (d) => void (connection(d).apiKey = 'another-api-key'), reach: { connection: true, alice: true } },
  { name: 'SaaSus connection: MAC stripped', tamper: (d) => void delete connection(d).binding, reach: { connection: true, alice: true } },
  {
    name: 'SaaSus connection: fields and MAC copied from another connection',
    tamper: (d) => {
      const other = connection(d, ids.other);
      Object.assign(connection(d), { saasId: other.saasId, apiKey: other.apiKey, apiBaseUrl: other.apiBaseUrl, loginUrl: other.loginUrl, binding: other.binding });
    },
    reach: { connection: true, alice: true },
  },
  { name: 'SaaSus account: connectionId', tamper: (d) => void (account(d, ids.alice).connectionId = ids.other), reach: { alice: true } },
  {
    name: 'SaaSus account: connectionId and the origins it logged in with',
    tamper: (d) => void Object.assign(account(d, ids.alice), { connectionId: ids.other, apiOrigin: attackerUrl, loginOrigin: attackerUrl }),
    reach: { alice: true },
  },
  { name: 'SaaSus account: MAC stripped', tamper: (d) => void delete account(d, ids.alice).binding, reach: { alice: true } },
  { name: 'Clever Cloud consumer: key', tamper: (d) => void (consumer(d).key = 'attacker-consumer-key'), reach: { consumer: true, cleverCloudAccounts: ['consumerAccount'] } },
  { name: 'Clever Cloud consumer: MAC stripped', tamper: (d) => void delete consumer(d).binding, reach: { consumer: true, cleverCloudAccounts: ['consumerAccount'] } },
  { name: 'Clever Cloud account: API base URL', tamper: (d) => void (account(d, ids.cliAccount).apiBaseUrl = `${attackerUrl}/v2`), reach: { cleverCloudAccounts: ['cliAccount'] } },
  { name: 'Clever Cloud account: consumerRef', tamper: (d) => void (account(d, ids.consumerAccount).consumerRef = 'cli'), reach: { cleverCloudAccounts: ['consumerAccount'] } },
  { name: 'Clever Cloud account: MAC stripped', tamper: (d) => void delete account(d, ids.cliAccount).binding, reach: { cleverCloudAccounts: ['cliAccount'] } },
  {
    name: 'Clever Cloud account: route and MAC copied from another account',
    tamper: (d) => {
      const other = account(d, ids.cliAccount);
      Object.assign(account(d, ids.consumerAccount), { consumerRef: other.consumerRef, apiBaseUrl: other.apiBaseUrl, binding: other.binding });
    },
    reach: { cleverCloudAccounts: ['consumerAccount'] },
  },
  {
    name: 'every MAC stripped and the file made to look older (no upgrade step runs: the key is in the keychain)',
    tamper: (d) => {
      (d as unknown as Entry).schemaVersion = 2;
      for (const entry of [...d.saasusConnections, ...d.cleverCloudConsumers, ...d.accounts.map((a) => a.data)]) delete entry.binding;
    },
    reach: { connection: true, alice: true, consumer: true, cleverCloudAccounts: ['consumerAccount', 'cliAccount'] },
  },
];

/** Every call of the window that could send what `reach` covers; each must fail with `changed_outside`. */
async function refusedCalls(app: AppServices, reach: Reach): Promise<Record<string, Result<unknown>>> {
  const results: Record<string, Result<unknown>> = {};
  if (reach.connection) {
    results.testConnection = await call(app, 'testSaasusConnection', { id: ids.connection });
    results.exchangeCode = await call(app, 'exchangeSaasusCode', { connectionId: ids.connection, code: saasus.issueTempCode(saasus.config.users[1]!.email) });
    results.login = await call(app, 'loginSaasus', { loginId: 'tamper-login-1', connectionId: ids.connection });
  }
  if (reach.alice) {
    results.refresh = await call(app, 'refreshAccount', { id: ids.alice });
    results.copy = await call(app, 'copyCredential', { id: ids.alice, kind: 'access-token' });
    results.copyHandOff = await call(app, 'copySaasusHandOff', { id: ids.alice });
    results.openHandOff = await call(app, 'openSaasusHandOff', { id: ids.alice });
  }
  if (reach.consumer) {
    results.consumerLogin = await call(app, 'loginCleverCloudConsumer', { loginId: 'tamper-login-2', consumerId: ids.consumer });
    results.consumerImport = await call(app, 'importCleverCloudToken', { token: clever.config.token.token, secret: clever.config.token.secret, consumerId: ids.consumer });
  }
  for (const role of reach.cleverCloudAccounts ?? []) {
    for (const kind of ['authorization-header', 'env-lines', 'clever-tools-profile'] as const) results[`${role} copy ${kind}`] = await call(app, 'copyCredential', { id: ids[role], kind });
    results[`${role} logout`] = await call(app, 'logoutAccount', { id: ids[role] });
  }
  return results;
}

describe('a tampered metadata file, after a restart', () => {
  it.each(CASES)('$name: nothing is sent, calls fail typed, the entry says so; restoring the file mends it', async ({ tamper, reach }) => {
    const doc = JSON.parse(original) as Doc;
    tamper(doc);
    writeFileSync(metadataFile(), JSON.stringify(doc));
    const requests = { saasus: saasus.server.log.length, clever: clever.server.log.length };

    const { app, desktop, clock } = await restart();
    // Marked at start-up, before the scheduler or the tray could try them.
    const marked = [...(reach.alice ? [ids.alice] : []), ...(reach.cleverCloudAccounts ?? []).map((r) => ids[r])];
    for (const id of marked) expect(app.accounts.record(id), id).toMatchObject({ status: 'needs-login', statusMessage: expect.stringMatching(/changed outside Tessera/) });
    // …and says so in the window's language, from the reason it keeps as data.
    for (const id of marked) expect(statusText('ja', app.accounts.record(id)), id).toMatch(/Tessera の外部で変更されました/);
    for (const id of [ids.alice, ids.consumerAccount, ids.cliAccount].filter((id) => !marked.includes(id))) expect(app.accounts.record(id).status, id).toBe('ok');
    const connections = (await call(app, 'listSaasusConnections')) as Result<SaasusConnection[]>;
    expect(connections.ok && connections.value.find((c) => c.id === ids.connection)?.status).toBe(reach.connection ? 'changed-outside' : 'ok');
    const consumers = (await call(app, 'listCleverCloudConsumers')) as Result<CleverCloudConsumer[]>;
    expect(consumers.ok && consumers.value[0]?.status).toBe(reach.consumer ? 'changed-outside' : 'ok');
    const shown = [...(connections.ok ? connections.value : []), ...(consumers.ok ? consumers.value : [])].filter((c) => c.status !== 'ok');
    for (const c of shown) expect(errorText('ja', { ...c.statusReason!, message: '' } as ErrorInfo), c.name).toMatch(/Tessera の外部で変更されました/);

    const results = await refusedCalls(app, reach);
    for (const [name, result] of Object.entries(results)) expect(result, name).toMatchObject({ ok: false, error: { code: 'changed_outside', message: expect.stringMatching(/changed outside Tessera/) } });
    if (reach.alice) {
      // The scheduler does not plan it; if it had, this refresh would share its flight.
      expect(app.scheduler.plan().has(ids.alice)).toBe(false);
      await clock.advance(2 * 3600_000);
      await call(app, 'refreshAccount', { id: ids.alice });
      expect(await app.refreshAll()).toMatchObject({ refreshed: 0, needsLogin: 1 });
    }
    settle(app);

    expect(hits).toEqual([]);
    expect({ saasus: saasus.server.log.length, clever: clever.server.log.length }).toEqual(requests);
    expect(desktop.opened).toEqual([]);
    expect(desktop.clipboardText()).toBe('');
    const keychain = await world.keychain();
    expect([...keychain.keys()].sort()).toEqual([...keychainBefore.keys()].sort());
    // Compared as booleans: a failure names the entry, not the secret.
    for (const [key, value] of keychainBefore) expect(keychain.get(key) === value, key).toBe(true);
    expect(app.accounts.list()).toHaveLength(3);

    // Put back, restarted: everything works again.
    writeFileSync(metadataFile(), original);
    const mended = await restart();
    expect(mended.app.accounts.list().map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
    await expect(call(mended.app, 'testSaasusConnection', { id: ids.connection })).resolves.toMatchObject({ ok: true });
    await expect(call(mended.app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: true, value: { status: 'ok' } });
    await expect(call(mended.app, 'copyCredential', { id: ids.alice, kind: 'access-token' })).resolves.toMatchObject({ ok: true });
    for (const role of ['consumerAccount', 'cliAccount'] as const) {
      await expect(call(mended.app, 'copyCredential', { id: ids[role], kind: 'authorization-header' })).resolves.toMatchObject({ ok: true });
      const self = await fetch(`${clever.config.baseUrl}/self`, { headers: { authorization: mended.desktop.clipboardText() } });
      expect(self.status, role).toBe(200);
    }
    settle(mended.app);
    expect(hits).toEqual([]);
  });
});

describe('through the bridge', () => {
  /** The connection as the edit form sends it back, with `change` made. */
  const saved = (change: Partial<RawInputOf<'saveSaasusConnection'>> = {}): RawInputOf<'saveSaasusConnection'> => ({
    id: ids.connection,
    name: 'Demo SaaS',
    saasId: saasus.config.saasId,
    apiKey: saasus.config.apiKey,
    apiBaseUrl: saasus.config.baseUrl,
    loginUrl: saasus.config.loginUrl,
    callbackPort: 28871,
    ...change,
  });

  it('saveSaasusConnection cannot move a connection to another host, or change its SaaS ID or API key, without the secret key', async () => {
    const { app } = await restart();
    const before = readFileSync(metadataFile(), 'utf8');
    const attempts: [string, Partial<RawInputOf<'saveSaasusConnection'>>, RegExp][] = [
      ['API base URL', { apiBaseUrl: `${attackerUrl}/v1/auth` }, /secret key again to change the API base URL/],
      ['login page', { loginUrl: `${attackerUrl}/login` }, /secret key again to change the login page URL/],
      ['SaaS ID', { saasId: 'another-saas' }, /secret key again to change the SaaS ID/],
      ['API key', { apiKey: 'another-key' }, /secret key again to change the API key/],
    ];
    for (const [what, change, message] of attempts) {
      const result = await call(app, 'saveSaasusConnection', saved(change));
      expect(result, what).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    }
    expect(readFileSync(metadataFile(), 'utf8')).toBe(before);
    // What is not sealed may change: the name, the callback port, the path of a URL.
    await expect(call(app, 'saveSaasusConnection', saved({ name: 'Renamed', apiBaseUrl: `${saasus.config.baseUrl}/` }))).resolves.toMatchObject({
      ok: true,
      value: { name: 'Renamed', status: 'ok' },
    });
    await expect(call(app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: true });
    settle(app);
    expect(hits).toEqual([]);
  });

  it('saveSaasusConnection cannot seal a connection changed outside Tessera again without its secret key', async () => {
    const doc = JSON.parse(original) as Doc;
    connection(doc).apiBaseUrl = `${attackerUrl}/v1/auth`;
    writeFileSync(metadataFile(), JSON.stringify(doc));
    const { app } = await restart();
    // The edit form sends back what the file now says.
    await expect(call(app, 'saveSaasusConnection', saved({ apiBaseUrl: `${attackerUrl}/v1/auth` }))).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'Changed outside Tessera: enter the secret key again.' },
    });
    await expect(call(app, 'testSaasusConnection', { id: ids.connection })).resolves.toMatchObject({ ok: false, error: { code: 'changed_outside' } });
    await expect(call(app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: false, error: { code: 'changed_outside' } });
    expect(hits).toEqual([]);
    // With the secret key, and the real host, it is whole again, and so is its account.
    await expect(call(app, 'saveSaasusConnection', saved({ secretKey: saasus.config.secretKey }))).resolves.toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(app.accounts.record(ids.alice)).toMatchObject({ status: 'ok', statusMessage: null });
    await expect(call(app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: true });
  });

  it('with a new secret key and a new host, the account’s refresh token still does not go there: it must log in again', async () => {
    const { app, desktop } = await restart();
    // Fresh tokens held in memory: a hand-off would not need a refresh (and its check) first.
    await expect(call(app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: true });
    const moved = await call(app, 'saveSaasusConnection', saved({ apiBaseUrl: `${attackerUrl}/v1/auth`, loginUrl: `${attackerUrl}/login`, secretKey: 'attacker-secret-key' }));
    expect(moved).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(app.accounts.record(ids.alice)).toMatchObject({ status: 'needs-login', statusMessage: expect.stringMatching(/another host: log in again/) });
    expect(app.scheduler.plan().has(ids.alice)).toBe(false);
    for (const [name, input] of [
      ['refreshAccount', { id: ids.alice }],
      ['copySaasusHandOff', { id: ids.alice }],
      ['openSaasusHandOff', { id: ids.alice }],
    ] as const)
      expect(await call(app, name, input as never), name).toMatchObject({ ok: false, error: { code: 'needs_login', message: expect.stringMatching(/another host/) } });
    expect(await app.refreshAll()).toMatchObject({ refreshed: 0, needsLogin: 1 });
    expect(hits).toEqual([]);
    expect(desktop.opened).toEqual([]);
    expect(desktop.clipboardText()).toBe('');
    const refreshToken = `account/saasus/${ids.alice}/refresh-token`;
    expect((await world.keychain()).get(refreshToken) === keychainBefore.get(refreshToken)).toBe(true);

    // Back to the real host with the real secret key: the account is whole again.
    await expect(call(app, 'saveSaasusConnection', saved({ secretKey: saasus.config.secretKey }))).resolves.toMatchObject({ ok: true });
    expect(app.accounts.record(ids.alice)).toMatchObject({ status: 'ok', statusMessage: null });
    await expect(call(app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: true });
    settle(app);
    expect(hits).toEqual([]);
  });

  it('saveCleverCloudConsumer cannot change a consumer’s key without its secret, nor mend one changed outside Tessera', async () => {
    const { app } = await restart();
    const edit = { id: ids.consumer, name: 'My consumer', key: clever.config.consumer.key, callbackPort: 28870 };
    await expect(call(app, 'saveCleverCloudConsumer', { ...edit, key: 'attacker-consumer-key' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/consumer secret again to change the consumer key/) },
    });
    await expect(call(app, 'saveCleverCloudConsumer', { ...edit, name: 'Renamed' })).resolves.toMatchObject({ ok: true, value: { name: 'Renamed', status: 'ok' } });
    settle(app);

    const doc = JSON.parse(original) as Doc;
    consumer(doc).key = 'attacker-consumer-key';
    writeFileSync(metadataFile(), JSON.stringify(doc));
    const tampered = await restart();
    await expect(call(tampered.app, 'saveCleverCloudConsumer', { ...edit, key: 'attacker-consumer-key' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringMatching(/Changed outside Tessera: enter the consumer secret again/) },
    });
    // Entering the secret again mends the consumer, and its account comes back.
    expect(tampered.app.accounts.record(ids.consumerAccount).status).toBe('needs-login');
    await expect(call(tampered.app, 'saveCleverCloudConsumer', { ...edit, secret: clever.config.consumer.secret })).resolves.toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(tampered.app.accounts.record(ids.consumerAccount)).toMatchObject({ status: 'ok', statusMessage: null });
    await expect(call(tampered.app, 'copyCredential', { id: ids.consumerAccount, kind: 'authorization-header' })).resolves.toMatchObject({ ok: true });
    settle(tampered.app);
    expect(hits).toEqual([]);
  });
});

describe('upgrading from a Tessera that did not bind', () => {
  it('seals what the file says on the first run: nobody logs in again, and the seals hold from then on', async () => {
    // What an older Tessera left: no MAC, no recorded origins or API base URL, version 2, no key.
    const doc = JSON.parse(original) as Doc & { schemaVersion: number };
    doc.schemaVersion = 2;
    for (const c of [...doc.saasusConnections, ...doc.cleverCloudConsumers]) delete c.binding;
    for (const a of doc.accounts) for (const field of ['binding', 'apiOrigin', 'loginOrigin', 'apiBaseUrl']) delete a.data[field];
    writeFileSync(metadataFile(), JSON.stringify(doc));
    await keytar.deletePassword(world.service, BINDING_KEY_ENTRY);

    // Calls that race the start-up (a tray click, the copy shortcut) wait for the upgrade step and
    // see what it sealed.
    const { app, desktop } = await restart(false);
    const [, refreshed, copied] = await Promise.all([
      app.start(),
      call(app, 'refreshAccount', { id: ids.alice }),
      call(app, 'copyCredential', { id: ids.cliAccount, kind: 'authorization-header' }),
    ]);
    expect(refreshed).toMatchObject({ ok: true });
    expect(copied).toMatchObject({ ok: true });
    expect(app.accounts.list().map((a) => a.status)).toEqual(['ok', 'ok', 'ok']);
    const onDisk = JSON.parse(readFileSync(metadataFile(), 'utf8')) as Doc & { schemaVersion: number };
    expect(onDisk.schemaVersion).toBe(3);
    expect(account(onDisk, ids.alice)).toMatchObject({ apiOrigin: new URL(saasus.config.baseUrl).origin, loginOrigin: new URL(saasus.config.loginUrl).origin, binding: expect.any(String) });
    expect(account(onDisk, ids.cliAccount)).toMatchObject({ apiBaseUrl: clever.config.baseUrl, binding: expect.any(String) });
    expect((await world.keychain()).get(BINDING_KEY_ENTRY)).toBeDefined();
    await expect(call(app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: true });
    await expect(call(app, 'copyCredential', { id: ids.cliAccount, kind: 'authorization-header' })).resolves.toMatchObject({ ok: true });
    expect((await fetch(`${clever.config.baseUrl}/self`, { headers: { authorization: desktop.clipboardText() } })).status).toBe(200);
    settle(app);

    // From now on the key is there: the same file tampered afterwards is refused.
    const sealed = JSON.parse(readFileSync(metadataFile(), 'utf8')) as Doc;
    connection(sealed).apiBaseUrl = `${attackerUrl}/v1/auth`;
    writeFileSync(metadataFile(), JSON.stringify(sealed));
    const tampered = await restart();
    await expect(call(tampered.app, 'refreshAccount', { id: ids.alice })).resolves.toMatchObject({ ok: false, error: { code: 'changed_outside' } });
    settle(tampered.app);
    expect(hits).toEqual([]);

  });
});
