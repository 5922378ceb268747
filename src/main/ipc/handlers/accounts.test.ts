/**
 * The account handlers that do more than call one service, through the real router: "Remove",
 * which revokes a Clever Cloud token first and removes a SaaSus account here only. Real keychain,
 * real metadata file, both emulators over HTTP; only the desktop ports (Electron's part) are test
 * doubles.
 */
import { demoConnectionInput } from '../../../../emulators/saasus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../../../test/support/test-app';
import { INVOKE_CHANNELS } from '../../../shared/channels';
import type { AppServices } from '../../app-services';
import { BINDING_KEY_ENTRY } from '../../vault/bindings';
import type { Sender } from '../router';

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };

let world: TestWorld;
let cleverCloud: CleverCloudEmulator;
let saasus: SaasusEmulator;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  [cleverCloud, saasus] = await Promise.all([startCleverCloudEmulator(), startSaasusEmulator()]);
  const browser = new TestBrowser(cleverCloud.config.consoleUrl, { email: cleverCloud.config.user.email, password: cleverCloud.config.user.password });
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop(async (url) => void (await browser.open(url))),
  });
});
afterEach(async () => {
  app.scheduler.stop();
  app.cleverCloud.retired.stop();
  await Promise.all([cleverCloud.close(), saasus.close()]);
  await world.cleanup();
});

const call = (name: keyof typeof INVOKE_CHANNELS, input?: unknown) => app.router.dispatch(INVOKE_CHANNELS[name], input, ours);
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
    expect(await call('removeAccount', { id: account.id })).toEqual({ ok: false, error: { code: 'network', message: expect.any(String), key: 'net.unreachable', params: { service: 'Clever Cloud' } } });
    expect(app.accounts.list()).toHaveLength(1);
    expect(await tokenOf(account.id)).toBe(token);
    expect(await call('removeAccount', { id: account.id, localOnly: true })).toEqual({ ok: true, value: null });
    expect(app.accounts.list()).toEqual([]);
    // Only the bindings key is left: it belongs to the app, not to an account.
    expect([...(await world.keychain()).keys()]).toEqual([BINDING_KEY_ENTRY]);
    expect(revoked(token)).toBe(false);
  });

  it('removes a SaaSus account here only (SaaSus has no endpoint that ends a session)', async () => {
    const connection = await app.saasus.connections.save(demoConnectionInput(saasus, 28871));
    const account = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    expect(await call('removeAccount', { id: account.id })).toEqual({ ok: true, value: null });
    expect(app.accounts.list()).toEqual([]);
    expect([...(await world.keychain()).keys()].sort()).toEqual([BINDING_KEY_ENTRY, `connection/saasus/${connection.id}/secret-key`]);
  });
});

describe('logoutAccount', () => {
  it('is "Remove": a Clever Cloud token is revoked first', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-rm-0005');
    const token = await tokenOf(account.id);
    expect(await call('logoutAccount', { id: account.id })).toEqual({ ok: true, value: null });
    expect(revoked(token)).toBe(true);
    expect(app.accounts.list()).toEqual([]);
  });
});

describe('refreshAccount', () => {
  it('refuses a Clever Cloud account (OAuth 1.0a tokens cannot be refreshed), which stays as it was', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-rm-0006');
    expect(await call('refreshAccount', { id: account.id })).toEqual({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('cannot be refreshed'), key: 'account.cannotRefresh', params: { provider: 'Clever Cloud' } } });
    expect(app.accounts.list()).toEqual([expect.objectContaining({ id: account.id, status: 'ok' })]);
  });
});
