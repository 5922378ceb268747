import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/saasus/testing';
import { tempCodeAuth, type SaasusApiConfig } from './api';
import { decodeClaims, describeAccount, expiresAt } from './account-info';

const clock = makeTestClock();
let emulator: SaasusEmulator;
let api: SaasusApiConfig;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now, lifetimes: { idTokenSeconds: 600, accessTokenSeconds: 300 } });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());

describe('describeAccount', () => {
  it('shows who, until when, and the tenants → environments → roles', async () => {
    const issuedAt = Math.floor(clock.now() / 1000);
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    const info = await describeAccount(api, tokens);
    expect(info).toMatchObject({
      userId: '0b7f3c52-9d14-4e6a-8a21-6f5e2c9d8b01',
      email: 'alice@example.com',
      name: 'Alice Example',
      idTokenExpiresAt: (issuedAt + 600) * 1000,
      accessTokenExpiresAt: (issuedAt + 300) * 1000,
    });
    expect(info.idTokenClaims).toMatchObject({
      sub: info.userId,
      email: 'alice@example.com',
      token_use: 'id',
      iss: emulator.issuer,
      aud: emulator.clientId,
    });
    expect(info.tenants.map((t) => [t.name, t.envs.map((e) => [e.name, e.roles.map((r) => r.roleName)])])).toEqual([
      ['Acme Corp', [['dev', ['admin', 'user']], ['prod', ['user']]]],
      ['Beta Ltd', [['prod', ['admin']]]],
    ]);
  });

  it('passes hostile names through as data (escaping is the renderer’s job)', async () => {
    const hostile = '<img src=x onerror=alert(1)>"&\'';
    emulator.setUserName('bob@example.com', hostile);
    emulator.setTenantName('7a1e4c2b-5d3f-4b8a-9e61-0c2d7f9a3b10', hostile);
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('bob@example.com'));
    const info = await describeAccount(api, tokens);
    expect(info.name).toBe(hostile);
    expect(info.tenants[0]?.name).toBe(hostile);
  });

  it('an expired ID token is unauthorized; a token that is not a JWT is bad_response', async () => {
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    clock.advance(601_000);
    await expect(describeAccount(api, tokens)).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(describeAccount(api, { ...tokens, idToken: 'not-a-jwt' })).rejects.toMatchObject({ code: 'bad_response' });
  });
});

describe('decodeClaims / expiresAt', () => {
  it('decode without verifying and read exp in seconds', () => {
    const jwt = ['{"alg":"none"}', '{"sub":"x","exp":1700000000}'].map((p) => Buffer.from(p).toString('base64url')).join('.') + '.';
    expect(decodeClaims(jwt)).toEqual({ sub: 'x', exp: 1700000000 });
    expect(expiresAt(decodeClaims(jwt))).toBe(1_700_000_000_000);
    expect(decodeClaims('a.b.c')).toBeUndefined();
    expect(expiresAt({ exp: 'soon' })).toBeNull();
    expect(expiresAt(undefined)).toBeNull();
  });
});
