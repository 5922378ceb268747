import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  formEncode,
  percentEncode,
  signRequest,
  SIGNATURE_METHODS,
  type Param,
  type SignatureMethod,
} from '../../src/main/providers/clever-cloud/oauth1';
import { startCleverCloudEmulator, type CleverCloudEmulator } from './server';
import { makeTestClock, TestBrowser } from './testing';

const clock = makeTestClock();
let emulator: CleverCloudEmulator;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now, lifetimes: { requestTokenMs: 60_000 } });
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.server.faults.clear();
  emulator.setQuirks({ currentTokenAsArray: false, rightsAsArray: false });
});

interface SignedCallOptions {
  method?: 'GET' | 'POST' | 'DELETE';
  signatureMethod?: SignatureMethod;
  consumer?: { key: string; secret: string };
  token?: { token: string; secret: string } | null;
  skewSeconds?: number;
  nonce?: string;
  extra?: Param[];
  /** Change the request after signing. */
  tamper?: (h: string) => string;
}

/** A raw signed call, so that it is the emulator's checks that are tested, not our client. */
async function signedCall(path: string, o: SignedCallOptions = {}) {
  const method = o.method ?? 'GET';
  const url = `${emulator.config.baseUrl}${path}`;
  const oauth = signRequest({
    method,
    url,
    consumer: o.consumer ?? emulator.config.consumer,
    token: o.token === null ? undefined : (o.token ?? emulator.config.token),
    signatureMethod: o.signatureMethod ?? 'HMAC-SHA1',
    timestamp: String(Math.floor(clock.now() / 1000) + (o.skewSeconds ?? 0)),
    nonce: o.nonce,
    extra: o.extra,
  });
  const header = authorizationHeader(oauth);
  const res = await fetch(url, { method, headers: { authorization: o.tamper ? o.tamper(header) : header } });
  const text = await res.text();
  return { status: res.status, text, json: (): unknown => JSON.parse(text), headers: res.headers };
}

describe('configuration', () => {
  it('exports what --print-config shows', () => {
    const origin = `http://127.0.0.1:${emulator.port}`;
    expect(emulator.config).toEqual({
      baseUrl: `${origin}/v2`,
      consoleUrl: origin,
      bridgeUrl: `http://127.0.0.1:${emulator.bridgeServer.port}`,
      consumer: { key: expect.any(String), secret: expect.any(String) },
      token: { token: expect.any(String), secret: expect.any(String) },
      user: { email: 'demo@example.com', password: 'demo-password' },
      totpUser: { email: 'bob@example.com', password: 'bob-password', totpSecret: 'KRSXG5CTMVRXEZLUKN2XAZLS' },
      cliConsumer: { key: 'T5nFjKeHH4AIlEveuGhB5S3xg8T19e', secret: 'MgVMqTr6fWlf2M0tkC2MXOnhfqBWDT' },
    });
    const seeded = emulator.listTokens().find((t) => t.token === emulator.config.token.token);
    expect(seeded).toMatchObject({ consumerKey: emulator.config.consumer.key, email: 'demo@example.com', revoked: false });
  });
});

