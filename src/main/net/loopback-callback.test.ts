import { getEventListeners, once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { browserGet, IMAGE_HEADERS, NAVIGATION_HEADERS } from '../../../emulators/browser-requests';
import { AppError } from '../errors';
import { isTopLevelNavigation, listenForCallback, LOGIN_FAILED, NOT_A_NAVIGATION, type CallbackVerdict } from './loopback-callback';

const judge = (params: URLSearchParams): CallbackVerdict<string> => {
  if (params.get('error')) return { kind: 'fail', error: new AppError('cancelled', 'The provider refused the login.') };
  if (params.get('state') !== 'expected-state') return { kind: 'ignore', reason: 'notThisCleverCloudLogin' };
  const code = params.get('code');
  return code ? { kind: 'accept', value: code } : { kind: 'ignore', reason: 'expectsSaasusCode' };
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

/**
 * What the browser is shown and what the caller gets, at each step. Requests carry the headers a
 * browser sends when a provider's page redirects it here (a top-level, cross-site navigation).
 */
function visit(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const browser = { host: `127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' };
    const req = request({ host: '127.0.0.1', port, path, headers: { ...browser, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('listenForCallback: pages, hosts, origins and endings', () => {
  it('answers with a small page that runs nothing, is not cached and leaks no referrer, its words from the catalogue only', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    const page = await visit(cb.port, '/callback?state=expected-state&code=&x=%3Cb%3Ex%3C%2Fb%3E');
    expect(page.status).toBe(400);
    expect(page.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    // The judge's reason is a key of the catalogue: nothing of the query reaches the page.
    expect(page.body).toContain('This address expects a login code from the SaaS login page.');
    expect(page.body).not.toContain('<b>');
    expect(page.body).toMatch(/^<!doctype html><html lang="en"><meta charset="utf-8"><title>Tessera<\/title>/);
    cb.close();
    await cb.result.catch(() => undefined);
  });

  it('tells the browser it is done, in the caller’s words when it has some', async () => {
    const plain = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    expect((await visit(plain.port, '/callback?state=expected-state&code=a')).body).toContain('You are logged in. You can close this tab and return to Tessera.');
    await plain.result;
    const titled = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge, done: 'doneCleverCloud' });
    expect((await visit(titled.port, '/callback?state=expected-state&code=b')).body).toContain('Tessera received your Clever Cloud login. You can close this tab and return to Tessera.');
    await titled.result;
  });

  it('speaks the app’s language, read when the browser comes back, and says so in <html lang>', async () => {
    let locale: 'en' | 'ja' | 'fr' = 'en';
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge, done: 'doneSaasus', locale: () => locale });
    locale = 'ja';
    const ignored = await visit(cb.port, '/callback?state=other');
    expect(ignored.body).toContain('<html lang="ja">');
    expect(ignored.body).toContain('このアドレスは、進行中の Clever Cloud ログインのものではありません。');
    locale = 'fr';
    const done = await visit(cb.port, '/callback?state=expected-state&code=c');
    expect(done.body).toContain('<html lang="fr">');
    expect(done.body).toContain('Tessera a reçu votre connexion. Vous pouvez fermer cet onglet et revenir à Tessera.');
    await cb.result;
    locale = 'ja';
    const failing = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge, locale: () => locale });
    const refused = failing.result.catch((e: unknown) => e);
    expect((await visit(failing.port, '/callback?error=x')).body).toContain('ログインは完了しませんでした。');
    expect(await refused).toMatchObject({ code: 'cancelled' });
  });

  it('accepts its own names for itself (127.0.0.1 or localhost, same-origin or "null" Origin), and says why it refuses others', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    const own = `127.0.0.1:${cb.port}`;
    const refused = async (path: string, headers: Record<string, string>) => {
      const page = await visit(cb.port, path, headers);
      return [page.status, page.body.replace(/^.*<body[^>]*>|<\/body>$/g, '')];
    };
    expect(await refused('/callback?state=expected-state&code=x', { host: `127.0.0.1:${cb.port + 1}` })).toEqual([421, 'Wrong host.']);
    expect(await refused('/callback?state=expected-state&code=x', { origin: 'http://evil.example' })).toEqual([403, 'Foreign origin.']);
    expect(await refused('/callback?state=expected-state&code=x', { origin: `https://${own}` })).toEqual([403, 'Foreign origin.']);
    expect(await refused('/elsewhere', {})).toEqual([404, 'Not found.']);
    expect(await hit(cb.port, '/callback?state=forged&code=x', { origin: 'null' })).toBe(400);
    expect(await hit(cb.port, '/callback?state=forged&code=x', { origin: `http://${own}` })).toBe(400);
    expect(await hit(cb.port, '/callback?state=forged&code=x', { host: `localhost:${cb.port}`, origin: `http://localhost:${cb.port}` })).toBe(400);
    expect(await hit(cb.port, '/callback?state=expected-state&code=x', { host: `localhost:${cb.port}` })).toBe(200);
    await expect(cb.result).resolves.toBe('x');
  });

  it('refuses other methods with a reason', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    const status = await new Promise<[number, string]>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: cb.port, path: '/callback?state=expected-state&code=x', method: 'DELETE', headers: { host: `127.0.0.1:${cb.port}` } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve([res.statusCode ?? 0, body]));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status[0]).toBe(405);
    expect(status[1]).toContain('Method not allowed.');
    cb.close();
    await cb.result.catch(() => undefined);
  });

  it('fails the login when the caller cannot read the callback, without saying why to the browser', async () => {
    const broken = (): CallbackVerdict<string> => {
      throw new TypeError('cannot read oauth_token of undefined');
    };
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge: broken });
    const settled = cb.result.catch((e: unknown) => e);
    const page = await visit(cb.port, '/callback?code=x');
    expect(page.status).toBe(400);
    // The browser gets the fixed sentence; the reason goes to Tessera only.
    expect(page.body).toContain('The login did not complete. Return to Tessera to see why');
    expect(page.body).not.toContain('could not be read');
    expect(page.body).not.toContain('oauth_token');
    const error = await settled;
    expect(error).toMatchObject({ code: 'internal', message: 'The login callback could not be read.' });
    expect((error as AppError).cause).toBeInstanceOf(TypeError);
  });

  it('says how long it waited, in seconds, when it times out', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 600, judge });
    await expect(cb.result).rejects.toMatchObject({ code: 'timeout', message: 'No answer from the browser within 1 s. Please try again.' });
    await expect(hit(cb.port, '/callback?state=expected-state&code=x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stops at once when the caller closes it or its signal is already aborted, and leaves no listener on the signal', async () => {
    const closed = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    closed.close();
    await expect(closed.result).rejects.toMatchObject({ code: 'cancelled', message: 'The login was cancelled.' });
    await expect(hit(closed.port, '/callback?state=expected-state&code=x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const aborted = new AbortController();
    aborted.abort();
    const early = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge, signal: aborted.signal });
    await expect(early.result).rejects.toMatchObject({ code: 'cancelled', message: 'The login was cancelled.' });
    await expect(hit(early.port, '/callback?state=expected-state&code=x')).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    // One signal may serve a whole session of logins: each listener removes its own handler.
    const session = new AbortController();
    const done = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge, signal: session.signal });
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(1);
    await hit(done.port, '/callback?state=expected-state&code=y');
    await expect(done.result).resolves.toBe('y');
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0);
  });

  it('names the port that is taken, and keeps the system’s error as the cause', async () => {
    const first = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    const taken = await listenForCallback({ port: first.port, path: '/callback', timeoutMs: 5000, judge }).catch((e: unknown) => e);
    expect(taken).toMatchObject({ code: 'conflict', message: `Port ${first.port} on 127.0.0.1 is in use; choose another callback port in Settings.` });
    expect((taken as AppError).cause).toMatchObject({ code: 'EADDRINUSE' });
    first.close();
    await first.result.catch(() => undefined);
  });

  it('answers a request still arriving when the login ends that it has already finished', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    // A second tab's request has begun (its headers are not complete) before the first is accepted.
    const late = connect(cb.port, '127.0.0.1');
    await once(late, 'connect');
    await new Promise((resolve) => late.write(`GET /callback?state=expected-state&code=late HTTP/1.1\r\nHost: 127.0.0.1:${cb.port}\r\n`, resolve));
    expect(await hit(cb.port, '/callback?state=expected-state&code=first')).toBe(200);
    await expect(cb.result).resolves.toBe('first');
    let answer = '';
    late.setEncoding('utf8');
    late.on('data', (chunk: string) => (answer += chunk));
    late.end('\r\n');
    await once(late, 'close');
    expect(answer).toMatch(/^HTTP\/1\.1 410 /);
    expect(answer).toContain('This login has already finished. You can close this tab.');
  });
});

describe('listenForCallback: what a request that is not a navigation is told', () => {
  it('a neutral page that says, in words, what the address is for', async () => {
    const cb = await listenForCallback({ port: 0, path: '/callback', timeoutMs: 5000, judge });
    try {
      const answer = await browserGet(`http://127.0.0.1:${cb.port}/callback?code=planted`, IMAGE_HEADERS);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('This address only receives your browser when it returns from a login.');
    } finally {
      cb.close();
      await cb.result.catch(() => undefined);
    }
  });
});
