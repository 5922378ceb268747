import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { json, startEmulatorServer, type EmulatorServer } from '../../../emulators/http-kit';
import { httpRequest, httpRequestBytes, parseJsonBody } from './http';

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer((req) => json(200, { hello: 'world', path: req.url.pathname }));
});
afterAll(() => server.close());

const get = (opts: Partial<Parameters<typeof httpRequest>[0]> = {}) =>
  httpRequest({ method: 'GET', url: `${server.url}/thing?token=secret-token-value`, service: 'Example', ...opts });

describe('httpRequest', () => {
  it('returns status, headers and text', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(parseJsonBody(res, v.object({ hello: v.string() }), 'Example')).toEqual({ hello: 'world' });
  });

  it('returns a binary body byte for byte (httpRequestBytes)', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x80]);
    const binary = await startEmulatorServer(() => ({ status: 200, headers: { 'content-type': 'image/png' }, body: bytes }));
    try {
      const res = await httpRequestBytes({ method: 'GET', url: binary.url, service: 'Example' });
      expect(res.bytes.equals(bytes)).toBe(true);
    } finally {
      await binary.close();
    }
  });

  it.each([
    ['a server that never answers', { kind: 'hang' } as const, 'timeout'],
    ['a server that drips one byte at a time', { kind: 'drip', intervalMs: 200 } as const, 'timeout'],
    ['a body larger than the cap', { kind: 'huge', bytes: 5_000_000 } as const, 'response_too_large'],
    ['a connection reset before the answer', { kind: 'reset' } as const, 'network'],
    ['a connection cut in the middle of the body', { kind: 'truncate' } as const, 'network'],
  ])('ends %s with a typed error', async (_what, fault, code) => {
    server.faults.add({ fault, times: 1 });
    const error = await get({ timeoutMs: 700, maxBytes: 64 * 1024 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'AppError', code });
    // The message names the service, never the URL (which carries a token here).
    expect(String((error as Error).message)).toContain('Example');
    expect(String((error as Error).message)).not.toContain('secret-token-value');
  });

  it('times out a server that drips one byte a second, though bytes keep coming', async () => {
    // The headers come at once and a byte every second: an idle timeout would never fire. The
    // timeout covers the whole exchange, so the call ends when it says, with a typed error.
    server.faults.add({ fault: { kind: 'drip', intervalMs: 1000 }, times: 1 });
    const started = performance.now();
    await expect(get({ timeoutMs: 2500 })).rejects.toMatchObject({ name: 'AppError', code: 'timeout', message: expect.stringContaining('did not answer') });
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(2400);
    expect(took).toBeLessThan(4000);
  });

  it('can be cancelled by the caller', async () => {
    server.faults.add({ fault: { kind: 'hang' }, times: 1 });
    const controller = new AbortController();
    const pending = get({ signal: controller.signal, timeoutMs: 10_000 });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await startEmulatorServer(() => json(200, {}));
    await closed.close();
    await expect(httpRequest({ method: 'GET', url: closed.url, service: 'Example' })).rejects.toMatchObject({ code: 'network' });
  });
});

describe('parseJsonBody', () => {
  it('turns HTML and malformed JSON into bad_response', async () => {
    server.faults.add({ fault: { kind: 'html', status: 502 }, times: 1 });
    const html = await get();
    expect(() => parseJsonBody(html, v.object({}), 'Example')).toThrow(expect.objectContaining({ code: 'bad_response' }));
    server.faults.add({ fault: { kind: 'malformed' }, times: 1 });
    const malformed = await get();
    expect(() => parseJsonBody(malformed, v.object({}), 'Example')).toThrow(expect.objectContaining({ code: 'bad_response' }));
  });

  it('refuses JSON of the wrong shape', async () => {
    const res = await get();
    expect(() => parseJsonBody(res, v.object({ hello: v.number() }), 'Example')).toThrow(expect.objectContaining({ code: 'bad_response' }));
  });
});
