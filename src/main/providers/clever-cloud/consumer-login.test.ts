import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadAsImage, navigate, type BrowserAnswer } from '../../../../emulators/browser-requests';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { apiConfigFor, makeTestClock, TestBrowser, type BrowserOutcome, type TestBrowserOptions } from '../../../../emulators/clever-cloud/testing';
import { NOT_A_NAVIGATION } from '../../net/loopback-callback';
import { getSelf, type CleverCloudApiConfig } from './api';
import { judgeCallback, loginWithConsumer, type ConsumerLoginOptions } from './consumer-login';
import type { CleverLoginProgress } from './login-progress';
import { failure } from '../../../../test/support/failure';

const clock = makeTestClock();
const REQUEST_TOKEN_MS = 60_000;
let emulator: CleverCloudEmulator;
let api: CleverCloudApiConfig;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now, lifetimes: { requestTokenMs: REQUEST_TOKEN_MS } });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());
afterEach(() => emulator.server.faults.clear());

/** Runs a login whose "system browser" is a TestBrowser driving the emulator's pages. */
async function login(browserOpts: TestBrowserOptions = {}, opts: Partial<ConsumerLoginOptions> = {}) {
  const browser = new TestBrowser(`http://127.0.0.1:${emulator.port}`, browserOpts);
  let browsing: Promise<BrowserOutcome> | undefined;
  const progress: CleverLoginProgress[] = [];
  const result = loginWithConsumer({
    api,
    callbackPort: 0,
    timeoutMs: 5_000,
    openBrowser: (url) => {
      browsing = browser.open(url);
      browsing.catch(() => undefined);
    },
    onProgress: (p) => progress.push(p),
    ...opts,
  });
  return { result, browser, progress, browsing: () => browsing! };
}

describe('loginWithConsumer', () => {
  for (const placement of ['body', 'query'] as const) {
    it(`request token → browser → loopback callback → access token (${placement})`, async () => {
      const run = await login({}, { placement });
      const creds = await run.result;
      expect((await getSelf(api, creds)).email).toBe('demo@example.com');
      expect(creds.expiresAt).toBe(clock.now() + 90 * 24 * 3600 * 1000);
      const outcome = await run.browsing();
      expect(outcome).toMatchObject({ kind: 'callback', status: 200 });
      expect(run.progress.map((p) => p.phase)).toEqual(['opening-browser', 'opening-browser', 'waiting', 'exchanging', 'done']);
      expect(run.progress.find((p) => p.phase === 'waiting')!.timeoutAt).toBeGreaterThan(Date.now());
      // The listener is closed: replaying the callback finds nobody listening.
      await expect(fetch(outcome.url)).rejects.toThrow();
    });
  }

  it('ignores a callback for another request token (CSRF), then accepts the real one', async () => {
    let forged: BrowserAnswer | undefined;
    const run = await login({
      beforeCallback: async (url) => {
        const other = new URL(url);
        other.searchParams.set('oauth_token', 'someone-elses-token');
        forged = await navigate(other.href);
        // And one without any token at all.
        expect((await navigate(`${other.origin}${other.pathname}`)).status).toBe(400);
      },
    });
    const creds = await run.result;
    expect(forged!.status).toBe(400);
    expect(forged!.text).toContain('does not belong to the Clever Cloud login in progress');
    expect(creds.token).not.toBe('');
  });

  it('an <img> carrying this login’s own request token changes nothing; the real navigation then logs in', async () => {
    const images: BrowserAnswer[] = [];
    const run = await login({
      beforeCallback: async (url) => {
        // Judged, the first would end the login (no verifier) and the second would be accepted and
        // fail at the access-token step (wrong verifier). As images, neither is judged.
        const noVerifier = new URL(url);
        noVerifier.searchParams.delete('oauth_verifier');
        const wrongVerifier = new URL(url);
        wrongVerifier.searchParams.set('oauth_verifier', 'planted-verifier');
        images.push(await loadAsImage(noVerifier.href), await loadAsImage(wrongVerifier.href));
      },
    });
    const creds = await run.result;
    expect((await getSelf(api, creds)).email).toBe('demo@example.com');
    expect(images.map((i) => ({ status: i.status, neutral: i.text.includes(NOT_A_NAVIGATION) }))).toEqual([
      { status: 400, neutral: true },
      { status: 400, neutral: true },
    ]);
    expect(await run.browsing()).toMatchObject({ kind: 'callback', status: 200 });
  });

  it('an expired request token ends in code_expired, with nothing issued', async () => {
    const before = emulator.listTokens().length;
    const run = await login({ beforeCallback: () => clock.advance(REQUEST_TOKEN_MS + 1) });
    const e = await failure(run.result);
    expect(e.code).toBe('code_expired');
    expect(emulator.listTokens()).toHaveLength(before);
  });

  it('a 401 on the access-token step ends in code_expired', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 401 }, path: '/oauth/access_token' });
    const e = await failure((await login()).result);
    expect(e).toMatchObject({ code: 'code_expired' });
  });

  it('a wrong consumer secret fails before the browser opens', async () => {
    let opened = false;
    const e = await failure(
      loginWithConsumer({
        api: { ...api, consumer: { ...api.consumer, secret: 'nope' } },
        callbackPort: 0,
        timeoutMs: 5_000,
        openBrowser: () => {
          opened = true;
        },
      }),
    );
    expect(e.code).toBe('invalid_configuration');
    expect(opened).toBe(false);
  });

  it('times out when the browser never comes back, and can be cancelled', async () => {
    const base = { api, callbackPort: 0, openBrowser: () => undefined };
    expect((await failure(loginWithConsumer({ ...base, timeoutMs: 200 }))).code).toBe('timeout');
    const controller = new AbortController();
    const pending = loginWithConsumer({
      ...base,
      timeoutMs: 5_000,
      signal: controller.signal,
      openBrowser: () => void setImmediate(() => controller.abort()),
    });
    expect((await failure(pending)).code).toBe('cancelled');
  });

  it('a failing openBrowser closes the listener and reports a clear error', async () => {
    const e = await failure(
      loginWithConsumer({
        api,
        callbackPort: 0,
        timeoutMs: 5_000,
        openBrowser: () => {
          throw new Error('xdg-open not found');
        },
      }),
    );
    expect(e).toMatchObject({ code: 'internal', message: 'Could not open the Clever Cloud page in the browser.' });
  });
});

describe('judgeCallback', () => {
  const pending = { token: 'rt-1', secret: 's', callbackConfirmed: true as const };
  it('accepts only the pending token with a verifier', () => {
    expect(judgeCallback(new URLSearchParams('oauth_token=rt-1&oauth_verifier=v'), pending)).toEqual({ kind: 'accept', value: 'v' });
    expect(judgeCallback(new URLSearchParams('oauth_token=rt-2&oauth_verifier=v'), pending).kind).toBe('ignore');
    expect(judgeCallback(new URLSearchParams('oauth_verifier=v'), pending).kind).toBe('ignore');
    expect(judgeCallback(new URLSearchParams('oauth_token=rt-1&oauth_verifier=v'), undefined).kind).toBe('ignore');
    expect(judgeCallback(new URLSearchParams('oauth_token=rt-1'), pending)).toMatchObject({ kind: 'fail', error: { code: 'bad_response' } });
  });
});
