import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/saasus/testing';
import { createCredentials, getAuthInfo, getCredentials, getUserInfo, refreshTokenAuth, tempCodeAuth, type SaasusApiConfig } from './api';

const clock = makeTestClock();
let emulator: SaasusEmulator;
let api: SaasusApiConfig;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());
afterEach(() => emulator.server.faults.clear());

/** Whatever an error says, it must not quote any of these. */
function secretsIn(...extra: string[]): string[] {
  return [api.secretKey, ...extra].filter((s) => s.length > 0);
}

async function failure(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await p.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
  expect(e).toMatchObject({ name: 'AppError' });
  return e as { code: string; message: string };
}

describe('calls against the emulator', () => {
  it('tempCodeAuth redeems a login code into ID, access and refresh tokens', async () => {
    const creds = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    expect(creds.idToken.split('.')).toHaveLength(3);
    expect(creds.accessToken.split('.')).toHaveLength(3);
    expect(creds.refreshToken).toMatch(/^[\w-]{20,}$/);
  });

  it('createCredentials returns a UUID code that redeems the posted tokens once', async () => {
    const tokens = { idToken: 'id.token.value', accessToken: 'access.token.value', refreshToken: 'refresh-value' };
    const { code } = await createCredentials(api, tokens);
    expect(code).toMatch(/^[0-9a-f-]{36}$/);
    await expect(getCredentials(api, { authFlow: 'tempCodeAuth', code })).resolves.toEqual(tokens);
    const again = await failure(tempCodeAuth(api, code));
    expect(again).toMatchObject({ code: 'code_expired', message: 'The code expired or was already used: log in again.' });
  });

  it('refreshTokenAuth returns new tokens and no refresh token when the server does not rotate', async () => {
    const login = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    const refreshed = await refreshTokenAuth(api, login.refreshToken!);
    expect(refreshed.refreshToken).toBeUndefined();
    expect(refreshed.idToken).not.toBe(login.idToken);
    expect(refreshed.accessToken).not.toBe(login.accessToken);
  });

  it('getUserInfo returns tenants, environments and roles', async () => {
    const login = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    const info = await getUserInfo(api, login.idToken);
    expect(info.email).toBe('alice@example.com');
    expect(info.tenants.map((t) => t.name)).toEqual(['Acme Corp', 'Beta Ltd']);
    expect(info.tenants[0]).toMatchObject({
      planId: 'a5d9c1e3-7f2b-4d6a-8c0e-1b3f5d7a9c20',
      envs: [
        { id: '1', name: 'dev', roles: [{ roleName: 'admin', displayName: 'Administrator' }, { roleName: 'user', displayName: 'General user' }] },
        { id: '3', name: 'prod', roles: [{ roleName: 'user', displayName: 'General user' }] },
      ],
    });
    expect(info.tenants[1]?.planId).toBeNull();
  });

  it('getAuthInfo returns the registered callback URL', async () => {
    await expect(getAuthInfo(api)).resolves.toEqual({ callbackUrl: emulator.config.callbackUrl });
  });
});

