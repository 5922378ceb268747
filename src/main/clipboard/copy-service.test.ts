/**
 * Copying fresh tokens through the real services: SaaSus and Clever Cloud accounts against their
 * emulators, the real keychain, and a clipboard double (the system clipboard is Electron's).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../../emulators/saasus/server';
import type { AppServices } from '../app-services';
import { getUserInfo } from '../providers/saasus/api';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
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
  const connection = await app.saasus.saveConnection({
    name: 'S',
    saasId: saasus.config.saasId,
    apiKey: saasus.config.apiKey,
    secretKey: saasus.config.secretKey,
    apiBaseUrl: saasus.config.baseUrl,
    loginUrl: saasus.config.loginUrl,
    callbackPort: 45998,
  });
  return app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
}

describe('copy a fresh token', () => {
  it('copies a valid SaaSus token without refreshing, and says until when it works', async () => {
    const account = await saasusAccount();
    const result = await app.copies.copy(account.id, 'access-token');
    expect(saasus.refreshCalls()).toBe(0);
    expect(desktop.clipboardText()).toBe((await app.saasus.readCredentials(account.id))!.accessToken);
    expect(result).toEqual({ what: 'Access token', validUntil: account.expiresAt, clearsAt: expect.any(Number) });
    expect(JSON.stringify(result)).not.toContain(desktop.clipboardText());
  });

  it('costs no keychain call for a valid token, nor for a refresh that did not rotate the refresh token', async () => {
    const account = await saasusAccount();
    const before = { ...app.secrets.stats };
    await app.copies.copy(account.id, 'id-token');
    expect(app.secrets.stats).toEqual(before);
    expect(desktop.clipboardText()).toBe((await app.saasus.readCredentials(account.id))!.idToken);

    app.accounts.updateSettings({ refreshLeadSeconds: 3600 });
    const copied = desktop.clipboardText();
    await app.copies.copy(account.id, 'id-token');
    // Refreshed first (the secret key and the refresh token are known, the unrotated refresh
    // token is not rewritten, the new tokens stay in memory), and the copied value is the refresh's own.
    expect(saasus.refreshCalls()).toBe(1);
    expect(app.secrets.stats).toEqual(before);
    expect(desktop.clipboardText()).not.toBe(copied);
    expect(desktop.clipboardText()).toBe((await app.saasus.readCredentials(account.id))!.idToken);
    await expect(getUserInfo(saasusApi(), desktop.clipboardText())).resolves.toMatchObject({ email: saasus.config.users[0]!.email });
  });

  it('after a restart, the first copy refreshes once and copies a token SaaSus accepts; only the refresh token is in the keychain', async () => {
    const account = await saasusAccount();
    const entries = async () => [...(await world.keychain()).keys()].filter((k) => k.startsWith(`account/saasus/${account.id}/`));
    expect(await entries()).toEqual([`account/saasus/${account.id}/refresh-token`]);
    app.metadata.flush();

    const restartedDesktop = testDesktop();
    const restarted = createTestApp(world, { desktop: restartedDesktop });
    await restarted.start();
    // The account still lists its expiry from the metadata, but no token is held any more.
    expect(restarted.accounts.list()).toEqual([expect.objectContaining({ id: account.id, status: 'ok', expiresAt: account.expiresAt })]);
    const result = await restarted.copies.copy(account.id, 'id-token');
    expect(saasus.refreshCalls()).toBe(1);
    await expect(getUserInfo(saasusApi(), restartedDesktop.clipboardText())).resolves.toMatchObject({ email: saasus.config.users[0]!.email });
    expect(result.validUntil).toBeGreaterThan(Date.now());
    // The next copies use what that refresh brought.
    await restarted.copies.copy(account.id, 'authorization-header');
    expect(saasus.refreshCalls()).toBe(1);
    expect(restartedDesktop.clipboardText()).toBe(`Bearer ${(await restarted.saasus.readCredentials(account.id))!.accessToken}`);
    expect(await entries()).toEqual([`account/saasus/${account.id}/refresh-token`]);
    restarted.scheduler.stop();
  });

  it('refreshes a token inside the lead time exactly once for 200 concurrent copies, and copies the new value', async () => {
    const account = await saasusAccount();
    const before = await app.saasus.readCredentials(account.id);
    app.accounts.updateSettings({ refreshLeadSeconds: 3600 }); // one-hour tokens: always within the lead
    const results = await Promise.all(Array.from({ length: 200 }, () => app.copies.copy(account.id, 'authorization-header')));
    expect(saasus.refreshCalls()).toBe(1);
    const after = await app.saasus.readCredentials(account.id);
    expect(after!.accessToken).not.toBe(before!.accessToken);
    expect(desktop.clipboardText()).toBe(`Bearer ${after!.accessToken}`);
    expect(new Set(results.map((r) => r.validUntil)).size).toBe(1);
  });

  it('value() gives what a copy would put on the clipboard, with its own lead time, and touches no clipboard', async () => {
    const account = await saasusAccount();
    const held = (await app.saasus.readCredentials(account.id))!;
    expect(await app.copies.value(account.id, 'authorization-header', 0)).toEqual({ value: `Bearer ${held.accessToken}`, validUntil: account.expiresAt, label: 'Authorization header' });
    expect(saasus.refreshCalls()).toBe(0);
    // A lead longer than the token's life refreshes first, whatever the setting says.
    const fresh = await app.copies.value(account.id, 'access-token', 2 * 3_600_000);
    expect(saasus.refreshCalls()).toBe(1);
    expect(fresh.value).not.toBe(held.accessToken);
    expect(desktop.clipboardText()).toBe('');
  });

  it('copies Clever Cloud credentials in each offered form, and refuses an expired token', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-copy-01');
    await app.copies.copy(account.id, 'env-lines');
    expect(desktop.clipboardText()).toMatch(/^CLEVER_TOKEN=.+\nCLEVER_SECRET=.+$/);
    await app.copies.copy(account.id, 'authorization-header');
    expect(desktop.clipboardText()).toMatch(/^OAuth oauth_consumer_key="/);
    await expect(app.copies.copy(account.id, 'id-token')).rejects.toMatchObject({ code: 'invalid_input' });
    const expired = createTestApp(world, { now: () => Date.now() + 400 * 86_400_000, desktop });
    await expect(expired.copies.copy(account.id, 'env-lines')).rejects.toMatchObject({ code: 'needs_login' });
  });
});
