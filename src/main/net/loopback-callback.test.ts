import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { browserGet, IMAGE_HEADERS, NAVIGATION_HEADERS } from '../../../emulators/browser-requests';
import { AppError } from '../errors';
import { isTopLevelNavigation, listenForCallback, LOGIN_FAILED, NOT_A_NAVIGATION, type CallbackVerdict } from './loopback-callback';

const judge = (params: URLSearchParams): CallbackVerdict<string> => {
  if (params.get('error')) return { kind: 'fail', error: new AppError('cancelled', 'The provider refused the login.') };
  if (params.get('state') !== 'expected-state') return { kind: 'ignore', reason: 'This callback does not belong to the pending login.' };
  const code = params.get('code');
  return code ? { kind: 'accept', value: code } : { kind: 'ignore', reason: 'No code.' };
};

/** A raw request, so tests can set Host and Origin the way an attacker would. */
function hit(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listenForCallback', () => {
  it('listens on 127.0.0.1 only and accepts the first matching callback', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    expect(cb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect(await hit(cb.port, '/callback?state=expected-state&code=abc')).toBe(200);
    await expect(cb.result).resolves.toBe('abc');
  });

  it('cannot be reached on any other address of the machine', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    // On Linux every 127.x.y.z reaches the loopback interface: a listener on 0.0.0.0 (or on all of
    // 127/8) would answer on 127.0.0.2 too. Ours is bound to 127.0.0.1 alone.
    const elsewhere = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.2', port: cb.port, path: '/callback?state=expected-state&code=x', headers: { host: `127.0.0.1:${cb.port}` } }, (res) => {
        res.resume();
        resolve(`answered ${res.statusCode}`);
      });
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      req.end();
    });
    expect(elsewhere).toBe('ECONNREFUSED');
    expect(await hit(cb.port, '/callback?state=expected-state&code=abc')).toBe(200);
    await expect(cb.result).resolves.toBe('abc');
  });

  it('refuses a wrong Host, a foreign Origin, other paths and methods, and keeps waiting', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    expect(await hit(cb.port, '/callback?state=expected-state&code=x', { host: 'evil.example' })).toBe(421);
    expect(await hit(cb.port, '/callback?state=expected-state&code=x', { origin: 'https://evil.example' })).toBe(403);
    expect(await hit(cb.port, '/other?state=expected-state&code=x')).toBe(404);
    expect(await hit(cb.port, '/callback?state=expected-state&code=x', {}, 'POST')).toBe(405);
    expect(await hit(cb.port, '/callback?state=forged&code=x')).toBe(400);
    // Still waiting for the real one.
    expect(await hit(cb.port, '/callback?state=expected-state&code=real')).toBe(200);
    await expect(cb.result).resolves.toBe('real');
  });

  it('only a top-level navigation can complete or fail a login: an image, a frame, a fetch or a prefetch changes nothing', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    let settled = false;
    void cb.result.then(
      () => (settled = true),
      () => (settled = true),
    );
    // What other sites' pages can make a browser send without an Origin header.
    const notNavigations: Record<string, Record<string, string>> = {
      '<img>': IMAGE_HEADERS,
      '<iframe>': { ...NAVIGATION_HEADERS, 'sec-fetch-dest': 'iframe' },
      'no-cors fetch': { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'empty' },
      '<script>': { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' },
      'a prefetch of the address': { ...NAVIGATION_HEADERS, 'sec-purpose': 'prefetch' },
      'Fetch Metadata without mode and destination': { 'sec-fetch-site': 'cross-site' },
      'a repeated header': { ...NAVIGATION_HEADERS, 'sec-fetch-mode': 'navigate, navigate' },
    };
    const url = (query: string) => `http://127.0.0.1:${cb.port}/callback?${query}`;
    for (const [what, headers] of Object.entries(notNavigations)) {
      for (const query of ['state=expected-state&code=planted', 'error=access_denied']) {
        const answer = await browserGet(url(query), headers);
        expect({ what, query, status: answer.status, page: answer.text.includes(NOT_A_NAVIGATION) }).toEqual({ what, query, status: 400, page: true });
      }
    }
    expect(settled).toBe(false);
    // The browser coming back from the provider: a navigation of a tab.
    expect((await browserGet(url('state=expected-state&code=real'), NAVIGATION_HEADERS)).status).toBe(200);
    await expect(cb.result).resolves.toBe('real');
  });

  it('a navigation fails the login on a provider error; a request without Fetch Metadata is judged as before', async () => {
    const failing = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    const failed = failing.result.catch((e: unknown) => e);
    expect((await browserGet(`http://127.0.0.1:${failing.port}/callback?error=access_denied`, NAVIGATION_HEADERS)).status).toBe(400);
    expect(await failed).toMatchObject({ code: 'cancelled' });
    // curl, or a browser older than Fetch Metadata: nothing to judge the request by but the rest.
    const plain = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    expect(await hit(plain.port, '/callback?state=expected-state&code=plain')).toBe(200);
    await expect(plain.result).resolves.toBe('plain');
  });

  it('the answer pages never repeat the query, even when a judge words its error with it', async () => {
    const marker = '<b>tessera-marker</b>';
    const careless = (params: URLSearchParams): CallbackVerdict<string> => {
      const error = params.get('error');
      if (error) return { kind: 'fail', error: new AppError('unauthorized', `The provider said: ${error}`) };
      return judge(params);
    };
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge: careless });
    const failed = cb.result.catch((e: unknown) => e);
    const url = (query: Record<string, string>) => `http://127.0.0.1:${cb.port}/callback?${new URLSearchParams(query).toString()}`;
    const pages = [
      await browserGet(url({ state: marker, code: marker }), IMAGE_HEADERS),
      await browserGet(url({ state: marker, code: marker }), NAVIGATION_HEADERS),
      await browserGet(url({ error: marker, error_description: marker }), NAVIGATION_HEADERS),
    ];
    for (const page of pages) {
      expect(page.text).not.toContain('tessera-marker');
      expect(page.text).not.toContain(encodeURIComponent(marker));
    }
    expect(pages.map((p) => p.status)).toEqual([400, 400, 400]);
    expect(pages[2]!.text).toContain(LOGIN_FAILED);
    // The error itself reaches Tessera (here worded by the careless judge), not the browser.
    expect(await failed).toMatchObject({ code: 'unauthorized' });
  });

  it('isTopLevelNavigation: Fetch Metadata must say navigate and document; none at all passes', () => {
    expect(isTopLevelNavigation({ host: '127.0.0.1:1' })).toBe(true);
    expect(isTopLevelNavigation({ ...NAVIGATION_HEADERS })).toBe(true);
    expect(isTopLevelNavigation({ ...IMAGE_HEADERS })).toBe(false);
    expect(isTopLevelNavigation({ 'sec-fetch-mode': 'cors' })).toBe(false);
    expect(isTopLevelNavigation({ 'sec-fetch-mode': 'navigate' })).toBe(false);
    expect(isTopLevelNavigation({ purpose: 'prefetch' })).toBe(false);
  });

  it('is single use: once accepted, nothing listens any more', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    await hit(cb.port, '/callback?state=expected-state&code=first');
    await cb.result;
    await expect(hit(cb.port, '/callback?state=expected-state&code=replay')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('fails the login on a provider error', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    const settled = cb.result.catch((e: unknown) => e);
    expect(await hit(cb.port, '/callback?error=access_denied')).toBe(400);
    expect(await settled).toMatchObject({ code: 'cancelled', message: 'The provider refused the login.' });
  });

  it('times out, and can be cancelled', async () => {
    const slow = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 100, judge });
    await expect(slow.result).rejects.toMatchObject({ code: 'timeout' });
    const controller = new AbortController();
    const cancelled = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge, signal: controller.signal });
    controller.abort();
    await expect(cancelled.result).rejects.toMatchObject({ code: 'cancelled' });
    await expect(hit(cancelled.port, '/callback?state=expected-state&code=x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('says clearly when the fixed port is taken', async () => {
    const first = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    await expect(listenForCallback({ port: first.port, path: '/callback', timeoutMs: 5000, judge })).rejects.toMatchObject({ code: 'conflict' });
    first.close();
    await first.result.catch(() => undefined);
  });
});