describe('signature checks, for each method', () => {
  for (const signatureMethod of SIGNATURE_METHODS) {
    it(`${signatureMethod}: accepts a good signature, refuses forged, stale and replayed ones with a 401 Message`, async () => {
      expect((await signedCall('/self', { signatureMethod })).status).toBe(200);

      const forgedConsumer = await signedCall('/self', { signatureMethod, consumer: { ...emulator.config.consumer, secret: 'forged' } });
      expect(forgedConsumer.status).toBe(401);
      expect(forgedConsumer.json()).toEqual({ id: expect.any(Number), message: 'Invalid signature.', type: 'error' });
      const forgedToken = await signedCall('/self', { signatureMethod, token: { ...emulator.config.token, secret: 'forged' } });
      expect(forgedToken.status).toBe(401);
      const flipped = await signedCall('/self', {
        signatureMethod,
        tamper: (h) => h.replace(/oauth_signature="([^"])/, (_m, c: string) => `oauth_signature="${c === 'A' ? 'B' : 'A'}`),
      });
      expect(flipped.status).toBe(401);

      // Tolerance is ±300 s: 299 s off passes, 301 s off does not.
      expect((await signedCall('/self', { signatureMethod, skewSeconds: -299 })).status).toBe(200);
      const stale = await signedCall('/self', { signatureMethod, skewSeconds: -301 });
      expect(stale.status).toBe(401);
      expect(stale.json()).toMatchObject({ message: 'Stale oauth_timestamp.', type: 'error' });
      expect((await signedCall('/self', { signatureMethod, skewSeconds: 301 })).status).toBe(401);

      const nonce = `n-${signatureMethod}-${Math.random()}`;
      expect((await signedCall('/self', { signatureMethod, nonce })).status).toBe(200);
      const replay = await signedCall('/self', { signatureMethod, nonce });
      expect(replay.status).toBe(401);
      expect(replay.json()).toMatchObject({ message: 'Replayed oauth_nonce.' });
    });
  }

  it('HMAC covers the path and the method: a signature for /self does not open /self/tokens/current', async () => {
    const url = `${emulator.config.baseUrl}/self`;
    const oauth = signRequest({ method: 'GET', url, consumer: emulator.config.consumer, token: emulator.config.token, signatureMethod: 'HMAC-SHA512' });
    const res = await fetch(`${emulator.config.baseUrl}/self/tokens/current`, { headers: { authorization: authorizationHeader(oauth) } });
    expect(res.status).toBe(401);
  });

  it('accepts the static PLAINTEXT header of Clever’s JS client (no method, timestamp or nonce)', async () => {
    const { consumer, token } = emulator.config;
    const sig = percentEncode(`${percentEncode(consumer.secret)}&${percentEncode(token.secret)}`);
    const header = `OAuth oauth_consumer_key="${consumer.key}", oauth_token="${token.token}", oauth_signature="${sig}"`;
    for (let i = 0; i < 2; i += 1) expect((await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: header } })).status).toBe(200);
  });

  it('refuses unknown consumers and tokens, HMAC without nonce, parameters in two places, other schemes', async () => {
    expect((await signedCall('/self', { consumer: { key: 'nope', secret: 'x' } })).json()).toMatchObject({ message: 'Unknown OAuth consumer.' });
    expect((await signedCall('/self', { token: { token: 'nope', secret: 'x' } })).status).toBe(401);
    // The seeded token belongs to the demo consumer: the CLI consumer cannot use it.
    expect((await signedCall('/self', { consumer: emulator.config.cliConsumer })).status).toBe(401);
    expect((await signedCall('/self', { tamper: (h) => h.replace(/, oauth_nonce="[^"]*"/, '') })).status).toBe(400);
    const unsigned = await fetch(`${emulator.config.baseUrl}/self`);
    expect(unsigned.status).toBe(401);
    expect((await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: 'Bearer abc' } })).status).toBe(400);
    const url = `${emulator.config.baseUrl}/self`;
    const oauth = signRequest({ method: 'GET', url, consumer: emulator.config.consumer, token: emulator.config.token, signatureMethod: 'HMAC-SHA1' });
    const split = await fetch(`${url}?${formEncode(oauth.slice(0, 2))}`, { headers: { authorization: authorizationHeader(oauth.slice(2)) } });
    expect(split.status).toBe(400);
    expect(await split.json()).toMatchObject({ message: 'OAuth parameters must be sent in one place only.' });
  });

  it('refuses expired and revoked tokens', async () => {
    const [a, b] = await Promise.all([issueToken(), issueToken()]);
    expect((await signedCall('/self', { token: a })).status).toBe(200);
    emulator.expireToken(a.token);
    expect((await signedCall('/self', { token: a })).json()).toMatchObject({ message: 'Expired token.' });
    emulator.revokeToken(b.token);
    expect((await signedCall('/self', { token: b })).json()).toMatchObject({ message: 'Revoked token.' });
  });
});

/** A fresh token for the demo consumer, through the whole HTML dance. */
async function issueToken(): Promise<{ token: string; secret: string }> {
  const callback = 'http://127.0.0.1:9/cb';
  const rt = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', callback]]);
  const browser = new TestBrowser(`http://127.0.0.1:${emulator.port}`, { stopAtCallback: true });
  const out = await browser.open(`${emulator.config.baseUrl}/oauth/authorize?oauth_token=${encodeURIComponent(rt.get('oauth_token')!)}`);
  expect(out.kind).toBe('callback');
  const verifier = new URL(out.url).searchParams.get('oauth_verifier')!;
  const at = await tokenStep('/oauth/access_token', { token: rt.get('oauth_token')!, secret: rt.get('oauth_token_secret')! }, [
    ['oauth_verifier', verifier],
  ]);
  return { token: at.get('oauth_token')!, secret: at.get('oauth_token_secret')! };
}

