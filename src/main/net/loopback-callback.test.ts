import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { listenForCallback, type CallbackVerdict } from './loopback-callback';

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
