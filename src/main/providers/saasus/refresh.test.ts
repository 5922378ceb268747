import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/saasus/testing';
import { makeSingleFlight } from '../../util/single-flight';
import { getUserInfo, tempCodeAuth, type Credentials, type SaasusApiConfig } from './api';
import { mergeRefreshed, refreshTokenRotated, refreshTokens } from './refresh';

const clock = makeTestClock();
let emulator: SaasusEmulator;
let api: SaasusApiConfig;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.server.faults.clear();
  emulator.setRotation(false);
});

const logIn = (email = 'alice@example.com'): Promise<Credentials> => tempCodeAuth(api, emulator.issueTempCode(email));

describe('mergeRefreshed', () => {
  it('keeps the stored refresh token when the answer has none, and takes a new one when it has', () => {
    const old = { idToken: 'i1', accessToken: 'a1', refreshToken: 'r1' };
    expect(mergeRefreshed(old, { idToken: 'i2', accessToken: 'a2' })).toEqual({ idToken: 'i2', accessToken: 'a2', refreshToken: 'r1' });
    expect(mergeRefreshed(old, { idToken: 'i2', accessToken: 'a2', refreshToken: 'r2' })).toEqual({
      idToken: 'i2',
      accessToken: 'a2',
      refreshToken: 'r2',
    });
    expect(mergeRefreshed({ idToken: 'i1', accessToken: 'a1' }, { idToken: 'i2', accessToken: 'a2' })).toEqual({
      idToken: 'i2',
      accessToken: 'a2',
    });
    expect(refreshTokenRotated(old, { idToken: 'i', accessToken: 'a' })).toBe(false);
    expect(refreshTokenRotated(old, { idToken: 'i', accessToken: 'a', refreshToken: 'r2' })).toBe(true);
  });
});

describe('refreshTokens against the emulator', () => {
  it('without rotation: new ID and access tokens, no refresh token, the stored one keeps working', async () => {
    const stored = await logIn();
    clock.advance(50 * 60_000); // near the end of the hour, as the scheduler would
    const answer = await refreshTokens(api, stored.refreshToken!);
    expect(answer.refreshToken).toBeUndefined();
    const merged = mergeRefreshed(stored, answer);
    expect(merged.refreshToken).toBe(stored.refreshToken);
    await expect(getUserInfo(api, merged.idToken)).resolves.toMatchObject({ email: 'alice@example.com' });
    // Past the old ID token's hour, only the refreshed one is accepted.
    clock.advance(11 * 60_000);
    await expect(getUserInfo(api, stored.idToken)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(getUserInfo(api, merged.idToken)).resolves.toMatchObject({ email: 'alice@example.com' });
    await expect(refreshTokens(api, merged.refreshToken!)).resolves.toMatchObject({ idToken: expect.any(String) });
  });

  it('with rotation: a new refresh token, and the old one is dead', async () => {
    emulator.setRotation(true);
    const stored = await logIn();
    const answer = await refreshTokens(api, stored.refreshToken!);
    expect(answer.refreshToken).toBeTruthy();
    expect(refreshTokenRotated(stored, answer)).toBe(true);
    const merged = mergeRefreshed(stored, answer);
    expect(merged.refreshToken).toBe(answer.refreshToken);
    await expect(refreshTokens(api, stored.refreshToken!)).rejects.toMatchObject({ code: 'needs_login' });
    await expect(refreshTokens(api, merged.refreshToken!)).resolves.toMatchObject({ refreshToken: expect.any(String) });
  });

  it('a revoked or expired refresh token is needs_login', async () => {
    const revoked = await logIn();
    expect(emulator.revokeRefreshToken(revoked.refreshToken!)).toBe(true);
    await expect(refreshTokens(api, revoked.refreshToken!)).rejects.toMatchObject({
      code: 'needs_login',
      message: 'SaaSus no longer accepts this session (expired or revoked): log in again.',
    });

    emulator.setLifetimes({ refreshTokenSeconds: 120 });
    const short = await logIn();
    emulator.setLifetimes({ refreshTokenSeconds: 30 * 24 * 3600 });
    clock.advance(121_000);
    await expect(refreshTokens(api, short.refreshToken!)).rejects.toMatchObject({ code: 'needs_login' });
  });

  it('a 500 or a timeout loses nothing: the stored refresh token works on the next try', async () => {
    const stored = await logIn();
    emulator.server.faults.add({ fault: { kind: 'status', status: 500 }, path: '/v1/auth/credentials', times: 1 });
    await expect(refreshTokens(api, stored.refreshToken!)).rejects.toMatchObject({ code: 'http_error' });
    emulator.server.faults.add({ fault: { kind: 'hang' }, path: '/v1/auth/credentials', times: 1 });
    await expect(refreshTokens({ ...api, timeoutMs: 200 }, stored.refreshToken!)).rejects.toMatchObject({ code: 'timeout' });
    await expect(refreshTokens(api, stored.refreshToken!)).resolves.toMatchObject({ idToken: expect.any(String) });
  });

  it('a wrong secret key on refresh is invalid_configuration, not needs_login', async () => {
    const stored = await logIn();
    await expect(refreshTokens({ ...api, secretKey: 'nope' }, stored.refreshToken!)).rejects.toMatchObject({
      code: 'invalid_configuration',
    });
  });
});

describe('single flight per account', () => {
  const refreshCredentialCalls = (since: number): number =>
    emulator.server.log.slice(since).filter((r) => r.method === 'GET' && r.path === '/v1/auth/credentials').length;

  it.each([false, true])('100 concurrent callers share one refresh (rotation %s)', async (rotate) => {
    emulator.setRotation(rotate);
    const stored = await logIn('bob@example.com');
    const flight = makeSingleFlight<string, Credentials>();
    const countBefore = emulator.refreshCalls();
    const logBefore = emulator.server.log.length;
    // All 100 callers arrive in the same tick, while the first request is still in flight.
    {
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          flight.run('account-bob', async () => mergeRefreshed(stored, await refreshTokens(api, stored.refreshToken!))),
        ),
      );
      expect(emulator.refreshCalls() - countBefore).toBe(1);
      expect(refreshCredentialCalls(logBefore)).toBe(1);
      expect(new Set(results).size).toBe(1);
      // With rotation, the one new refresh token is what everyone stores, and it works.
      await expect(refreshTokens(api, results[0]!.refreshToken!)).resolves.toMatchObject({ idToken: expect.any(String) });
    }
  });
});
