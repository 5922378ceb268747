/**
 * The IPC bindings of app-services.ts that are more than a call into one service, through the
 * real router: "Remove" (which revokes a Clever Cloud token first), the pending revocations and
 * "Retry now", the SaaSus hand-off code on the clipboard, and the one clock every service reads.
 * Real keychain, real metadata file, both emulators over HTTP; only the desktop ports (Electron's
 * part) are test doubles.
 *
 * The app and both emulators share a clock a day ahead of the machine's: a service that read the
 * machine's time instead of the app's Clock would sign outside the emulators' window and fail.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../emulators/saasus/server';
import { INVOKE_CHANNELS } from '../shared/channels';
import type { ClipboardHold } from '../shared/types';
import type { AppServices } from './app-services';
import type { Sender } from './ipc/router';
import { FakeClock } from '../../test/support/fake-clock';
import { makeTestWorld, type TestWorld } from '../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../test/support/test-app';
import { BINDING_KEY_ENTRY } from './vault/bindings';

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };

let world: TestWorld;
let cleverCloud: CleverCloudEmulator;
let saasus: SaasusEmulator;
let clock: FakeClock;
let desktop: TestDesktop;
let app: AppServices;

const DAY = 86_400_000;

beforeEach(async () => {
  world = makeTestWorld();
  clock = new FakeClock(Date.now() + DAY);
  [cleverCloud, saasus] = await Promise.all([startCleverCloudEmulator({ clock: clock.now }), startSaasusEmulator({ clock: clock.now })]);
  const browser = new TestBrowser(cleverCloud.config.consoleUrl, { email: cleverCloud.config.user.email, password: cleverCloud.config.user.password });
  desktop = testDesktop(async (url) => void (await browser.open(url)));
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, pollIntervalMs: 50 },
    desktop,
    clock,
  });
});
afterEach(async () => {
  app.scheduler.stop();
  app.cleverCloud.retired.stop();
  await Promise.all([cleverCloud.close(), saasus.close()]);
  await world.cleanup();
});

const call = (name: keyof typeof INVOKE_CHANNELS, input?: unknown) => app.router.dispatch(INVOKE_CHANNELS[name], input, ours);
/** The SaaSus emulator's demo SaaS, as a user would save it. */
const saveDemoConnection = (callbackPort: number) =>
  app.saasus.saveConnection({
    name: 'Demo SaaS',
    saasId: saasus.config.saasId,
    apiKey: saasus.config.apiKey,
    secretKey: saasus.config.secretKey,
    apiBaseUrl: saasus.config.baseUrl,
    loginUrl: saasus.config.loginUrl,
    callbackPort,
  });
const tokenOf = async (id: string): Promise<string> => (await app.cleverCloud.readCredentials(id))!.token;
const revoked = (token: string): boolean | undefined => cleverCloud.listTokens().find((t) => t.token === token)?.revoked;

describe('removeAccount', () => {
  it('revokes a Clever Cloud token at Clever Cloud before removing the account', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-rm-0001');
    const token = await tokenOf(account.id);
    expect(await call('removeAccount', { id: account.id })).toEqual({ ok: true, value: null });
    expect(revoked(token)).toBe(true);
    expect(app.accounts.list()).toEqual([]);
    // Only the bindings key is left: it belongs to the app, not to an account.
    expect([...(await world.keychain()).keys()]).toEqual([BINDING_KEY_ENTRY]);
  });

  it('offline: a typed error and nothing removed; then `localOnly` removes it from Tessera', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-rm-0002');
    const token = await tokenOf(account.id);
    cleverCloud.server.faults.add({ fault: { kind: 'reset' }, method: 'DELETE' });
    expect(await call('removeAccount', { id: account.id })).toEqual({ ok: false, error: { code: 'network', message: expect.any(String) } });
    expect(app.accounts.list()).toHaveLength(1);
    expect(await tokenOf(account.id)).toBe(token);
    expect(await call('removeAccount', { id: account.id, localOnly: true })).toEqual({ ok: true, value: null });
    expect(app.accounts.list()).toEqual([]);
    // Only the bindings key is left: it belongs to the app, not to an account.
    expect([...(await world.keychain()).keys()]).toEqual([BINDING_KEY_ENTRY]);
    expect(revoked(token)).toBe(false);
  });

  it('removes a SaaSus account here only (SaaSus has no endpoint that ends a session)', async () => {
    const connection = await saveDemoConnection(45871);
    const account = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    expect(await call('removeAccount', { id: account.id })).toEqual({ ok: true, value: null });
    expect(app.accounts.list()).toEqual([]);
    expect([...(await world.keychain()).keys()].sort()).toEqual([BINDING_KEY_ENTRY, `connection/saasus/${connection.id}/secret-key`]);
  });
});

