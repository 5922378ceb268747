import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { authorize, authorizeForm } from '../../../../emulators/clever-cloud/consent-client';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/clever-cloud/testing';
import type { AppError } from '../../errors';
import {
  accessToken,
  checkAuthorization,
  getAvailableRights,
  getCurrentToken,
  getLoginData,
  getSelf,
  pollCliToken,
  requestToken,
  revokeToken,
  type CleverCloudApiConfig,
  type ParamPlacement,
} from './api';
import { UNAUTHORIZED_MESSAGE } from './errors';
import { authorizationHeader, signRequest, SIGNATURE_METHODS, type TokenCredentials } from './oauth1';
import { failure } from '../../../../test/support/failure';

const clock = makeTestClock();
let emulator: CleverCloudEmulator;
let api: CleverCloudApiConfig;
const REQUEST_TOKEN_MS = 60_000;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now, lifetimes: { requestTokenMs: REQUEST_TOKEN_MS } });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());
afterEach(() => {
  emulator.server.faults.clear();
  emulator.setQuirks({ currentTokenAsArray: false, rightsAsArray: false });
});

/** Whatever an error says, it must not quote these. */
function expectClean(e: AppError, ...secrets: string[]): void {
  for (const s of [api.consumer.secret, emulator.config.token.token, emulator.config.token.secret, ...secrets])
    expect(e.message).not.toContain(s);
  expect(e.message).not.toMatch(/https?:\/\//);
}

/** A browser session cookie for the demo user, from the emulator's login form. */
async function sessionCookie(email = 'demo@example.com', password = 'demo-password'): Promise<string> {
  const res = await fetch(`${emulator.config.baseUrl}/sessions/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password, next: '/v2/oauth/authorize?oauth_token=x' }).toString(),
  });
  expect(res.status).toBe(303);
  return /ccid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
}

/** The whole dance through the typed client, as a user who has never approved (bob) or has. */
async function dance(placement: ParamPlacement, user: { email: string; password: string } = { email: 'bob@example.com', password: 'bob-password' }) {
  const rt = await requestToken(api, { callback: 'http://127.0.0.1:9/callback', placement });
  const ccid = await sessionCookie(user.email, user.password);
  const form = await authorizeForm(api, { oauthToken: rt.token, ccid });
  let verifier: string;
  if (form.kind === 'page') {
    expect(form.html).toContain('id="rights-form"');
    const answer = await authorize(api, { ccid, cctk: rt.token, rights: ['access_organisations', 'manage_ssh_keys'] });
    expect(answer).toMatchObject({ kind: 'redirect', status: 303, oauthToken: rt.token });
    verifier = (answer as { oauthVerifier: string }).oauthVerifier;
  } else {
    expect(form.oauthToken).toBe(rt.token);
    verifier = form.oauthVerifier!;
  }
  return { rt, verifier, access: await accessToken(api, { requestToken: rt, verifier, placement }) };
}

describe('the three-legged dance against the emulator', () => {
  for (const placement of ['body', 'query'] as const) {
    it(`request token → authorize form → authorize → access token (${placement} variant)`, async () => {
      const { access } = await dance(placement);
      expect(access.token).not.toBe('');
      // The emulator says oauth_expires_in: 90 days from now.
      expect(access.expiresAt).toBe(clock.now() + 90 * 24 * 3600 * 1000);
      const current = await getCurrentToken(api, access);
      expect(current.rights).toEqual(['access_organisations', 'manage_ssh_keys']);
    });
  }

  it('authorize form: the login page without a session, a 303 straight to the callback for an approved consumer', async () => {
    const rt = await requestToken(api, { callback: 'http://127.0.0.1:9/callback' });
    const anonymous = await authorizeForm(api, { oauthToken: rt.token });
    expect(anonymous).toMatchObject({ kind: 'page', status: 200 });
    expect((anonymous as { html: string }).html).toContain('id="login-form"');
    await dance('body', { email: 'bob@example.com', password: 'bob-password' }); // bob has approved now
    const approved = await authorizeForm(api, { oauthToken: rt.token, ccid: await sessionCookie('bob@example.com', 'bob-password') });
    expect(approved).toMatchObject({ kind: 'redirect', status: 303, oauthToken: rt.token, oauthVerifier: expect.any(String) });
  });

  it('works with every signature method', async () => {
    for (const signatureMethod of SIGNATURE_METHODS) {
      const cfg = { ...api, signatureMethod };
      const rt = await requestToken(cfg, { callback: 'http://127.0.0.1:9/cb' });
      const ccid = await sessionCookie('bob@example.com', 'bob-password');
      const form = await authorizeForm(cfg, { oauthToken: rt.token, ccid });
      const verifier = form.kind === 'redirect' ? form.oauthVerifier! : '';
      const access = await accessToken(cfg, { requestToken: rt, verifier });
      expect((await getSelf(cfg, access)).email).toBe('bob@example.com');
    }
  });

  it('refuses a replayed verifier and an expired request token (code_expired)', async () => {
    const { rt, verifier } = await dance('body');
    const replay = await failure(accessToken(api, { requestToken: rt, verifier }));
    expect(replay.code).toBe('code_expired');
    expectClean(replay, rt.token, rt.secret, verifier);

    const late = await requestToken(api, { callback: 'http://127.0.0.1:9/cb' });
    const ccid = await sessionCookie('bob@example.com', 'bob-password');
    const form = await authorizeForm(api, { oauthToken: late.token, ccid });
    clock.advance(REQUEST_TOKEN_MS + 1);
    const expired = await failure(accessToken(api, { requestToken: late, verifier: (form as { oauthVerifier: string }).oauthVerifier }));
    expect(expired.code).toBe('code_expired');
    expect(expired.message).toBe('Clever Cloud refused to finish the login: the authorisation expired or was already used. Please log in again.');
  });

  it('a wrong consumer secret fails at the request-token step as invalid_configuration', async () => {
    const e = await failure(requestToken({ ...api, consumer: { ...api.consumer, secret: 'wrong-secret' } }, { callback: 'http://127.0.0.1:9/cb' }));
    expect(e.code).toBe('invalid_configuration');
    expectClean(e, 'wrong-secret');
  });
});

describe('identity and token lifecycle', () => {
  it('GET /self and GET /self/tokens/current, object or one-element array', async () => {
    const self = await getSelf(api, emulator.config.token);
    expect(self).toEqual({
      id: expect.stringMatching(/^user_/),
      email: 'demo@example.com',
      name: 'Ada Demo',
      avatarUrl: `${emulator.config.consoleUrl}/avatars/ada.png`,
      createdAt: expect.any(Number),
      preferredMfa: 'NONE',
      emailValidated: true,
      hasPassword: true,
    });
    const current = await getCurrentToken(api, emulator.config.token);
    expect(current).toMatchObject({
      token: emulator.config.token.token,
      consumerName: 'Tessera Demo',
      consumerKey: api.consumer.key,
      rights: ['access_organisations', 'access_personal_information', 'manage_personal_information', 'manage_ssh_keys'],
    });
    expect(current.expiresAt! - current.createdAt!).toBe(90 * 24 * 3600 * 1000);
    expect(current.lastUsedAt).toBe(clock.now());
    emulator.setQuirks({ currentTokenAsArray: true });
    expect(await getCurrentToken(api, emulator.config.token)).toEqual({ ...current, lastUsedAt: clock.now() });
  });

  it('an empty name is no name', async () => {
    const { access } = await dance('body');
    expect((await getSelf(api, access)).name).toBeNull();
  });

  it('revokes one token; afterwards the token is refused and revoking again is harmless', async () => {
    const { access } = await dance('body');
    const other = (await dance('body')).access;
    expect(await revokeToken(api, access)).toBe('revoked');
    const e = await failure(getSelf(api, access));
    expect(e.code).toBe('unauthorized');
    expect(e.message).toBe(UNAUTHORIZED_MESSAGE);
    expectClean(e, access.token, access.secret);
    expect(await revokeToken(api, access)).toBe('already-invalid');
    // Only that one: the user's other sessions live on.
    expect((await getSelf(api, other)).email).toBe('bob@example.com');
    expect(emulator.server.log.some((r) => r.method === 'DELETE' && r.path === '/v2/self/tokens')).toBe(false);
  });

  it('expired tokens are unauthorized', async () => {
    const { access } = await dance('body');
    emulator.expireToken(access.token);
    expect((await failure(getCurrentToken(api, access))).code).toBe('unauthorized');
  });

  it('polls cli_tokens: pending, then ready with an ISO[UTC] expiry', async () => {
    const cliToken = 'p'.repeat(27);
    expect(await pollCliToken(api, cliToken)).toEqual({ status: 'pending' });
    const ccid = await sessionCookie();
    const page = await (await fetch(`${emulator.config.consoleUrl}/cli-oauth?cli_version=x&cli_token=${cliToken}`, { headers: { cookie: `ccid=${ccid}` } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    await fetch(`${emulator.config.consoleUrl}/cli-oauth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ccid=${ccid}` },
      body: `cli_token=${cliToken}&csrf=${encodeURIComponent(csrf)}`,
    });
    const ready = await pollCliToken(api, cliToken);
    expect(ready).toMatchObject({ status: 'ready', expiresAt: clock.now() + 365 * 24 * 3600 * 1000 });
    const creds = (ready as { credentials: TokenCredentials }).credentials;
    expect((await getSelf(apiConfigFor(emulator, clock, { cli: true }), creds)).email).toBe('demo@example.com');
  });
});

describe('other AuthApi methods', () => {
  it('available rights, as an object or an array', async () => {
    const rights = await getAvailableRights(api);
    expect(rights).toHaveLength(12);
    expect(rights).toContainEqual({ name: 'manage_ssh_keys', description: 'Manage your SSH keys' });
    emulator.setQuirks({ rightsAsArray: true });
    expect(await getAvailableRights(api)).toEqual(rights);
  });

  it('login data for a consumer key', async () => {
    const data = await getLoginData(api, api.consumer.key);
    expect(data).toMatchObject({ consumer: { name: 'Tessera Demo' } });
    const e = await failure(getLoginData(api, 'unknown'));
    expect(e).toMatchObject({ code: 'http_error', message: 'Clever Cloud refused the request (HTTP 404): Unknown consumer.' });
  });

  it('POST /authorize says whether an Authorization header is valid for a request', async () => {
    const uri = `${emulator.config.baseUrl}/self`;
    const header = authorizationHeader(
      signRequest({ method: 'GET', url: uri, consumer: api.consumer, token: emulator.config.token, signatureMethod: 'HMAC-SHA1', timestamp: String(Math.floor(clock.now() / 1000)) }),
    );
    expect(await checkAuthorization(api, { verb: 'GET', uri, authorization: header })).toEqual({
      valid: true,
      message: { id: 200, message: 'The authorization is valid.', type: 'success' },
    });
    // Checking does not consume the nonce: the same header is still valid once more.
    expect((await checkAuthorization(api, { verb: 'GET', uri, authorization: header })).valid).toBe(true);
    expect(await checkAuthorization(api, { verb: 'DELETE', uri, authorization: header })).toMatchObject({ valid: false, message: { type: 'error' } });
  });
});

describe('bad answers and bad networks', () => {
  it('HTML where JSON was expected → bad_response', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 200, contentType: 'text/html', body: '<html>Login</html>' }, path: '/self' });
    const e = await failure(getSelf(api, emulator.config.token));
    expect(e).toMatchObject({ code: 'bad_response', message: 'Clever Cloud sent an answer that is not valid JSON (HTTP 200).' });
  });

  it('HTML or JSON where a form-encoded token was expected → bad_response, never a token', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 200, contentType: 'text/html', body: '<html>x</html>' }, path: '/oauth/request_token' });
    expect((await failure(requestToken(api, { callback: 'http://127.0.0.1/' }))).code).toBe('bad_response');
    emulator.server.faults.clear();
    emulator.server.faults.add({ fault: { kind: 'status', status: 200, contentType: 'text/plain', body: 'oauth_token=a&oauth_token_secret=b' }, path: '/oauth/request_token' });
    // No oauth_callback_confirmed=true: an OAuth 1.0 server, refused.
    expect((await failure(requestToken(api, { callback: 'http://127.0.0.1/' }))).code).toBe('bad_response');
  });

  it('a malformed request-token answer is reported without the token, its secret or the consumer secret', async () => {
    const token = 'rt-planted-token-1234';
    const secret = 'rt-planted-secret-5678';
    const pair = `oauth_token=${token}&oauth_token_secret=${secret}`;
    const answers = [
      // An error status with the pair still in it, form-encoded (quoted as plain text before).
      { status: 400, contentType: 'application/x-www-form-urlencoded', body: `${pair}&oauth_callback_confirmed=false` },
      { status: 409, contentType: 'text/plain', body: `Refused ${pair} for ${api.consumer.secret}` },
      // A JSON Message quoting them.
      { status: 400, body: JSON.stringify({ id: 1, message: `Bad callback: ${pair}; consumer secret ${api.consumer.secret}`, type: 'error' }) },
      // A 200 that is not an OAuth 1.0a answer.
      { status: 200, contentType: 'text/plain', body: `${pair}&oauth_callback_confirmed=false` },
    ];
    const messages: string[] = [];
    for (const fault of answers) {
      emulator.server.faults.add({ fault: { kind: 'status', ...fault }, path: '/oauth/request_token', times: 1 });
      const e = await failure(requestToken(api, { callback: 'http://127.0.0.1:9/callback' }));
      expect(e.code).toMatch(/^(http_error|bad_response)$/);
      messages.push(e.message);
    }
    for (const message of messages) {
      expect(message).not.toContain(token);
      expect(message).not.toContain(secret);
      expect(message).not.toContain(api.consumer.secret);
    }
    // Still a readable message: what was refused, with the values cut out.
    expect(messages[0]).toBe('Clever Cloud refused the request (HTTP 400): oauth_token=…&oauth_token_secret=…&oauth_callback_confirmed=false');
    expect(messages[1]).toBe('Clever Cloud refused the request (HTTP 409): Refused oauth_token=…&oauth_token_secret=… for …');
  });

  it('Message errors are quoted without secrets or URLs; plain-text errors too; 5xx says try again', async () => {
    const token = emulator.config.token;
    emulator.server.faults.add({
      fault: { kind: 'status', status: 400, body: JSON.stringify({ id: 4001, message: `Token ${token.token} broke at https://api/x?secret=1`, type: 'error' }) },
      times: 1,
    });
    const e = await failure(getSelf(api, token));
    expect(e.message).toBe('Clever Cloud refused the request (HTTP 400): Token … broke at [address]');
    expectClean(e);
    emulator.server.faults.add({ fault: { kind: 'status', status: 409, contentType: 'text/plain', body: 'Conflict\n' }, times: 1 });
    expect((await failure(getSelf(api, token))).message).toBe('Clever Cloud refused the request (HTTP 409): Conflict');
    emulator.server.faults.add({ fault: { kind: 'html', status: 502 }, times: 1 });
    expect(await failure(getSelf(api, token))).toMatchObject({ code: 'http_error', message: 'Clever Cloud had a problem (HTTP 502). Try again in a moment.' });
  });

  it('an oversized body is refused', async () => {
    emulator.server.faults.add({ fault: { kind: 'huge', bytes: 2 * 1024 * 1024 }, times: 1 });
    expect((await failure(getAvailableRights(api))).code).toBe('response_too_large');
    emulator.server.faults.add({ fault: { kind: 'huge', bytes: 64 * 1024 }, times: 1 });
    expect((await failure(getAvailableRights({ ...api, maxBytes: 1024 }))).code).toBe('response_too_large');
  });

  it('a server that never answers: timeout, and cancel', async () => {
    emulator.server.faults.add({ fault: { kind: 'hang' } });
    expect((await failure(getSelf({ ...api, timeoutMs: 200 }, emulator.config.token))).code).toBe('timeout');
    const controller = new AbortController();
    const pending = getSelf(api, emulator.config.token, { signal: controller.signal });
    controller.abort();
    expect((await failure(pending)).code).toBe('cancelled');
  });

  it('a truncated answer is a network failure, not a half-read value', async () => {
    // Its own path: a request the previous test cancelled may still reach the server late.
    emulator.server.faults.add({ fault: { kind: 'truncate' }, times: 1, path: '/self/tokens/current' });
    expect((await failure(getCurrentToken(api, emulator.config.token))).code).toBe('network');
  });
});
