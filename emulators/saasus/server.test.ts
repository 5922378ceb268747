import { verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/main/providers/saasus/signature';
import { DEFAULT_CALLBACK_URL, startSaasusEmulator, type SaasusEmulator } from './server';
import { makeTestClock } from './testing';

const clock = makeTestClock();
let emulator: SaasusEmulator;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now });
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.server.faults.clear();
  emulator.setCallbackUrl(DEFAULT_CALLBACK_URL);
  emulator.setRotation(false);
});

/** A raw signed call, so that the emulator's own checks are what is tested. */
async function call(
  method: 'GET' | 'POST',
  pathAndQuery: string,
  opts: { body?: string; contentType?: string; skewMs?: number; secretKey?: string; authorization?: string } = {},
) {
  const url = `${emulator.config.baseUrl}${pathAndQuery}`;
  const { saasId, apiKey, secretKey } = emulator.config;
  const authorization =
    opts.authorization ??
    signRequest({ saasId, apiKey, secretKey: opts.secretKey ?? secretKey }, { method, url, body: opts.body }, clock.now() + (opts.skewMs ?? 0));
  const headers: Record<string, string> = { authorization };
  if (opts.contentType) headers['content-type'] = opts.contentType;
  const res = await fetch(url, { method, headers, body: opts.body });
  const text = await res.text();
  return { status: res.status, text, json: (): unknown => JSON.parse(text) };
}

const loginCode = async (email = 'alice@example.com', password = 'alice-password') => {
  const res = await fetch(emulator.config.loginUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
    redirect: 'manual',
  });
  return { res, location: res.headers.get('location') };
};

describe('configuration', () => {
  it('exports what --print-config shows', () => {
    expect(emulator.config).toEqual({
      baseUrl: `http://127.0.0.1:${emulator.port}/v1/auth`,
      loginUrl: `http://127.0.0.1:${emulator.port}/login`,
      saasId: expect.any(String),
      apiKey: expect.any(String),
      secretKey: expect.any(String),
      callbackUrl: 'http://127.0.0.1:28873/callback',
      users: [
        { email: 'alice@example.com', password: 'alice-password' },
        { email: 'bob@example.com', password: 'bob-password' },
      ],
    });
  });
});

describe('SAASUSSIGV1 checks', () => {
  it('refuses an unsigned call, a Bearer token and a bad signature with {type: permission_denied}', async () => {
    for (const authorization of ['', 'Bearer abc', `SAASUSSIGV1 Sig=${'0'.repeat(64)}, SaaSID=x, APIKey=y`]) {
      const res = await call('GET', '/auth-info', { authorization });
      expect(res.status).toBe(401);
      expect(res.json()).toEqual({ type: 'permission_denied', message: expect.any(String) });
    }
    expect((await call('GET', '/auth-info', { secretKey: 'wrong' })).status).toBe(401);
  });

  it('accepts a clock one minute off, refuses two and five', async () => {
    expect((await call('GET', '/auth-info', { skewMs: 60_000 })).status).toBe(200);
    expect((await call('GET', '/auth-info', { skewMs: -60_000 })).status).toBe(200);
    expect((await call('GET', '/auth-info', { skewMs: 2 * 60_000 + 1 })).status).toBe(401);
    expect((await call('GET', '/auth-info', { skewMs: -5 * 60_000 })).status).toBe(401);
  });

  it('covers the body: a body changed after signing is refused', async () => {
    const url = `${emulator.config.baseUrl}/credentials`;
    const { saasId, apiKey, secretKey } = emulator.config;
    const authorization = signRequest({ saasId, apiKey, secretKey }, { method: 'POST', url, body: '{"id_token":"a","access_token":"b"}' }, clock.now());
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: '{"id_token":"a","access_token":"c"}',
    });
    expect(res.status).toBe(401);
  });
});

describe('/v1/auth/credentials', () => {
  it('refuses the underscore query names of the generated docs', async () => {
    for (const q of ['?code=x&auth_flow=tempCodeAuth', '?auth-flow=refreshTokenAuth&refresh_token=x']) {
      const res = await call('GET', `/credentials${q}`);
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ type: 'invalid_request' });
    }
    expect((await call('GET', '/credentials?auth-flow=passwordAuth')).status).toBe(400);
    expect((await call('GET', '/credentials')).status).toBe(400);
  });

  it('redeems a login code once, and not after 10 seconds', async () => {
    const code = emulator.issueTempCode('alice@example.com');
    const first = await call('GET', `/credentials?code=${code}&auth-flow=tempCodeAuth`);
    expect(first.status).toBe(200);
    expect(Object.keys(first.json() as object).sort()).toEqual(['access_token', 'id_token', 'refresh_token']);
    const again = await call('GET', `/credentials?code=${code}&auth-flow=tempCodeAuth`);
    expect(again.status).toBe(404);
    expect(again.json()).toEqual({ type: 'not_found', message: expect.any(String) });
    const late = emulator.issueTempCode('alice@example.com');
    clock.advance(10_000);
    expect((await call('GET', `/credentials?code=${late}`)).status).toBe(404);
  });

  it('omits refresh_token from a refresh answer unless rotating', async () => {
    const login = (await call('GET', `/credentials?code=${emulator.issueTempCode('bob@example.com')}`)).json() as { refresh_token: string };
    const q = `/credentials?auth-flow=refreshTokenAuth&refresh-token=${encodeURIComponent(login.refresh_token)}`;
    const plain = await call('GET', q);
    expect(plain.status).toBe(200);
    expect(Object.keys(plain.json() as object).sort()).toEqual(['access_token', 'id_token']);
    emulator.setRotation(true);
    const rotated = (await call('GET', q)).json() as { refresh_token?: string };
    expect(rotated.refresh_token).toBeTruthy();
    expect((await call('GET', q)).status).toBe(404);
  });

  it('POST stores tokens for a code; refuses a body that is not the documented JSON', async () => {
    const body = '{"id_token":"i","access_token":"a"}';
    const created = await call('POST', '/credentials', { body, contentType: 'application/json' });
    expect(created.status).toBe(201);
    const { code } = created.json() as { code: string };
    expect(code).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await call('GET', `/credentials?code=${code}`)).json()).toEqual({ id_token: 'i', access_token: 'a' });
    expect((await call('POST', '/credentials', { body, contentType: 'text/plain' })).status).toBe(400);
    expect((await call('POST', '/credentials', { body: '{"id_token":"i"}', contentType: 'application/json' })).status).toBe(400);
    expect((await call('POST', '/credentials', { body: 'nope', contentType: 'application/json' })).status).toBe(400);
  });
});

