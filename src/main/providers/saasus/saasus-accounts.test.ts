/**
 * SaaSus accounts end to end in plain Node: the real services over the real keychain and a real
 * metadata file, against the SaaSus emulator over HTTP. The "system browser" is a tiny fetch-based
 * client that fills the emulator's hosted login form and follows its redirect to Tessera's
 * loopback listener, as a person's browser would.
 */
import { freePort } from '../../../../e2e/harness/free-port';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { navigate } from '../../../../emulators/browser-requests';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import type { AppServices } from '../../app-services';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { FakeClock } from '../../../../test/support/fake-clock';
import { createTestApp, testDesktop } from '../../../../test/support/test-app';
import { BINDING_KEY_ENTRY } from '../../vault/bindings';
import { METADATA_FILE_NAME } from '../../vault/metadata-store';
import { getUserInfo } from './api';

let world: TestWorld;
let emulator: SaasusEmulator;
let app: AppServices;
let browse: (url: string) => Promise<void>;

/** Fills the hosted login form as the given user and follows the redirect to the callback. */
function browserAs(email: string, password: string): (url: string) => Promise<void> {
  return async (url) => {
    await fetch(url);
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password }).toString(),
      redirect: 'manual',
    });
    const location = posted.headers.get('location');
    if (posted.status !== 303 || !location) throw new Error(`login form answered ${posted.status}`);
    await navigate(location);
  };
}

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startSaasusEmulator();
  const user = emulator.config.users[0]!;
  browse = browserAs(user.email, user.password);
  app = createTestApp(world, { loginTimeoutMs: 10_000, desktop: testDesktop((url) => browse(url)) });
});
afterEach(async () => {
  await emulator.close();
  await world.cleanup();
});

function apiOf(e: SaasusEmulator) {
  return { baseUrl: e.config.baseUrl, saasId: e.config.saasId, apiKey: e.config.apiKey, secretKey: e.config.secretKey };
}

async function connect(callbackPort = 0) {
  const connection = await app.saasus.connections.save({
    name: 'Demo SaaS',
    saasId: emulator.config.saasId,
    apiKey: emulator.config.apiKey,
    secretKey: emulator.config.secretKey,
    apiBaseUrl: emulator.config.baseUrl,
    loginUrl: emulator.config.loginUrl,
    callbackPort: callbackPort || (await freePort()),
  });
  emulator.setCallbackUrl(`http://127.0.0.1:${connection.callbackPort}/callback`);
  return connection;
}

describe('SaaSus connections', () => {
  it('keeps the secret key in the keychain only', async () => {
    const connection = await connect();
    expect((await world.keychain()).get(`connection/saasus/${connection.id}/secret-key`)).toBe(emulator.config.secretKey);
    const onDisk = readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');
    expect(onDisk).toContain(connection.saasId);
    expect(onDisk).not.toContain(emulator.config.secretKey);
    expect(await app.saasus.connections.list()).toEqual([connection]);
    expect(connection).toMatchObject({ status: 'ok', statusMessage: null });
    expect(connection).not.toHaveProperty('binding');
  });

  it('tests a connection: shows the registered callback and whether it is Tessera’s', async () => {
    const connection = await connect();
    expect(await app.saasus.connections.test(connection.id)).toEqual({
      callbackUrl: `http://127.0.0.1:${connection.callbackPort}/callback`,
      callbackIsLoopback: true,
      matchesTessera: true,
      expectedCallbackUrl: `http://127.0.0.1:${connection.callbackPort}/callback`,
    });
    emulator.setCallbackUrl('https://app.example.com/callback');
    expect(await app.saasus.connections.test(connection.id)).toMatchObject({ callbackIsLoopback: false, matchesTessera: false });
  });

  it('tests a connection before storing it when asked to: a refused one leaves nothing in the keychain or the metadata', async () => {
    const input = { name: 'Demo SaaS', saasId: emulator.config.saasId, apiKey: emulator.config.apiKey, apiBaseUrl: emulator.config.baseUrl, loginUrl: emulator.config.loginUrl, callbackPort: 28990, check: true };
    await expect(app.saasus.connections.save({ ...input, secretKey: 'not-the-secret-key' })).rejects.toMatchObject({ code: 'invalid_configuration', message: expect.stringMatching(/secret key/) });
    await expect(app.saasus.connections.save({ ...input, secretKey: emulator.config.secretKey, apiBaseUrl: 'http://127.0.0.1:9/v1/auth' })).rejects.toMatchObject({ code: 'network' });
    expect(await app.saasus.connections.list()).toEqual([]);
    expect([...(await world.keychain()).keys()].filter((k) => k.startsWith('connection/saasus/'))).toEqual([]);
    const saved = await app.saasus.connections.save({ ...input, secretKey: emulator.config.secretKey });
    expect(await app.saasus.connections.list()).toEqual([saved]);
    // An edit without the secret key is tested with the stored one.
    await expect(app.saasus.connections.save({ ...input, id: saved.id, name: 'Renamed' })).resolves.toMatchObject({ name: 'Renamed' });
  });

  it('says which key to check when SaaSus refuses the signature', async () => {
    const connection = await connect();
    await app.saasus.connections.save({ ...connection, secretKey: 'not-the-secret-key' });
    await expect(app.saasus.connections.test(connection.id)).rejects.toMatchObject({ code: 'invalid_configuration', message: expect.stringMatching(/secret key/) });
  });
});

