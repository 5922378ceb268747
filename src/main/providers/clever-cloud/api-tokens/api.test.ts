/**
 * The API-bridge client against the emulator's bridge over HTTP (no mocks): what it sends (the pure
 * builders), what it makes of the answers, and the typed errors, none quoting a secret.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../../emulators/clever-cloud/server';
import { makeTestClock } from '../../../../../emulators/clever-cloud/testing';
import { totpCode } from '../../../../../emulators/clever-cloud/totp';
import { ApiTokenCredentialError, bridgeSelf, createApiToken, listApiTokens, revokeApiToken, updateApiToken, type ApiBridgeConfig } from './api';
import { createApiTokenRequest, listApiTokensRequest } from './requests';

const clock = makeTestClock();
const DAY = 86_400_000;
let emulator: CleverCloudEmulator;
let config: ApiBridgeConfig;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now });
  config = { baseUrl: emulator.config.baseUrl, bridgeUrl: emulator.config.bridgeUrl, consumer: emulator.config.consumer, clock: clock.now, timeoutMs: 5_000 };
});
afterAll(() => emulator.close());
afterEach(() => emulator.bridgeServer.faults.clear());

const demo = () => ({ email: emulator.config.user.email, password: emulator.config.user.password });

describe('requests', () => {
  it('create: JSON with an ISO expiry, no mfaCode unless given, to the bridge, unsigned', () => {
    const req = createApiTokenRequest(config, { ...demo(), name: 'n', expiresAt: Date.UTC(2030, 0, 2) });
    expect(req).toMatchObject({ method: 'POST', url: `${emulator.config.bridgeUrl}/api-tokens` });
    expect(req.headers.authorization).toBeUndefined();
    expect(JSON.parse(req.body!)).toEqual({ ...demo(), name: 'n', description: '', expirationDate: '2030-01-02T00:00:00.000Z' });
    expect(JSON.parse(createApiTokenRequest(config, { ...demo(), mfaCode: '123456', name: 'n', expiresAt: 0 }).body!)).toMatchObject({ mfaCode: '123456' });
  });

  it('list: signed with the account’s token in an OAuth header; refuses a bridge that is not https or loopback', () => {
    expect(listApiTokensRequest(config, emulator.config.token).headers.authorization).toMatch(/^OAuth .*oauth_token="/);
    expect(() => listApiTokensRequest({ ...config, bridgeUrl: 'http://bridge.example.com' }, emulator.config.token)).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
  });
});

describe('calls', () => {
  it('creates, lists (never a value), renames, uses and revokes a token', async () => {
    const created = await createApiToken(config, { ...demo(), name: 'ci', expiresAt: clock.now() + 7 * DAY });
    expect(created).toMatchObject({ name: 'ci', state: 'ACTIVE', expiresAt: clock.now() + 7 * DAY });
    const listed = await listApiTokens(config, emulator.config.token);
    expect(listed.find((t) => t.apiTokenId === created.apiTokenId)).toMatchObject({ name: 'ci', state: 'ACTIVE', ip: '127.0.0.1' });
    expect(JSON.stringify(listed)).not.toContain(created.apiToken);
    await updateApiToken(config, emulator.config.token, created.apiTokenId, { name: 'ci-renamed' });
    expect((await listApiTokens(config, emulator.config.token)).find((t) => t.apiTokenId === created.apiTokenId)?.name).toBe('ci-renamed');
    expect(await bridgeSelf(config, created.apiToken)).toEqual({ userId: expect.stringMatching(/^user_/), email: demo().email });
    expect(await revokeApiToken(config, emulator.config.token, created.apiTokenId)).toBe('revoked');
    expect(await revokeApiToken(config, emulator.config.token, created.apiTokenId)).toBe('already-gone');
    await expect(bridgeSelf(config, created.apiToken)).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('a refused password or code is an ApiTokenCredentialError saying which', async () => {
    const wrong = await createApiToken(config, { ...demo(), password: 'nope-nope', name: 'x', expiresAt: clock.now() + DAY }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiTokenCredentialError);
    expect(wrong).toMatchObject({ code: 'unauthorized', reason: 'invalid-credential' });
    const bob = emulator.config.totpUser;
    const noCode = await createApiToken(config, { email: bob.email, password: bob.password, name: 'x', expiresAt: clock.now() + DAY }).catch((e: unknown) => e);
    expect(noCode).toMatchObject({ reason: 'invalid-mfa-code' });
    await expect(createApiToken(config, { email: bob.email, password: bob.password, mfaCode: totpCode(bob.totpSecret, clock.now()), name: 'x', expiresAt: clock.now() + DAY })).resolves.toMatchObject({ state: 'ACTIVE' });
  });

  it('a list signed with a revoked token is unauthorized (log in again)', async () => {
    const { token, secret } = emulator.issueCliToken(demo().email);
    emulator.revokeToken(token);
    await expect(listApiTokens({ ...config, consumer: emulator.config.cliConsumer }, { token, secret })).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('an answer that is not the promised shape is a bad_response, quoting nothing', async () => {
    emulator.bridgeServer.faults.add({ fault: { kind: 'status', status: 200, body: JSON.stringify({ apiTokenId: 'x', apiToken: '' }) }, method: 'POST', times: 1 });
    await expect(createApiToken(config, { ...demo(), name: 'x', expiresAt: clock.now() + DAY })).rejects.toMatchObject({ code: 'bad_response' });
    emulator.bridgeServer.faults.add({ fault: { kind: 'status', status: 200, body: JSON.stringify([{ apiTokenId: 'x', name: 'n', expirationDate: 'soon' }]) }, method: 'GET', times: 1 });
    await expect(listApiTokens(config, emulator.config.token)).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('a state the bridge adds later is shown as unknown, not refused', async () => {
    const body = JSON.stringify([{ apiTokenId: 'x', name: 'n', creationDate: '2026-01-01T00:00:00Z', expirationDate: '2027-01-01T00:00:00Z', state: 'SUSPENDED' }]);
    emulator.bridgeServer.faults.add({ fault: { kind: 'status', status: 200, body }, method: 'GET', times: 1 });
    expect(await listApiTokens(config, emulator.config.token)).toEqual([expect.objectContaining({ apiTokenId: 'x', state: 'UNKNOWN' })]);
  });
});