describe('tokens and /v1/auth/userinfo', () => {
  it('issues RS256 JWTs with Cognito-style claims that verify with the emulator key', async () => {
    const creds = (await call('GET', `/credentials?code=${emulator.issueTempCode('alice@example.com')}`)).json() as {
      id_token: string;
      access_token: string;
    };
    const [h, p, s] = creds.id_token.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toMatchObject({ alg: 'RS256', typ: 'JWT' });
    expect(verify('RSA-SHA256', Buffer.from(`${h}.${p}`), emulator.publicKey, Buffer.from(s, 'base64url'))).toBe(true);
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
    const now = Math.floor(clock.now() / 1000);
    expect(claims).toMatchObject({ email: 'alice@example.com', token_use: 'id', iss: emulator.issuer, aud: emulator.clientId, iat: now, exp: now + 3600 });
    expect(typeof claims.sub).toBe('string');
    const access = JSON.parse(Buffer.from(creds.access_token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(access).toMatchObject({ token_use: 'access', client_id: emulator.clientId, exp: now + 3600 });
  });

  it('answers 401 for an access token, a forged or an expired ID token', async () => {
    emulator.setLifetimes({ idTokenSeconds: 5 });
    const creds = (await call('GET', `/credentials?code=${emulator.issueTempCode('alice@example.com')}`)).json() as {
      id_token: string;
      access_token: string;
    };
    emulator.setLifetimes({ idTokenSeconds: 3600 });
    expect((await call('GET', `/userinfo?token=${creds.id_token}`)).status).toBe(200);
    expect((await call('GET', `/userinfo?token=${creds.access_token}`)).status).toBe(401);
    const [h, , s] = creds.id_token.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'x', token_use: 'id', exp: 9e9 })).toString('base64url')}.${s}`;
    expect((await call('GET', `/userinfo?token=${forged}`)).json()).toEqual({ type: 'unauthorized', message: expect.any(String) });
    clock.advance(5_000);
    expect((await call('GET', `/userinfo?token=${creds.id_token}`)).status).toBe(401);
  });
});

describe('hosted login page', () => {
  it('serves a plain form with email and password inputs', async () => {
    const res = await fetch(emulator.config.loginUrl);
    const page = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('<form method="post" action="/login">');
    expect(page).toMatch(/<input type="email" name="email"/);
    expect(page).toMatch(/<input type="password" name="password"/);
  });

  it('redirects a good login (303) to the registered callback with a UUID code', async () => {
    emulator.setCallbackUrl('http://127.0.0.1:45999/cb');
    const { res, location } = await loginCode();
    expect(res.status).toBe(303);
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:45999\/cb\?code=[0-9a-f-]{36}$/);
    const code = new URL(location!).searchParams.get('code')!;
    expect((await call('GET', `/credentials?code=${code}&auth-flow=tempCodeAuth`)).status).toBe(200);
  });

  it('shows the form again with an error for a wrong password or unknown user', async () => {
    for (const [email, password] of [['alice@example.com', 'wrong'], ['nobody@example.com', 'x']] as const) {
      const { res, location } = await loginCode(email, password);
      expect(res.status).toBe(401);
      expect(location).toBeNull();
      expect(await res.text()).toContain('Incorrect email or password.');
    }
  });

  it('escapes every value it shows', async () => {
    const hostile = '<script>alert(1)</script>"\'&';
    emulator.setSaasName(hostile);
    try {
      const page = await (await fetch(emulator.config.loginUrl)).text();
      expect(page).not.toContain('<script>');
      expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#39;&#38;');
      const { res } = await loginCode(`"><img src=x onerror=alert(1)>`, 'x');
      const again = await res.text();
      expect(again).not.toContain('<img');
      expect(again).toContain('value="&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"');
    } finally {
      emulator.setSaasName('Demo SaaS');
    }
  });
});

describe('shared machinery', () => {
  it('honours fault switches and logs requests; unknown paths are JSON 404s', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, path: '/v1/auth/auth-info', times: 1 });
    expect((await call('GET', '/auth-info')).status).toBe(503);
    expect((await call('GET', '/auth-info')).status).toBe(200);
    expect(emulator.server.log.at(-1)).toMatchObject({ method: 'GET', path: '/v1/auth/auth-info' });
    const missing = await call('GET', '/nope');
    expect(missing.status).toBe(404);
    expect(missing.json()).toMatchObject({ type: 'not_found' });
    expect((await call('POST', '/auth-info', { body: '', contentType: 'application/json' })).status).toBe(405);
  });
});