describe('SaaSus login, refresh and hand-off', () => {
  it('logs in through the hosted page and stores tokens, tenants and roles', async () => {
    const connection = await connect();
    const account = await app.saasus.login('login-test-1', connection.id);
    const user = emulator.config.users[0]!;
    expect(account).toMatchObject({ provider: 'saasus', status: 'ok', subtitle: `${user.email} · Demo SaaS` });
    expect(account.expiresAt).toBeGreaterThan(Date.now());
    const detail = app.router.dispatch('accounts:get', { id: account.id }, { isMainFrame: true, url: 'app://tessera/index.html' });
    const result = await detail;
    expect(result.ok).toBe(true);
    const provided = result.ok ? (result.value as { provided: { kind: string; tenants: { envs: { roles: unknown[] }[] }[] } }).provided : null;
    expect(provided?.kind).toBe('saasus');
    expect(provided?.tenants.length).toBeGreaterThan(0);
    expect(provided?.tenants[0]?.envs[0]?.roles.length).toBeGreaterThan(0);
    // Only the refresh token is at rest; the one-hour ID and access tokens are held in memory.
    const keychain = await world.keychain();
    expect([...keychain.keys()].filter((k) => k.startsWith(`account/saasus/${account.id}/`))).toEqual([`account/saasus/${account.id}/refresh-token`]);
    const held = await app.saasus.readCredentials(account.id);
    expect(keychain.get(`account/saasus/${account.id}/refresh-token`) === held?.refreshToken).toBe(true);
    const atRest = [...keychain.values()];
    expect(atRest.includes(held!.idToken) || atRest.includes(held!.accessToken)).toBe(false);
    const onDisk = readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');
    for (const value of [...atRest, held!.idToken, held!.accessToken]) expect(onDisk.includes(value)).toBe(false);
  });

  it('logging the same user in again replaces the account in place', async () => {
    const connection = await connect();
    const first = await app.saasus.login('login-test-2', connection.id);
    const second = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    expect(second.id).toBe(first.id);
    expect(app.accounts.list()).toHaveLength(1);
  });

  it('refreshes once for 100 concurrent callers, and keeps the refresh token when none comes back', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const before = await app.saasus.readCredentials(account.id);
    const results = await Promise.all(Array.from({ length: 100 }, () => app.saasus.refresh(account.id)));
    expect(emulator.refreshCalls()).toBe(1);
    expect(new Set(results.map((r) => r.updatedAt)).size).toBe(1);
    const after = await app.saasus.readCredentials(account.id);
    expect(after?.idToken).not.toBe(before?.idToken);
    expect(after?.refreshToken).toBe(before?.refreshToken);
  });

  it('stores a rotated refresh token', async () => {
    emulator.setRotation(true);
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const before = await app.saasus.readCredentials(account.id);
    await app.saasus.refresh(account.id);
    const after = await app.saasus.readCredentials(account.id);
    expect(after?.refreshToken).toBeDefined();
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect((await world.keychain()).get(`account/saasus/${account.id}/refresh-token`) === after?.refreshToken).toBe(true);
    // The old one is dead at SaaSus: only the stored new one can refresh now, also after a restart.
    const restarted = createTestApp(world, { desktop: testDesktop() });
    await expect(restarted.saasus.refresh(account.id)).resolves.toMatchObject({ status: 'ok' });
  });

  it('refreshes a known account without reading or writing the keychain, unless the refresh token rotated', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const entry = `account/saasus/${account.id}/refresh-token`;
    const before = { ...app.secrets.stats };
    const first = await app.saasus.readCredentials(account.id);
    await app.saasus.refresh(account.id);
    const second = await app.saasus.readCredentials(account.id);
    expect(second!.accessToken).not.toBe(first!.accessToken);
    expect(app.secrets.stats).toEqual(before);

    emulator.setRotation(true);
    await app.saasus.refresh(account.id);
    // One write: the rotated refresh token, which is what the keychain now holds.
    expect(app.secrets.stats).toEqual({ reads: before.reads, writes: before.writes + 1 });
    const third = await app.saasus.readCredentials(account.id);
    expect(third!.refreshToken).not.toBe(second!.refreshToken);
    const keychain = await world.keychain();
    expect(keychain.get(entry) === third!.refreshToken).toBe(true);
    expect([...keychain.keys()].filter((k) => k.startsWith(`account/saasus/${account.id}/`))).toEqual([entry]);
    // The refreshed tokens are ones SaaSus accepts.
    await expect(getUserInfo(apiOf(emulator), third!.idToken)).resolves.toMatchObject({ email: emulator.config.users[0]!.email });
  });

  it('upgrades an account whose ID and access tokens an older Tessera stored: used once from the keychain, dropped by the next refresh', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const legacy = (await app.saasus.readCredentials(account.id))!;
    // What an older Tessera left: all three tokens in the keychain, named by the metadata.
    await app.secrets.set(`account/saasus/${account.id}/id-token`, legacy.idToken);
    await app.secrets.set(`account/saasus/${account.id}/access-token`, legacy.accessToken);
    app.metadata.update((doc) => ({
      ...doc,
      accounts: doc.accounts.map((a) => (a.id === account.id ? { ...a, secretFields: ['access-token', 'id-token', 'refresh-token'] } : a)),
    }));

    const upgradedDesktop = testDesktop();
    const upgraded = createTestApp(world, { desktop: upgradedDesktop });
    // The stored access token is still valid: the first copy uses it, no refresh.
    await upgraded.copies.copy(account.id, 'access-token');
    expect(emulator.refreshCalls()).toBe(0);
    expect(upgradedDesktop.clipboardText() === legacy.accessToken).toBe(true);

    await upgraded.saasus.refresh(account.id);
    expect(upgraded.accounts.record(account.id).secretFields).toEqual(['refresh-token']);
    expect([...(await world.keychain()).keys()].filter((k) => k.startsWith(`account/saasus/${account.id}/`))).toEqual([`account/saasus/${account.id}/refresh-token`]);
    upgraded.metadata.flush();
    expect(upgraded.metadata.document.journal).toEqual({ saving: [], removing: [] });
    // After another restart the account still works: the copy refreshes first.
    const againDesktop = testDesktop();
    const again = createTestApp(world, { desktop: againDesktop });
    await again.copies.copy(account.id, 'id-token');
    expect(emulator.refreshCalls()).toBe(2);
    await expect(getUserInfo(apiOf(emulator), againDesktop.clipboardText())).resolves.toMatchObject({ email: emulator.config.users[0]!.email });
  });

  it('reads a connection’s secret key once, and again after the connection is saved', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const reads = app.secrets.stats.reads;
    await app.saasus.refresh(account.id);
    expect(app.secrets.stats.reads - reads).toBe(0); // the secret key and the refresh token are known
    await app.saasus.connections.save({ ...connection, secretKey: 'not-the-secret-key' });
    const afterSave = app.secrets.stats.reads;
    await expect(app.saasus.refresh(account.id)).rejects.toMatchObject({ code: 'invalid_configuration' });
    expect(app.secrets.stats.reads - afterSave).toBe(1); // the saved secret key
    await app.saasus.connections.save({ ...connection, secretKey: emulator.config.secretKey });
    await expect(app.saasus.refresh(account.id)).resolves.toMatchObject({ status: 'ok' });
  });

  it('marks the account "needs login" on a revoked refresh token and keeps what it has', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const before = await app.saasus.readCredentials(account.id);
    emulator.revokeRefreshToken(before!.refreshToken!);
    await expect(app.saasus.refresh(account.id)).rejects.toMatchObject({ code: 'needs_login' });
    expect(app.accounts.record(account.id)).toMatchObject({ status: 'needs-login', statusMessage: expect.stringMatching(/log in again/) });
    expect(await app.saasus.readCredentials(account.id)).toEqual(before);
    expect((await world.keychain()).get(`account/saasus/${account.id}/refresh-token`) === before!.refreshToken).toBe(true);
  });

  it('keeps the tokens and says why when a refresh fails on the server', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const before = await app.saasus.readCredentials(account.id);
    emulator.server.faults.add({ fault: { kind: 'status', status: 500, body: JSON.stringify({ type: 'internal_error', message: 'boom' }) }, path: '/credentials', times: 1 });
    await expect(app.saasus.refresh(account.id)).rejects.toMatchObject({ code: 'http_error' });
    expect(app.accounts.record(account.id).status).toBe('failed');
    expect(await app.saasus.readCredentials(account.id)).toEqual(before);
    // The next refresh works and clears the failure.
    await expect(app.saasus.refresh(account.id)).resolves.toMatchObject({ status: 'ok', statusMessage: null });
  });

  it('hands the session to the browser with a single-use code on the callback URL', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const opened: string[] = [];
    browse = async (url) => void opened.push(url);
    const { expiresAt } = await app.saasus.openInBrowser(account.id);
    expect(expiresAt).toBeGreaterThan(Date.now());
    expect(opened).toHaveLength(1);
    const url = new URL(opened[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`http://127.0.0.1:${connection.callbackPort}/callback`);
    const code = url.searchParams.get('code')!;
    // The code redeems once, for this user's tokens.
    const other = await app.saasus.exchangePastedCode(connection.id, code);
    expect(other.id).toBe(account.id);
    await expect(app.saasus.exchangePastedCode(connection.id, code)).rejects.toMatchObject({ code: 'code_expired' });
  });

  it('after a restart, hands off after one refresh (no ID or access token is held any more)', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    const opened: string[] = [];
    const restarted = createTestApp(world, { desktop: testDesktop(async (url) => void opened.push(url)) });
    expect(await restarted.saasus.readCredentials(account.id)).toBeNull();
    await restarted.saasus.openInBrowser(account.id);
    expect(emulator.refreshCalls()).toBe(1);
    const code = new URL(opened[0]!).searchParams.get('code')!;
    await expect(app.saasus.exchangePastedCode(connection.id, code)).resolves.toMatchObject({ id: account.id });
  });

  it('refreshes in the background before the tokens expire', async () => {
    const clock = new FakeClock(Date.now());
    // SaaSus on the same clock: its tokens age, and it checks each signature's time, as the app's time passes.
    await emulator.close();
    emulator = await startSaasusEmulator({ clock: clock.now });
    const background = createTestApp(world, { clock, desktop: testDesktop() });
    const connection = await background.saasus.connections.save({
      name: 'Background',
      saasId: emulator.config.saasId,
      apiKey: emulator.config.apiKey,
      secretKey: emulator.config.secretKey,
      apiBaseUrl: emulator.config.baseUrl,
      loginUrl: emulator.config.loginUrl,
      callbackPort: 28999,
    });
    const account = await background.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    await background.start();
    await clock.advance(50 * 60_000);
    expect(emulator.refreshCalls()).toBe(0);
    // One hour tokens, refreshed 5 to 6 minutes before they expire.
    await vi.waitFor(async () => {
      await clock.advance(60_000);
      expect(emulator.refreshCalls()).toBe(1);
    });
    await vi.waitFor(() => expect(background.accounts.record(account.id).updatedAt).toBeGreaterThan(account.updatedAt));
    background.scheduler.stop();
  });

  it('refuses to remove a connection that still has accounts', async () => {
    const connection = await connect();
    const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
    await expect(app.saasus.connections.remove(connection.id)).rejects.toMatchObject({ code: 'conflict' });
    await app.accounts.remove(account.id);
    // Logged out: the tokens held in memory went with the account.
    await expect(app.saasus.readCredentials(account.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(app.copies.copy(account.id, 'access-token')).rejects.toMatchObject({ code: 'not_found' });
    await app.saasus.connections.remove(connection.id);
    // What is left is the bindings' key (src/main/vault/bindings.ts), no secret of the SaaS or its users.
    expect([...(await world.keychain()).keys()]).toEqual([BINDING_KEY_ENTRY]);
  });
});
