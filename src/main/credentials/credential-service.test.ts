/**
 * Fresh credentials through the real services: SaaSus and Clever Cloud accounts against their
 * emulators, the real keychain and a real metadata file. No clipboard: the values come back to
 * the caller (src/main/clipboard/copy.test.ts checks the copy that writes them).
 */
import { demoConnectionInput } from '../../../emulators/saasus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../../emulators/saasus/server';
import type { AppServices } from '../app-services';
import { getUserInfo } from '../providers/saasus/api';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { FakeClock } from '../../../test/support/fake-clock';
import { createTestApp, testDesktop, type TestDesktop } from '../../../test/support/test-app';

let world: TestWorld;
let saasus: SaasusEmulator;
let clever: CleverCloudEmulator;
let desktop: TestDesktop;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  saasus = await startSaasusEmulator();
  clever = await startCleverCloudEmulator();
  const browser = new TestBrowser(clever.config.consoleUrl, { email: clever.config.user.email, password: clever.config.user.password });
  desktop = testDesktop(async (url) => void (await browser.open(url)));
  app = createTestApp(world, { desktop, cleverCloud: { baseUrl: clever.config.baseUrl, consoleUrl: clever.config.consoleUrl, pollIntervalMs: 50 } });
});
afterEach(async () => {
  await saasus.close();
  await clever.close();
  await world.cleanup();
});

function saasusApi() {
  return { baseUrl: saasus.config.baseUrl, saasId: saasus.config.saasId, apiKey: saasus.config.apiKey, secretKey: saasus.config.secretKey };
}

async function saasusAccount() {
  const connection = await app.saasus.connections.save(demoConnectionInput(saasus, 28998));
  return app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
}

const HOUR = 3_600_000;

describe('a fresh credential', () => {
  it('is a held SaaSus token when it works long enough: no refresh, and until when it works', async () => {
    const account = await saasusAccount();
    const held = (await app.saasus.readCredentials(account.id))!;
    expect(await app.credentials.credential(account.id, 'access-token', { minValidMs: 60_000 })).toEqual({
      value: held.accessToken,
      validUntil: account.expiresAt,
      label: 'Access token',
    });
    await expect(app.credentials.credential(account.id, 'id-token', { minValidMs: 0 })).resolves.toMatchObject({ value: held.idToken, label: 'ID token' });
    await expect(app.credentials.credential(account.id, 'authorization-header', { minValidMs: 0 })).resolves.toMatchObject({
      value: `Bearer ${held.accessToken}`,
      label: 'Authorization header',
    });
    expect(saasus.refreshCalls()).toBe(0);
  });

  it('costs no keychain call for a valid token, nor for a refresh that did not rotate the refresh token', async () => {
    const account = await saasusAccount();
    const before = { ...app.secrets.stats };
    const first = await app.credentials.credential(account.id, 'id-token', { minValidMs: 0 });
    expect(app.secrets.stats).toEqual(before);
    expect(first.value).toBe((await app.saasus.readCredentials(account.id))!.idToken);

    // One-hour tokens: asked to work an hour more, they are refreshed first.
    const refreshed = await app.credentials.credential(account.id, 'id-token', { minValidMs: HOUR });
    // Refreshed first (the secret key and the refresh token are known, the unrotated refresh
    // token is not rewritten, the new tokens stay in memory), and the value is the refresh's own.
    expect(saasus.refreshCalls()).toBe(1);
    expect(app.secrets.stats).toEqual(before);
    expect(refreshed.value).not.toBe(first.value);
    expect(refreshed.value).toBe((await app.saasus.readCredentials(account.id))!.idToken);
    await expect(getUserInfo(saasusApi(), refreshed.value)).resolves.toMatchObject({ email: saasus.config.users[0]!.email });
  });

  it('after a restart, the first one refreshes once and is a token SaaSus accepts; only the refresh token is in the keychain', async () => {
    const account = await saasusAccount();
    const entries = async () => [...(await world.keychain()).keys()].filter((k) => k.startsWith(`account/saasus/${account.id}/`));
    expect(await entries()).toEqual([`account/saasus/${account.id}/refresh-token`]);
    app.metadata.flush();

    const restarted = createTestApp(world, { desktop: testDesktop() });
    await restarted.start();
    // The account still lists its expiry from the metadata, but no token is held any more.
    expect(restarted.accounts.list()).toEqual([expect.objectContaining({ id: account.id, status: 'ok', expiresAt: account.expiresAt })]);
    const first = await restarted.credentials.credential(account.id, 'id-token', { minValidMs: 60_000 });
    expect(saasus.refreshCalls()).toBe(1);
    await expect(getUserInfo(saasusApi(), first.value)).resolves.toMatchObject({ email: saasus.config.users[0]!.email });
    expect(first.validUntil).toBeGreaterThan(Date.now());
    // The next ones use what that refresh brought.
    const header = await restarted.credentials.credential(account.id, 'authorization-header', { minValidMs: 60_000 });
    expect(saasus.refreshCalls()).toBe(1);
    expect(header.value).toBe(`Bearer ${(await restarted.saasus.readCredentials(account.id))!.accessToken}`);
    expect(await entries()).toEqual([`account/saasus/${account.id}/refresh-token`]);
    restarted.scheduler.stop();
  });

  it('is a Clever Cloud token in each offered form; another kind, and an expired token, are refused', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cred-01');
    const reads = app.secrets.stats.reads;
    const env = await app.credentials.credential(account.id, 'env-lines', { minValidMs: 60_000 });
    expect(env).toEqual({ value: expect.stringMatching(/^CLEVER_TOKEN=.+\nCLEVER_SECRET=.+$/), validUntil: account.expiresAt, label: 'CLEVER_TOKEN / CLEVER_SECRET lines' });
    // One keychain entry holds the token and its secret: one read.
    expect(app.secrets.stats.reads - reads).toBe(1);
    await expect(app.credentials.credential(account.id, 'authorization-header', { minValidMs: 0 })).resolves.toMatchObject({ value: expect.stringMatching(/^OAuth oauth_consumer_key="/) });
    const profile = JSON.parse((await app.credentials.credential(account.id, 'clever-tools-profile', { minValidMs: 0 })).value) as Record<string, unknown>;
    expect(profile).toMatchObject({ token: expect.any(String), secret: expect.any(String), email: clever.config.user.email });
    const before = app.secrets.stats.reads;
    await expect(app.credentials.credential(account.id, 'id-token', { minValidMs: 0 })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(app.secrets.stats.reads).toBe(before);
    const expired = createTestApp(world, { clock: new FakeClock(Date.now() + 400 * 86_400_000), desktop });
    await expect(expired.credentials.credential(account.id, 'env-lines', { minValidMs: 0 })).rejects.toMatchObject({ code: 'needs_login' });
  });

  it('of an account that does not exist is not_found', async () => {
    await expect(app.credentials.credential('no-such-account', 'access-token', { minValidMs: 0 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
