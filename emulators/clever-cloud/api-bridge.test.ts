import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationHeader, signRequest } from '../../src/main/providers/clever-cloud/oauth1';
import { DEMO_USERS } from './demo-data';
import { startCleverCloudEmulator, type CleverCloudEmulator } from './server';
import { makeTestClock } from './testing';
import { base32Decode, hotp, totpCode, verifyTotp } from './totp';

const clock = makeTestClock();
let emulator: CleverCloudEmulator;
const demo = DEMO_USERS[0]!;
const bob = DEMO_USERS[1]!;
const github = DEMO_USERS[2]!;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now });
});
afterAll(() => emulator.close());

const inDays = (days: number): string => new Date(clock.now() + days * 86_400_000).toISOString();

async function create(body: Record<string, unknown>) {
  const res = await fetch(`${emulator.config.bridgeUrl}/api-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A raw signed call to the bridge, so that it is the emulator's check that is tested. */
async function signed(method: 'GET' | 'DELETE', path: string, token = emulator.config.token) {
  const url = `${emulator.config.bridgeUrl}${path}`;
  const oauth = signRequest({
    method,
    url,
    consumer: emulator.config.consumer,
    token,
    signatureMethod: 'HMAC-SHA512',
    timestamp: String(Math.floor(clock.now() / 1000)),
  });
  return fetch(url, { method, headers: { authorization: authorizationHeader(oauth), accept: 'application/json' } });
}

const self = (apiToken: string) => fetch(`${emulator.config.bridgeUrl}/v2/self`, { headers: { authorization: `Bearer ${apiToken}` } });

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 appendix B SHA-1 vectors (8 digits there, the last 6 here)', () => {
    const key = Buffer.from('12345678901234567890');
    // T = 59 s → 94287082; T = 1111111109 s → 07081804 (RFC 6238, Appendix B).
    expect(hotp(key, Math.floor(59 / 30))).toBe('287082');
    expect(hotp(key, Math.floor(1111111109 / 30))).toBe('081804');
  });

  it('decodes base32 and accepts one step of drift, not two', () => {
    expect(base32Decode('GEZDGNBVGY3TQOJQ').toString()).toBe('1234567890');
    const t = 1_700_000_000_000;
    expect(verifyTotp(bob.totpSecret, totpCode(bob.totpSecret, t - 30_000), t)).toBe(true);
    expect(verifyTotp(bob.totpSecret, totpCode(bob.totpSecret, t - 90_000), t)).toBe(false);
    expect(verifyTotp(bob.totpSecret, 'abcdef', t)).toBe(false);
  });
});

describe('API bridge', () => {
  it('serves on its own port, printed in the config', () => {
    expect(emulator.config.bridgeUrl).toBe(`http://127.0.0.1:${emulator.bridgeServer.port}`);
    expect(emulator.bridgeServer.port).not.toBe(emulator.port);
  });

  it('creates a token with the right password, lists it when signed, and the token reads /v2/self', async () => {
    const created = await create({ email: demo.email, password: demo.password, name: 'ci', expirationDate: inDays(30) });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ name: 'ci', state: 'ACTIVE' });
    const apiToken = created.body.apiToken as string;
    const list = (await (await signed('GET', '/api-tokens')).json()) as Record<string, unknown>[];
    const listed = list.find((t) => t.apiTokenId === created.body.apiTokenId);
    expect(listed).toMatchObject({ name: 'ci', state: 'ACTIVE', userId: demo.id });
    // The list never shows a value.
    expect(JSON.stringify(list)).not.toContain(apiToken);
    const me = await self(apiToken);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(demo.email);
  });

  it('refuses a wrong password, an unknown e-mail and a user without a password, with invalid-credential', async () => {
    for (const body of [
      { email: demo.email, password: 'wrong' },
      { email: 'nobody@example.com', password: demo.password },
      { email: github.email, password: '' },
      { email: github.email, password: github.password },
    ]) {
      const res = await create({ ...body, name: 'x', expirationDate: inDays(1) });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid-credential');
    }
  });

  it('asks a TOTP user for the current code: missing or wrong is invalid-mfa-code', async () => {
    const base = { email: bob.email, password: bob.password, name: 'bob', expirationDate: inDays(1) };
    expect((await create(base)).body.code).toBe('invalid-mfa-code');
    const wrong = String((Number(totpCode(bob.totpSecret, clock.now())) + 1) % 1_000_000).padStart(6, '0');
    expect((await create({ ...base, mfaCode: wrong })).body.code).toBe('invalid-mfa-code');
    expect((await create({ ...base, mfaCode: totpCode(bob.totpSecret, clock.now()) })).status).toBe(200);
  });

  it('refuses an expiry in the past or more than a year ahead', async () => {
    const base = { email: demo.email, password: demo.password, name: 'x' };
    expect((await create({ ...base, expirationDate: inDays(-1) })).status).toBe(400);
    expect((await create({ ...base, expirationDate: inDays(367) })).status).toBe(400);
    expect((await create({ ...base, expirationDate: 'tomorrow' })).status).toBe(400);
    expect((await create({ ...base, expirationDate: inDays(365) })).status).toBe(200);
  });

  it('refuses an unsigned or wrongly signed list', async () => {
    expect((await fetch(`${emulator.config.bridgeUrl}/api-tokens`)).status).toBe(401);
    const forged = await signed('GET', '/api-tokens', { token: emulator.config.token.token, secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
  });

  it('refuses a revoked token on /v2/self at once, and an expired one', async () => {
    const a = await create({ email: demo.email, password: demo.password, name: 'to revoke', expirationDate: inDays(2) });
    const apiToken = a.body.apiToken as string;
    expect((await self(apiToken)).status).toBe(200);
    expect((await signed('DELETE', `/api-tokens/${a.body.apiTokenId as string}`)).status).toBe(204);
    expect((await self(apiToken)).status).toBe(401);
    const list = (await (await signed('GET', '/api-tokens')).json()) as Record<string, unknown>[];
    expect(list.some((t) => t.apiTokenId === a.body.apiTokenId)).toBe(false);

    const b = await create({ email: demo.email, password: demo.password, name: 'to expire', expirationDate: inDays(1) });
    clock.advance(86_400_000 + 1000);
    expect((await self(b.body.apiToken as string)).status).toBe(401);
    const after = (await (await signed('GET', '/api-tokens')).json()) as Record<string, unknown>[];
    expect(after.find((t) => t.apiTokenId === b.body.apiTokenId)).toMatchObject({ state: 'EXPIRED' });
  });

  it('lets a user revoke only their own tokens', async () => {
    const theirs = await create({ email: bob.email, password: bob.password, mfaCode: totpCode(bob.totpSecret, clock.now()), name: 'bob2', expirationDate: inDays(1) });
    expect((await signed('DELETE', `/api-tokens/${theirs.body.apiTokenId as string}`)).status).toBe(404);
    expect((await self(theirs.body.apiToken as string)).status).toBe(200);
  });
});

describe('/self', () => {
  it('says whether the user has a password', async () => {
    const token = emulator.issueCliToken(github.email);
    const url = `${emulator.config.baseUrl}/self`;
    const oauth = signRequest({ method: 'GET', url, consumer: emulator.config.cliConsumer, token, signatureMethod: 'HMAC-SHA512', timestamp: String(Math.floor(clock.now() / 1000)) });
    const res = await fetch(url, { headers: { authorization: authorizationHeader(oauth) } });
    expect(await res.json()).toMatchObject({ email: github.email, hasPassword: false, preferredMFA: 'NONE' });
  });
});
