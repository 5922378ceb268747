/**
 * Clever Cloud API tokens end to end in main: the real services over the real keychain and
 * metadata file, against the emulator's API bridge over HTTP, through the real IPC router. Only the
 * desktop ports are doubles (the clipboard is a variable).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../../emulators/clever-cloud/testing';
import { totpCode } from '../../../../../emulators/clever-cloud/totp';
import { makeTestWorld, type TestWorld } from '../../../../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../../../../test/support/test-app';
import { INVOKE_CHANNELS } from '../../../../shared/channels';
import type { ApiTokensOverview, CreateApiTokenOutcome } from '../../../../shared/clever-api-tokens';
import type { AccountSummary } from '../../../../shared/types';
import type { AppServices } from '../../../app-services';
import type { Sender } from '../../../ipc/router';
import { METADATA_FILE_NAME } from '../../../vault/metadata-store';
import { bridgeSelf, createApiToken } from './api';
import { apiTokenField } from './api-token-service';

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };
const DAY = 86_400_000;

let world: TestWorld;
let emulator: CleverCloudEmulator;
let desktop: TestDesktop;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startCleverCloudEmulator();
  const browser = new TestBrowser(emulator.config.consoleUrl, { email: emulator.config.user.email, password: emulator.config.user.password });
  desktop = testDesktop(async (url) => void (await browser.open(url)));
  app = appOn(world);
});
afterEach(async () => {
  app.scheduler.stop();
  app.cleverCloud.retired.stop();
  await emulator.close();
  await world.cleanup();
});

function appOn(on: TestWorld): AppServices {
  return createTestApp(on, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, bridgeUrl: emulator.config.bridgeUrl, pollIntervalMs: 50 },
    desktop,
  });
}

const call = async <T>(name: keyof typeof INVOKE_CHANNELS, input?: unknown): Promise<T> => {
  const result = (await app.router.dispatch(INVOKE_CHANNELS[name], input, ours)) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  if (!result.ok) throw Object.assign(new Error(result.error!.message), { code: result.error!.code });
  return result.value as T;
};
const failure = async (name: keyof typeof INVOKE_CHANNELS, input?: unknown) =>
  (await app.router.dispatch(INVOKE_CHANNELS[name], input, ours)) as { ok: false; error: { code: string; message: string } };
const metadataPath = (): string => path.join(world.dir, `${METADATA_FILE_NAME}.json`);
const metadataText = (): string => readFileSync(metadataPath(), 'utf8');
const bridgeApi = () => ({ baseUrl: emulator.config.baseUrl, consumer: emulator.config.cliConsumer, bridgeUrl: emulator.config.bridgeUrl });
const posts = (): number => emulator.bridgeServer.log.filter((r) => r.method === 'POST').length;

async function demoAccount(): Promise<string> {
  return (await app.cleverCloud.loginWithConsole('login-at-0001')).id;
}

async function heldValue(accountId: string, apiTokenId: string): Promise<string> {
  const entry = (await world.keychain()).get(`account/clever-cloud/${accountId}/${apiTokenField(apiTokenId)}`);
  expect(entry).toBeDefined();
  return (JSON.parse(entry!) as { apiToken: string }).apiToken;
}

describe('creating an API token', () => {
  it('creates it with the password, keeps the value in the keychain only, lists it as held, and the value works on the bridge', async () => {
    const id = await demoAccount();
    const outcome = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'deploy bot', lifetimeDays: 30, password: emulator.config.user.password });
    expect(outcome).toMatchObject({ status: 'created', token: { name: 'deploy bot', state: 'ACTIVE', held: true } });
    if (outcome.status !== 'created') return;
    expect(outcome.token.expiresAt).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(outcome.token.expiresAt).toBeLessThan(Date.now() + 31 * DAY);
    const value = await heldValue(id, outcome.token.apiTokenId);
    // Nothing secret in the metadata file or in what the window got.
    expect(metadataText()).not.toContain(value);
    expect(metadataText()).not.toContain(emulator.config.user.password);
    expect(JSON.stringify(outcome)).not.toContain(value);
    expect(await bridgeSelf(bridgeApi(), value)).toMatchObject({ email: emulator.config.user.email });

    const overview = await call<ApiTokensOverview>('getCleverApiTokens', { id });
    expect(overview).toMatchObject({ hasPassword: true, preferredMfa: 'NONE' });
    expect(overview.tokens).toEqual([expect.objectContaining({ apiTokenId: outcome.token.apiTokenId, name: 'deploy bot', held: true })]);
    expect(JSON.stringify(overview)).not.toContain(value);

    // Handed out as a credential kind (tessera token --kind api-token, exec's CC_API_TOKEN).
    expect(await app.credentials.credential(id, 'api-token', { minValidMs: 60_000 })).toMatchObject({ value, label: 'API token' });
  });

  it('says which of the password and the code was wrong, stores nothing, and never quotes them', async () => {
    const id = await demoAccount();
    const before = [...(await world.keychain()).keys()];
    expect(await call('createCleverApiToken', { id, name: 'x', lifetimeDays: 1, password: 'not-my-password-31337' })).toEqual({ status: 'refused', reason: 'invalid-credential' });
    expect([...(await world.keychain()).keys()]).toEqual(before);
    expect(metadataText()).not.toContain('not-my-password-31337');
    expect(emulator.bridge.list()).toEqual([]);
  });

  it('asks a TOTP user for the code: without it or wrong it is refused as invalid-mfa-code, with it the token is made', async () => {
    const bob = emulator.config.totpUser;
    const pair = emulator.issueCliToken(bob.email);
    const id = (await app.cleverCloud.importPasted(pair.token, pair.secret)).id;
    expect(await call<ApiTokensOverview>('getCleverApiTokens', { id })).toMatchObject({ preferredMfa: 'TOTP', hasPassword: true });
    const base = { id, name: 'bob', lifetimeDays: 1, password: bob.password };
    expect(await call('createCleverApiToken', base)).toEqual({ status: 'refused', reason: 'invalid-mfa-code' });
    const right = totpCode(bob.totpSecret, Date.now());
    const wrong = String((Number(right) + 500_000) % 1_000_000).padStart(6, '0');
    expect(await call('createCleverApiToken', { ...base, mfaCode: wrong })).toEqual({ status: 'refused', reason: 'invalid-mfa-code' });
    expect(await call('createCleverApiToken', { ...base, mfaCode: right })).toMatchObject({ status: 'created' });
  });

  it('tells a GitHub-linked user to set a password first, without sending anything to the bridge', async () => {
    const pair = emulator.issueCliToken('github-only@example.com');
    const id = (await app.cleverCloud.importPasted(pair.token, pair.secret)).id;
    expect(await call<ApiTokensOverview>('getCleverApiTokens', { id })).toMatchObject({ hasPassword: false });
    expect(await call('createCleverApiToken', { id, name: 'x', lifetimeDays: 1, password: 'anything' })).toEqual({ status: 'refused', reason: 'no-password' });
    expect(posts()).toBe(0);
  });

  it('refuses a lifetime over a year before anything is sent', async () => {
    const id = await demoAccount();
    const res = await failure('createCleverApiToken', { id, name: 'x', lifetimeDays: 366, password: 'p' });
    expect(res.error.code).toBe('invalid_input');
    expect(posts()).toBe(0);
  });
});

describe('copying, revoking, and what the account keeps', () => {
  it('copies the Bearer header and the CC_API_TOKEN line onto the clipboard, not into the answer', async () => {
    const id = await demoAccount();
    const created = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'ci', lifetimeDays: 7, password: emulator.config.user.password });
    if (created.status !== 'created') throw new Error('not created');
    const value = await heldValue(id, created.token.apiTokenId);
    const copied = await call<{ what: string; validUntil: number }>('copyCleverApiToken', { id, apiTokenId: created.token.apiTokenId, form: 'bearer-header' });
    expect(desktop.clipboardText()).toBe(`Bearer ${value}`);
    expect(JSON.stringify(copied)).not.toContain(value);
    expect(copied.validUntil).toBe(created.token.expiresAt);
    await call('copyCleverApiToken', { id, apiTokenId: created.token.apiTokenId, form: 'env-line' });
    expect(desktop.clipboardText()).toBe(`CC_API_TOKEN=${value}`);
  });

  it('revokes: the bridge refuses the value at once and the keychain entry is gone', async () => {
    const id = await demoAccount();
    const created = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'short', lifetimeDays: 1, password: emulator.config.user.password });
    if (created.status !== 'created') throw new Error('not created');
    const value = await heldValue(id, created.token.apiTokenId);
    await call('revokeCleverApiToken', { id, apiTokenId: created.token.apiTokenId });
    await expect(bridgeSelf(bridgeApi(), value)).rejects.toMatchObject({ code: 'unauthorized' });
    expect([...(await world.keychain()).keys()].some((k) => k.includes('api-token-'))).toBe(false);
    expect((await call<ApiTokensOverview>('getCleverApiTokens', { id })).tokens).toEqual([]);
    await expect(app.credentials.credential(id, 'api-token', { minValidMs: 0 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists tokens made elsewhere without a value, and forgets a value once the bridge no longer lists its token', async () => {
    const id = await demoAccount();
    const elsewhere = await createApiToken(bridgeApi(), { email: emulator.config.user.email, password: emulator.config.user.password, name: 'made by clever-tools', expiresAt: Date.now() + DAY });
    const ours = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'ours', lifetimeDays: 1, password: emulator.config.user.password });
    if (ours.status !== 'created') throw new Error('not created');
    const listed = (await call<ApiTokensOverview>('getCleverApiTokens', { id })).tokens;
    expect(listed.find((t) => t.apiTokenId === elsewhere.apiTokenId)).toMatchObject({ held: false });
    expect(listed.find((t) => t.apiTokenId === ours.token.apiTokenId)).toMatchObject({ held: true });
    emulator.bridge.revoke(ours.token.apiTokenId);
    await call('getCleverApiTokens', { id });
    expect([...(await world.keychain()).keys()].some((k) => k.includes(apiTokenField(ours.token.apiTokenId)))).toBe(false);
  });

  it('tells the list the dates of the API tokens the account holds (no value), and sends accountsChanged as they change', async () => {
    const id = await demoAccount();
    const lists: AccountSummary[][] = [];
    app.events.attach((event, payload) => void (event === 'accountsChanged' && lists.push(payload as AccountSummary[])));
    const heldNow = async () => (await call<AccountSummary[]>('listAccounts')).find((a) => a.id === id)?.scope?.heldApiTokens;
    const heldSent = () => lists.at(-1)?.find((a) => a.id === id)?.scope?.heldApiTokens;
    expect(await heldNow()).toEqual([]);
    // A token made elsewhere has no value here: it does not count.
    await createApiToken(bridgeApi(), { email: emulator.config.user.email, password: emulator.config.user.password, name: 'made by clever-tools', expiresAt: Date.now() + DAY });
    await call('getCleverApiTokens', { id });
    expect(await heldNow()).toEqual([]);
    const first = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'one', lifetimeDays: 1, password: emulator.config.user.password });
    const second = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'two', lifetimeDays: 3, password: emulator.config.user.password });
    if (first.status !== 'created' || second.status !== 'created') throw new Error('not created');
    const datesOf = (t: { createdAt: number | null; expiresAt: number }) => ({ createdAt: t.createdAt, expiresAt: t.expiresAt });
    const both = [datesOf(first.token), datesOf(second.token)].sort((a, b) => a.expiresAt - b.expiresAt);
    const sorted = (dates: readonly { expiresAt: number | null }[] | undefined) => [...(dates ?? [])].sort((a, b) => (a.expiresAt ?? 0) - (b.expiresAt ?? 0));
    expect(sorted(await heldNow())).toEqual(both);
    await vi.waitFor(() => expect(sorted(heldSent())).toEqual(both));
    const value = await heldValue(id, first.token.apiTokenId);
    expect(JSON.stringify(await call('listAccounts'))).not.toContain(value);
    await call('revokeCleverApiToken', { id, apiTokenId: first.token.apiTokenId });
    expect(await heldNow()).toEqual([datesOf(second.token)]);
    await vi.waitFor(() => expect(heldSent()).toEqual([datesOf(second.token)]));
    // Revoked elsewhere: the next look at the bridge forgets the value, and its dates.
    emulator.bridge.revoke(second.token.apiTokenId);
    await call('getCleverApiTokens', { id });
    expect(await heldNow()).toEqual([]);
    await vi.waitFor(() => expect(heldSent()).toEqual([]));
    expect(metadataText()).not.toContain(second.token.apiTokenId);
  });

  it('two tokens created at once both keep their value and their dates', async () => {
    const id = await demoAccount();
    const made = await Promise.all(['a', 'b'].map((name) => call<CreateApiTokenOutcome>('createCleverApiToken', { id, name, lifetimeDays: 1, password: emulator.config.user.password })));
    const ids = made.map((m) => (m.status === 'created' ? m.token.apiTokenId : 'refused'));
    const account = (await call<AccountSummary[]>('listAccounts')).find((a) => a.id === id);
    expect(account?.scope?.heldApiTokens).toHaveLength(2);
    expect(account?.scope?.heldApiTokens?.every((d) => d.expiresAt !== null)).toBe(true);
    for (const apiTokenId of ids) await heldValue(id, apiTokenId);
  });

  it('dates kept before they were recorded come from the bridge’s list; a new login keeps them', async () => {
    const id = await demoAccount();
    const created = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'old', lifetimeDays: 2, password: emulator.config.user.password });
    if (created.status !== 'created') throw new Error('not created');
    // As an older Tessera left it: the value in the keychain, no dates in the metadata file.
    const doc = JSON.parse(metadataText()) as { accounts: { id: string; data: Record<string, unknown> }[] };
    delete doc.accounts.find((a) => a.id === id)!.data['apiTokens'];
    writeFileSync(metadataPath(), JSON.stringify(doc));
    app.scheduler.stop();
    app.cleverCloud.retired.stop();
    app = appOn(world);
    const held = async () => (await call<AccountSummary[]>('listAccounts')).find((a) => a.id === id)?.scope?.heldApiTokens;
    expect(await held()).toEqual([{ createdAt: null, expiresAt: null }]);
    await call('getCleverApiTokens', { id });
    const dates = { createdAt: created.token.createdAt, expiresAt: created.token.expiresAt };
    expect(await held()).toEqual([dates]);
    expect((await app.cleverCloud.loginWithConsole('login-at-0002')).id).toBe(id);
    expect(await held()).toEqual([dates]);
  });

  it('hands out the newest valid token, skipping one that expires too soon', async () => {
    const id = await demoAccount();
    const a = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'long', lifetimeDays: 30, password: emulator.config.user.password });
    await new Promise((r) => setTimeout(r, 5)); // distinct creation instants
    const b = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'short', lifetimeDays: 1, password: emulator.config.user.password });
    if (a.status !== 'created' || b.status !== 'created') throw new Error('not created');
    expect((await app.credentials.credential(id, 'api-token', { minValidMs: 0 })).value).toBe(await heldValue(id, b.token.apiTokenId));
    expect((await app.credentials.credential(id, 'api-token', { minValidMs: 2 * DAY })).value).toBe(await heldValue(id, a.token.apiTokenId));
  });

  it('keeps the values across a new login, and removes them with the account', async () => {
    const id = await demoAccount();
    const created = await call<CreateApiTokenOutcome>('createCleverApiToken', { id, name: 'keep', lifetimeDays: 1, password: emulator.config.user.password });
    if (created.status !== 'created') throw new Error('not created');
    const value = await heldValue(id, created.token.apiTokenId);
    expect((await app.cleverCloud.loginWithConsole('login-at-0002')).id).toBe(id);
    expect(await heldValue(id, created.token.apiTokenId)).toBe(value);
    await app.providers.of(id).remove(id, { localOnly: false });
    expect([...(await world.keychain()).values()]).not.toContain(JSON.stringify(value).slice(1, -1));
    expect([...(await world.keychain()).keys()].some((k) => k.includes('api-token-'))).toBe(false);
  });
});

describe('where the password may go', () => {
  it('refuses (changed_outside) when the metadata file points the account at another bridge, and sends nothing anywhere', async () => {
    const id = await demoAccount();
    const other = await startCleverCloudEmulator();
    try {
      const doc = JSON.parse(metadataText()) as { accounts: { id: string; data: Record<string, unknown> }[] };
      doc.accounts.find((a) => a.id === id)!.data.bridgeUrl = other.config.bridgeUrl;
      writeFileSync(metadataPath(), JSON.stringify(doc));
      app.scheduler.stop();
      app.cleverCloud.retired.stop();
      app = appOn(world); // a restart reads the edited file
      const res = await failure('createCleverApiToken', { id, name: 'x', lifetimeDays: 1, password: emulator.config.user.password });
      expect(res.error.code).toBe('changed_outside');
      expect(other.bridgeServer.log).toEqual([]);
      expect(emulator.bridgeServer.log).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('never quotes the password in an error, even when the bridge echoes it', async () => {
    const id = await demoAccount();
    const password = emulator.config.user.password;
    emulator.bridgeServer.faults.add({ fault: { kind: 'status', status: 400, body: JSON.stringify({ message: `bad request for ${password} and more` }) }, method: 'POST', times: 1 });
    const res = await failure('createCleverApiToken', { id, name: 'x', lifetimeDays: 1, password });
    expect(res.error.code).toBe('http_error');
    expect(res.error.message).not.toContain(password);
  });
});
