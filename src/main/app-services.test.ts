/**
 * The wiring of app-services.ts where it decides something: "Refresh all" goes to the accounts
 * whose provider can refresh (src/main/providers/registry.ts), and leaves the others alone. The
 * IPC handlers have their own tests beside them (src/main/ipc/handlers/). Real keychain, real
 * metadata file, both emulators over HTTP; only the desktop ports (Electron's part) are test
 * doubles.
 *
 * The app and both emulators share a clock a day ahead of the machine's: a service that read the
 * machine's time instead of the app's Clock would sign outside the emulators' window and fail.
 */
import { demoConnectionInput } from '../../emulators/saasus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../emulators/saasus/server';
import type { AppServices } from './app-services';
import { INVOKE_CHANNELS } from '../shared/channels';
import type { Sender } from './ipc/router';
import { FakeClock } from '../../test/support/fake-clock';
import { makeTestWorld, type TestWorld } from '../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../test/support/test-app';

let world: TestWorld;
let cleverCloud: CleverCloudEmulator;
let saasus: SaasusEmulator;
let clock: FakeClock;
let app: AppServices;

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };
const DAY = 86_400_000;

beforeEach(async () => {
  world = makeTestWorld();
  clock = new FakeClock(Date.now() + DAY);
  [cleverCloud, saasus] = await Promise.all([startCleverCloudEmulator({ clock: clock.now }), startSaasusEmulator({ clock: clock.now })]);
  const browser = new TestBrowser(cleverCloud.config.consoleUrl, { email: cleverCloud.config.user.email, password: cleverCloud.config.user.password });
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop(async (url) => void (await browser.open(url))),
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
  app.saasus.connections.save(demoConnectionInput(saasus, callbackPort));

describe('refreshAll', () => {
  it('refreshes every account whose provider can refresh, and counts no Clever Cloud account as failed', async () => {
    const connection = await app.saasus.connections.save(demoConnectionInput(saasus, 28873));
    await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    const clever = await app.cleverCloud.loginWithConsole('login-all-0001');
    const settled: number[] = [];
    expect(await app.refreshAll((n) => settled.push(n))).toEqual({ refreshed: 1, needsLogin: 0, failed: 0 });
    expect(saasus.refreshCalls()).toBe(1);
    expect(settled).toEqual([1]);
    expect(app.accounts.record(clever.id)).toMatchObject({ status: 'ok', statusMessage: null });
  });
});

describe('one clock', () => {
  it('every service reads the app’s time: logins and refreshes sign with it, the accounts’ dates are its time', async () => {
    const cc = await app.cleverCloud.loginWithConsole('login-clock-01');
    expect(cc).toMatchObject({ status: 'ok', updatedAt: clock.now() });
    const connection = await saveDemoConnection(28870);
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

describe('the list tells accounts apart', () => {
  it('each summary carries its scope: Clever Cloud its consumer and rights held, SaaSus its SaaS, tenants and session end; no secret', async () => {
    const cc = await app.cleverCloud.loginWithConsole('login-scope-01');
    const connection = await saveDemoConnection(28871);
    const user = saasus.config.users[0]!;
    const ss = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(user.email));
    const listed = await call('listAccounts');
    expect(listed.ok).toBe(true);
    const list = (listed as { value: { id: string; scope?: unknown }[] }).value;
    // The summary names no token of either account.
    const held = await app.saasus.readCredentials(ss.id);
    expect(JSON.stringify(list)).not.toContain(held!.accessToken);
    expect(JSON.stringify(list)).not.toContain(held!.refreshToken!);
    const ccScope = list.find((a) => a.id === cc.id)?.scope as { via: string; rights: { granted: number; total: number }; sessionEndsAt: null };
    expect(ccScope.via).toBeTruthy();
    expect(ccScope.rights.total).toBeGreaterThan(0);
    expect(ccScope.rights.granted).toBeLessThanOrEqual(ccScope.rights.total);
    expect(ccScope.sessionEndsAt).toBeNull();
    const ssScope = list.find((a) => a.id === ss.id)?.scope as { via: string | null; tenants: string[]; sessionEndsAt: number };
    // The SaaS is in the subtitle already.
    expect(ssScope.via).toBeNull();
    expect(list.find((a) => a.id === ss.id)).toMatchObject({ subtitle: expect.stringContaining(connection.name) });
    const detail = (await call('getAccount', { id: ss.id })) as { value: { provided: { tenants: { name: string }[] } } };
    expect(detail.value.provided.tenants.length).toBeGreaterThan(0);
    expect(ssScope.tenants).toEqual(detail.value.provided.tenants.map((t) => t.name));
    // The session lasts as long as the refresh token: about 30 days from the login.
    expect(ssScope.sessionEndsAt).toBe(clock.now() + 30 * DAY);
  });
});
