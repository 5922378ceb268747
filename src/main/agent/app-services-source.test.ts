/**
 * The agent's CredentialSource over today's services: real services, the real keychain, both
 * emulators over HTTP; only the desktop ports (Electron's part) are test doubles.
 */
import { demoConnectionInput } from '../../../emulators/saasus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../../emulators/saasus/server';
import { failure } from '../../../test/support/failure';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../../test/support/test-app';
import type { AppServices } from '../app-services';
import { appServicesSource } from './app-services-source';

let world: TestWorld;
let clever: CleverCloudEmulator;
let saasus: SaasusEmulator;
let app: AppServices;
let now = Date.now();

beforeEach(async () => {
  world = makeTestWorld();
  [clever, saasus] = await Promise.all([startCleverCloudEmulator(), startSaasusEmulator()]);
  const browser = new TestBrowser(clever.config.consoleUrl, { email: clever.config.user.email, password: clever.config.user.password });
  now = Date.now();
  app = createTestApp(world, {
    desktop: testDesktop(async (url) => void (await browser.open(url))),
    cleverCloud: { baseUrl: clever.config.baseUrl, consoleUrl: clever.config.consoleUrl, pollIntervalMs: 50 },
  });
});
afterEach(async () => {
  await Promise.all([clever.close(), saasus.close()]);
  await world.cleanup();
});

describe('appServicesSource', () => {
  it('lists accounts with nothing secret, and the API a Clever Cloud account logged in with', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-source-01');
    const source = appServicesSource(app);
    expect(source.list()).toEqual([
      { id: account.id, provider: 'clever-cloud', displayName: account.displayName, subtitle: account.subtitle, expiresAt: account.expiresAt, status: 'ok', statusMessage: null, endpoint: clever.config.baseUrl, bridge: 'https://api-bridge.clever-cloud.com' },
    ]);
    const token = (await app.cleverCloud.readCredentials(account.id))!.token;
    expect(JSON.stringify(source.list())).not.toContain(token);
  });

  it('hands out a Clever Cloud credential with one keychain read', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-source-02');
    const source = appServicesSource(app);
    const reads = app.secrets.stats.reads;
    const credential = await source.credential(account.id, 'authorization-header', { minValidMs: 60_000 });
    expect(app.secrets.stats.reads - reads).toBe(1);
    expect(credential).toEqual({ value: (await app.cleverCloud.copyable(account.id)).authorizationHeader, validUntil: account.expiresAt, label: 'Authorization header' });
  });

  it('a Clever Cloud token that dies within --min-valid cannot be refreshed: needs_login, before any keychain read', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-source-03');
    const source = appServicesSource(app, () => now);
    const reads = app.secrets.stats.reads;
    const lifetime = account.expiresAt! - now;
    const e = await failure(source.credential(account.id, 'authorization-header', { minValidMs: lifetime + 60_000 }));
    expect(e.code).toBe('needs_login');
    expect(e.message).toContain('--min-valid');
    expect(app.secrets.stats.reads).toBe(reads);
    const expired = appServicesSource(app, () => account.expiresAt! + 1);
    expect((await failure(expired.credential(account.id, 'authorization-header', { minValidMs: 0 }))).message).toContain('has expired');
  });

  it('refreshes a SaaSus token first when it would expire within --min-valid, and not otherwise', async () => {
    const connection = await app.saasus.connections.save(demoConnectionInput(saasus, 28993));
    const account = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    const source = appServicesSource(app);
    expect(source.list()[0]!.endpoint).toBeNull();
    const held = await source.credential(account.id, 'id-token', { minValidMs: 60_000 });
    expect(saasus.refreshCalls()).toBe(0);
    const refreshed = await source.credential(account.id, 'id-token', { minValidMs: 2 * 3_600_000 });
    expect(saasus.refreshCalls()).toBe(1);
    expect(refreshed.value).not.toBe(held.value);
    expect((await failure(source.credential(account.id, 'env-lines', { minValidMs: 0 }))).code).toBe('invalid_input');
  });

  it('says whether the keychain answers', async () => {
    expect(await appServicesSource(app).vaultStatus()).toEqual({ available: true, message: null });
  });
});