async function tokenStep(path: string, token: { token: string; secret: string } | undefined, extra: Param[]) {
  const url = `${emulator.config.baseUrl}${path}`;
  const oauth = signRequest({ method: 'POST', url, consumer: emulator.config.consumer, token, signatureMethod: 'HMAC-SHA512', extra });
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formEncode(oauth) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/);
  return new URLSearchParams(await res.text());
}

describe('OAuth dance strictness', () => {
  it('answers the request token form-encoded with oauth_callback_confirmed=true', async () => {
    const rt = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', 'http://127.0.0.1:1234/x']]);
    expect([...rt.keys()]).toEqual(['oauth_token', 'oauth_token_secret', 'oauth_callback_confirmed']);
    expect(rt.get('oauth_callback_confirmed')).toBe('true');
  });

  it('refuses a callback off the consumer’s base URL, a missing callback, and the wrong variant', async () => {
    const cases: [Param[], number][] = [
      [[['oauth_callback', 'https://evil.example/cb']], 400],
      [[['oauth_callback', 'oob']], 400],
      [[], 400],
    ];
    for (const [extra, status] of cases) {
      const url = `${emulator.config.baseUrl}/oauth/request_token`;
      const oauth = signRequest({ method: 'POST', url, consumer: emulator.config.consumer, signatureMethod: 'HMAC-SHA1', extra });
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formEncode(oauth) });
      expect(res.status).toBe(status);
    }
    // Parameters in the body of the _query variant.
    const url = `${emulator.config.baseUrl}/oauth/request_token_query`;
    const oauth = signRequest({ method: 'POST', url, consumer: emulator.config.consumer, signatureMethod: 'HMAC-SHA1', extra: [['oauth_callback', 'http://127.0.0.1:1/x']] });
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: formEncode(oauth) });
    expect(res.status).toBe(400);
  });

  it('the HTML pages: login, rights with one checkbox per right, cookies, 303 to the callback, straight 303 the second time', async () => {
    const origin = `http://127.0.0.1:${emulator.port}`;
    const rt = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', 'http://127.0.0.1:9/cb?keep=1']]);
    const first = await fetch(`${emulator.config.baseUrl}/oauth/authorize?oauth_token=${rt.get('oauth_token')}`);
    const login = await first.text();
    expect(login).toContain('id="login-form"');
    expect(first.headers.get('content-security-policy')).toContain("default-src 'none'");

    // A user who already approved this consumer: no page at all the second time.
    const browser = new TestBrowser(origin, { email: 'bob@example.com', password: 'bob-password', stopAtCallback: true });
    const out = await browser.open(`${emulator.config.baseUrl}/oauth/authorize?oauth_token=${rt.get('oauth_token')}`);
    expect(browser.cookies.has('ccid')).toBe(true);
    expect(browser.cookies.has('cctk')).toBe(false); // cleared after the rights form
    const cb = new URL(out.url);
    expect(cb.searchParams.get('keep')).toBe('1');
    expect(cb.searchParams.get('oauth_token')).toBe(rt.get('oauth_token'));
    expect(cb.searchParams.get('oauth_verifier')).toMatch(/^[\w-]{16,}$/);

    const rt2 = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', 'http://127.0.0.1:9/cb']]);
    const again = await fetch(`${emulator.config.baseUrl}/oauth/authorize?oauth_token=${rt2.get('oauth_token')}`, {
      redirect: 'manual',
      headers: { cookie: `ccid=${browser.cookies.get('ccid')}` },
    });
    expect(again.status).toBe(303);
    expect(new URL(again.headers.get('location')!).searchParams.get('oauth_token')).toBe(rt2.get('oauth_token'));
  });

  it('rights form: ccid and cctk must be cookies; unknown rights are refused', async () => {
    const rt = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', 'http://127.0.0.1:9/cb']]);
    // A logged-in session first (the browser stops at the callback).
    const browser = new TestBrowser(`http://127.0.0.1:${emulator.port}`, { stopAtCallback: true });
    await browser.open(`${emulator.config.baseUrl}/oauth/authorize?oauth_token=${rt.get('oauth_token')}`);
    const ccid = browser.cookies.get('ccid')!;
    const rt3 = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', 'http://127.0.0.1:9/cb']]);
    const post = (body: string, cookie: string) =>
      fetch(`${emulator.config.baseUrl}/oauth/authorize`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body,
      });
    expect((await post(`ccid=${ccid}&cctk=${rt3.get('oauth_token')}&manage_ssh_keys=on`, '')).status).toBe(400);
    expect((await post('almighty=on', `ccid=${ccid}; cctk=${rt3.get('oauth_token')}`)).status).toBe(400);
    expect((await post('manage_ssh_keys=on', `ccid=${ccid}; cctk=${rt3.get('oauth_token')}`)).status).toBe(303);
  });

  it('escapes hostile user names in every page', async () => {
    emulator.setUserName('bob@example.com', '<script>alert(1)</script>"&\'');
    try {
      const rt = await tokenStep('/oauth/request_token', undefined, [['oauth_callback', 'http://127.0.0.1:9/cb']]);
      const browser = new TestBrowser(`http://127.0.0.1:${emulator.port}`, { email: 'bob@example.com', password: 'bob-password', stopAtCallback: true });
      // The console page shows the name too.
      const out = await new TestBrowser(`http://127.0.0.1:${emulator.port}`, { email: 'bob@example.com', password: 'bob-password' }).open(
        `${emulator.config.consoleUrl}/cli-oauth?cli_version=1&cli_token=${'a'.repeat(27)}`,
      );
      expect(out.text).toContain('The CLI is now logged in');
      const login = await browser.open(`${emulator.config.baseUrl}/oauth/authorize?oauth_token=${rt.get('oauth_token')}`);
      expect(login.kind).toBe('callback'); // bob approved the demo consumer earlier
      const res = await fetch(`${emulator.config.consoleUrl}/cli-oauth?cli_version=%3Cb%3E&cli_token=${'b'.repeat(27)}`, {
        headers: { cookie: `ccid=${browser.cookies.get('ccid')}` },
      });
      const page = await res.text();
      expect(page).not.toContain('<script>');
      expect(page).not.toContain('<b>');
      expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;&#34;&#38;&#39;');
    } finally {
      emulator.setUserName('bob@example.com', '');
    }
  });

  it('the cli_tokens poll is 404 until approval, then answers once', async () => {
    const cliToken = 'c'.repeat(27);
    const poll = () => fetch(`${emulator.config.baseUrl}/self/cli_tokens?cli_token=${cliToken}`);
    expect((await poll()).status).toBe(404);
    const out = await new TestBrowser(`http://127.0.0.1:${emulator.port}`).open(`${emulator.config.consoleUrl}/cli-oauth?cli_version=t&cli_token=${cliToken}`);
    expect(out).toMatchObject({ kind: 'page', status: 200 });
    const ready = await poll();
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { token: string; secret: string; expirationDate: string };
    expect(body.expirationDate).toMatch(/Z\[UTC\]$/);
    expect((await poll()).status).toBe(404);
    // Signed with the CLI's public consumer, the token works.
    expect((await signedCall('/self', { consumer: emulator.config.cliConsumer, token: body })).status).toBe(200);
  });

  it('refuses an open redirect through the login form and a stale approve form', async () => {
    const res = await fetch(`${emulator.config.baseUrl}/sessions/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=demo%40example.com&password=demo-password&next=https%3A%2F%2Fevil.example%2F',
    });
    expect(res.status).toBe(400);
    const approve = await fetch(`${emulator.config.consoleUrl}/cli-oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `cli_token=${'d'.repeat(27)}&csrf=x`,
    });
    expect(approve.status).toBe(401);
  });

  it('answers unknown routes in plain text, like the real gateway', async () => {
    const res = await fetch(`${emulator.config.baseUrl}/nothing/here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  });

  it('DELETE /self/tokens revokes every token of the user (which is why Tessera never calls it)', async () => {
    const a = await issueToken();
    const b = await issueToken();
    expect((await signedCall('/self/tokens', { method: 'DELETE', token: a })).status).toBe(204);
    expect((await signedCall('/self', { token: b })).status).toBe(401);
    // The seeded token belongs to the same user: gone too (this test runs last for that reason).
    expect((await signedCall('/self')).status).toBe(401);
  });
});