describe('errors', () => {
  it('a forged code and a late code are code_expired', async () => {
    expect(await failure(tempCodeAuth(api, '00000000-0000-4000-8000-000000000000'))).toMatchObject({ code: 'code_expired' });
    const code = emulator.issueTempCode('bob@example.com');
    clock.advance(10_001);
    const late = await failure(tempCodeAuth(api, code));
    expect(late.code).toBe('code_expired');
    expect(late.message).not.toContain(code);
  });

  it('a wrong secret key, an unknown SaaS ID or API key are invalid_configuration', async () => {
    for (const bad of [{ secretKey: 'wrong-secret' }, { saasId: 'other-saas' }, { apiKey: 'other-key' }]) {
      const e = await failure(getAuthInfo({ ...api, ...bad }));
      expect(e).toMatchObject({
        code: 'invalid_configuration',
        message: 'SaaSus refused the request: check the SaaS ID, API key and secret key.',
      });
      expect(e.message).not.toContain('wrong-secret');
    }
  });

  it('a clock five minutes off is refused like a bad key', async () => {
    const skewed = { ...api, clock: () => clock.now() + 5 * 60_000 };
    expect(await failure(getAuthInfo(skewed))).toMatchObject({ code: 'invalid_configuration' });
    const behind = { ...api, clock: () => clock.now() - 5 * 60_000 };
    expect(await failure(tempCodeAuth(behind, emulator.issueTempCode('bob@example.com')))).toMatchObject({
      code: 'invalid_configuration',
    });
  });

  it('an expired or forged ID token on userinfo is unauthorized', async () => {
    const login = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    const forged = `${login.idToken.slice(0, -4)}AAAA`;
    const e = await failure(getUserInfo(api, forged));
    expect(e.code).toBe('unauthorized');
    expect(e.message).not.toContain(forged);
    clock.advance(3600_000 + 1000);
    expect(await failure(getUserInfo(api, login.idToken))).toMatchObject({ code: 'unauthorized' });
  });

  it('a refresh token SaaSus does not know is needs_login, with the answer’s status and endpoint as data', async () => {
    const e = await failure(refreshTokenAuth(api, 'not-a-refresh-token'));
    expect(e).toMatchObject({ code: 'needs_login', status: 404, endpoint: 'refreshTokenAuth' });
    expect(e.message).not.toContain('not-a-refresh-token');
  });

  it('a 500 is http_error, without quoting the server', async () => {
    emulator.server.faults.add({
      fault: { kind: 'status', status: 500, body: JSON.stringify({ type: 'internal_server_error', message: 'boom refresh-value' }) },
      times: 1,
    });
    const e = await failure(refreshTokenAuth(api, 'refresh-value'));
    expect(e).toMatchObject({ code: 'http_error', message: 'SaaSus had a problem (HTTP 500). Try again in a moment.' });
  });

  it('an HTML 502 from a proxy is http_error; a 200 that is not JSON, or lacks a token, is bad_response', async () => {
    emulator.server.faults.add({ fault: { kind: 'html', status: 502 }, times: 1 });
    expect(await failure(getAuthInfo(api))).toMatchObject({ code: 'http_error' });
    emulator.server.faults.add({ fault: { kind: 'malformed' }, times: 1 });
    expect(await failure(getAuthInfo(api))).toMatchObject({ code: 'bad_response' });
    emulator.server.faults.add({ fault: { kind: 'status', status: 200, body: '{"access_token":"a"}' }, times: 1 });
    expect(await failure(tempCodeAuth(api, emulator.issueTempCode('bob@example.com')))).toMatchObject({ code: 'bad_response' });
  });

  it('a 400 names the error type but not the message', async () => {
    emulator.server.faults.add({
      fault: { kind: 'status', status: 400, body: JSON.stringify({ type: 'invalid_request', message: 'token abc.def.ghi is bad' }) },
      times: 1,
    });
    const e = await failure(getUserInfo(api, 'abc.def.ghi'));
    expect(e).toMatchObject({ code: 'http_error', message: 'SaaSus refused the request (HTTP 400, invalid_request).' });
  });

  it('an oversized body, a server that hangs and a cancelled call end in typed errors', async () => {
    emulator.server.faults.add({ fault: { kind: 'huge', bytes: 3_000_000 }, times: 1 });
    expect(await failure(getAuthInfo(api))).toMatchObject({ code: 'response_too_large' });
    emulator.server.faults.add({ fault: { kind: 'hang' }, times: 1 });
    expect(await failure(getAuthInfo({ ...api, timeoutMs: 300 }))).toMatchObject({ code: 'timeout' });
    emulator.server.faults.add({ fault: { kind: 'hang' }, times: 1 });
    const controller = new AbortController();
    const pending = getAuthInfo(api, { signal: controller.signal });
    controller.abort();
    expect(await failure(pending)).toMatchObject({ code: 'cancelled' });
  });

  it('never puts a key, token or code in a message', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const messages: string[] = [];
    for (const p of [
      getUserInfo({ ...api, secretKey: 'wrong-secret' }, token),
      tempCodeAuth({ ...api, apiKey: 'api-key-leak' }, '11111111-1111-4111-8111-111111111111'),
      refreshTokenAuth(api, 'refresh-token-leak'),
      getUserInfo(api, token),
    ])
      messages.push((await failure(p)).message);
    for (const m of messages)
      for (const s of secretsIn('wrong-secret', 'api-key-leak', 'refresh-token-leak', token, '11111111-1111', '127.0.0.1', '?'))
        expect(m).not.toContain(s);
  });
});