describe('pending revocations', () => {
  it('lists a replaced token that could not be revoked, and "Retry now" revokes it', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-rm-0003');
    const old = await tokenOf(account.id);
    cleverCloud.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 1 });
    await app.cleverCloud.loginWithConsole('login-rm-0004');
    expect(await call('listPendingRevocations')).toMatchObject({ ok: true, value: [{ accountId: account.id }] });
    const listed = await call('listPendingRevocations');
    expect(JSON.stringify(listed)).not.toContain(old);
    expect(await call('retryRevocations')).toEqual({ ok: true, value: { revoked: 1, pending: [] } });
    expect(revoked(old)).toBe(true);
    expect(await call('listPendingRevocations')).toEqual({ ok: true, value: [] });
  });
});

describe('copySaasusHandOff', () => {
  it('holds the code through the clipboard guard: shown as held, cleared when it dies and on quit', async () => {
    const connection = await saveDemoConnection(45872);
    const account = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    const holds: (ClipboardHold | null)[] = [];
    app.events.attach((event, payload) => event === 'clipboardChanged' && holds.push(payload as ClipboardHold | null));

    const before = clock.now();
    const copied = await call('copySaasusHandOff', { id: account.id });
    expect(copied).toMatchObject({ ok: true, value: { expiresAt: expect.any(Number) } });
    const { expiresAt } = (copied as { value: { expiresAt: number } }).value;
    const code = desktop.clipboardText();
    expect(code).not.toBe('');
    expect(JSON.stringify(copied)).not.toContain(code);
    // Shown like any other copy, until the code dies (10 s), not the 30 s of the setting.
    expect(holds).toEqual([{ what: 'Hand-off code', clearsAt: expect.any(Number) }]);
    const clearsIn = holds[0]!.clearsAt! - clock.now();
    expect(clearsIn).toBeLessThanOrEqual(expiresAt - before);
    expect(clearsIn).toBeGreaterThan(expiresAt - clock.now() - 1_000);
    expect(clearsIn).toBeLessThanOrEqual(10_000);
    await clock.advance(clearsIn - 1);
    expect(desktop.clipboardText()).toBe(code);
    await clock.advance(1);
    expect(desktop.clipboardText()).toBe('');
    expect(holds.at(-1)).toBeNull();

    // Quitting clears a code still held.
    await call('copySaasusHandOff', { id: account.id });
    expect(desktop.clipboardText()).not.toBe('');
    await app.clipboard.clearNow();
    expect(desktop.clipboardText()).toBe('');
  });
});

describe('one clock', () => {
  it('every service reads the app’s time: logins and refreshes sign with it, the accounts’ dates are its time', async () => {
    const cc = await app.cleverCloud.loginWithConsole('login-clock-01');
    expect(cc).toMatchObject({ status: 'ok', updatedAt: clock.now() });
    const connection = await saveDemoConnection(45870);
    const account = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    expect(account.updatedAt).toBe(clock.now());
    // The tokens SaaSus issued live one hour of the app's time: a copy 58 minutes on uses them as they are…
    await clock.advance(58 * 60_000);
    expect(await call('copyCredential', { id: account.id, kind: 'access-token' })).toMatchObject({ ok: true });
    expect(saasus.refreshCalls()).toBe(0);
    // …and one within the lead time (60 s) of their end refreshes first, signed with the app's time.
    await clock.advance(90_000);
    expect(await call('copyCredential', { id: account.id, kind: 'access-token' })).toMatchObject({ ok: true });
    expect(saasus.refreshCalls()).toBe(1);
    expect(app.accounts.record(account.id).updatedAt).toBe(clock.now());
    expect(await call('removeAccount', { id: cc.id })).toEqual({ ok: true, value: null });
  });
});
