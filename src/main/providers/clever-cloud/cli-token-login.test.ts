import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { apiConfigFor, makeTestClock, TestBrowser } from '../../../../emulators/clever-cloud/testing';
import { getCurrentToken, type CleverCloudApiConfig } from './api';
import { cliOauthUrl, loginWithCliToken, makeCliToken, type CliTokenLoginOptions } from './cli-token-login';
import type { CleverLoginProgress } from './login-progress';
import { failure } from '../../../../test/support/failure';

const clock = makeTestClock();
let emulator: CleverCloudEmulator;
let api: CleverCloudApiConfig;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now });
  // No consumer given to the login: it must pick the CLI's public one by itself.
  api = apiConfigFor(emulator, clock, { cli: true });
});
afterAll(() => emulator.close());
afterEach(() => emulator.server.faults.clear());

function options(overrides: Partial<CliTokenLoginOptions> = {}): CliTokenLoginOptions {
  const { consumer: _unused, ...apiWithoutConsumer } = api;
  return {
    api: apiWithoutConsumer,
    consoleUrl: emulator.config.consoleUrl,
    timeoutMs: 5_000,
    pollIntervalMs: 20,
    openBrowser: (url) => void new TestBrowser(`http://127.0.0.1:${emulator.port}`).open(url).catch(() => undefined),
    ...overrides,
  };
}

describe('loginWithCliToken', () => {
  it('opens the console, polls until approved, and returns a token of the CLI consumer', async () => {
    const opened: string[] = [];
    const progress: CleverLoginProgress[] = [];
    const base = options();
    const creds = await loginWithCliToken({
      ...base,
      cliVersion: 'tessera-test',
      onProgress: (p) => progress.push(p),
      openBrowser: (url) => {
        opened.push(url);
        // The user takes a few polls to log in.
        setTimeout(() => void base.openBrowser(url), 100);
      },
    });
    const url = new URL(opened[0]!);
    expect(`${url.origin}${url.pathname}`).toBe(`${emulator.config.consoleUrl}/cli-oauth`);
    expect(url.searchParams.get('cli_version')).toBe('tessera-test');
    expect(url.searchParams.get('cli_token')).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(creds.expiresAt).toBe(clock.now() + 365 * 24 * 3600 * 1000);
    const current = await getCurrentToken(api, creds);
    expect(current).toMatchObject({ consumerName: 'Clever Cloud CLI', consumerKey: 'T5nFjKeHH4AIlEveuGhB5S3xg8T19e' });
    expect(progress[0]!.phase).toBe('opening-browser');
    const waits = progress.filter((p) => p.phase === 'waiting');
    expect(waits.length).toBeGreaterThan(1);
    expect(waits.at(-1)!.elapsedMs).toBeGreaterThanOrEqual(waits[0]!.elapsedMs);
    expect(progress.at(-1)!.phase).toBe('done');
    // The poll is unsigned and the cli_token never travels anywhere else.
    const polls = emulator.server.log.filter((r) => r.path === '/v2/self/cli_tokens');
    expect(polls.length).toBeGreaterThan(1);
  });

  it('keeps polling through transient failures (503, a dropped connection)', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, path: '/self/cli_tokens', times: 2 });
    emulator.server.faults.add({ fault: { kind: 'reset' }, path: '/self/cli_tokens', times: 1 });
    const creds = await loginWithCliToken(options());
    expect(creds.token).not.toBe('');
  });

  it('stops at the first refusal that is not a server problem (HTTP 4xx), whatever its message says', async () => {
    // A message that reads like a server error: the status decides, not the words.
    emulator.server.faults.add({ fault: { kind: 'status', status: 409, body: '{"id":1,"message":"HTTP 503 upstream","type":"error"}' }, path: '/self/cli_tokens' });
    const pollsBefore = emulator.server.log.filter((r) => r.path === '/v2/self/cli_tokens').length;
    const e = await failure(loginWithCliToken(options({ openBrowser: () => undefined })));
    expect(e).toMatchObject({ code: 'http_error', status: 409, endpoint: 'cliToken', message: 'Clever Cloud refused the request (HTTP 409): HTTP 503 upstream' });
    expect(emulator.server.log.filter((r) => r.path === '/v2/self/cli_tokens').length - pollsBefore).toBe(1);
  });

  it('stops on an answer that is not what the protocol says', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 200, contentType: 'text/html', body: '<html>maintenance</html>' }, path: '/self/cli_tokens' });
    expect((await failure(loginWithCliToken(options({ openBrowser: () => undefined })))).code).toBe('bad_response');
  });

  it('times out when nobody approves, even while a poll hangs', async () => {
    const e = await failure(loginWithCliToken(options({ timeoutMs: 200, openBrowser: () => undefined })));
    expect(e).toMatchObject({ code: 'timeout', message: 'The login was not approved in the browser within 1 s. Please try again.' });
    emulator.server.faults.add({ fault: { kind: 'hang' }, path: '/self/cli_tokens' });
    const started = Date.now();
    expect((await failure(loginWithCliToken(options({ timeoutMs: 300, openBrowser: () => undefined })))).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('can be cancelled while waiting, and before starting', async () => {
    const controller = new AbortController();
    const pending = loginWithCliToken(options({ signal: controller.signal, openBrowser: () => void setTimeout(() => controller.abort(), 50) }));
    expect(await failure(pending)).toMatchObject({ code: 'cancelled', message: 'The login was cancelled.' });
    let opened = false;
    const e = await failure(loginWithCliToken(options({ signal: AbortSignal.abort(), openBrowser: () => void (opened = true) })));
    expect(e.code).toBe('cancelled');
    expect(opened).toBe(false);
  });

  it('never puts the cli_token in an error message', async () => {
    let token = '';
    emulator.server.faults.add({ fault: { kind: 'status', status: 400, body: '{"id":1,"message":"bad","type":"error"}' }, path: '/self/cli_tokens' });
    const e = await failure(
      loginWithCliToken(options({ openBrowser: (url) => void (token = new URL(url).searchParams.get('cli_token')!) })),
    );
    expect(e.message).not.toContain(token);
  });
});

describe('cli_token and console URL', () => {
  it('makes 20 random bytes, base64url', () => {
    const a = makeCliToken();
    expect(Buffer.from(a, 'base64url')).toHaveLength(20);
    expect(a).not.toBe(makeCliToken());
  });

  it('builds the console URL and refuses non-https consoles', () => {
    expect(cliOauthUrl('https://console.clever-cloud.com', 'tok', '3.0.0')).toBe(
      'https://console.clever-cloud.com/cli-oauth?cli_version=3.0.0&cli_token=tok',
    );
    expect(() => cliOauthUrl('http://console.example', 'tok')).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
  });
});
