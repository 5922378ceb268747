import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeSignature, signatureTimestamp, signRequest, urlWithoutScheme } from './signature';

// 2024-03-05T07:09:59.900Z: the last tenth of a minute, so a formatter that rounds would be caught.
const NOW = Date.UTC(2024, 2, 5, 7, 9, 59, 900);
const keys = { saasId: 'test-saas-id', apiKey: 'test-api-key', secretKey: 'test-secret-key' };
const CODE = '0b7f3c52-9d14-4e6a-8a21-6f5e2c9d8b01';
/** The `Sig` of a header signRequest wrote (the emulator's parser is emulators/saasus/signature-verify.ts). */
const sigOf = (header: string): string | undefined => /^SAASUSSIGV1 Sig=([^,]*), /.exec(header)?.[1];

describe('signatureTimestamp', () => {
  it('is UTC YYYYMMDDHHmm, zero-padded, truncated to the minute', () => {
    expect(signatureTimestamp(NOW)).toBe('202403050709');
    expect(signatureTimestamp(Date.UTC(1999, 11, 31, 23, 59, 59, 999))).toBe('199912312359');
    expect(signatureTimestamp(Date.UTC(2025, 0, 1, 0, 0, 0, 0))).toBe('202501010000');
  });
});

describe('signRequest (known-answer vectors)', () => {
  // The expected hex values were computed outside this code base, from the recipe in docs/PROVIDERS.md:
  //   printf '%s' '<message>' | openssl dgst -sha256 -hmac 'test-secret-key'
  it('signs a GET with its query exactly as sent', () => {
    const url = `https://api.saasus.io/v1/auth/credentials?code=${CODE}&auth-flow=tempCodeAuth`;
    const header = signRequest(keys, { method: 'GET', url }, NOW);
    const expected = '5e1369efed70227887b94754f458d5b0dddc1818b5d6127cc90428ff829cc64a';
    expect(header).toBe(`SAASUSSIGV1 Sig=${expected}, SaaSID=test-saas-id, APIKey=test-api-key`);
    // The same vector, recomputed here from the spec's recipe rather than from the module.
    const message = `202403050709test-api-keyGETapi.saasus.io/v1/auth/credentials?code=${CODE}&auth-flow=tempCodeAuth`;
    expect(createHmac('sha256', 'test-secret-key').update(message).digest('hex')).toBe(expected);
  });

  it('signs a POST over host:port and the exact (non-ASCII) body bytes', () => {
    const body = '{"id_token":"a","access_token":"b","note":"café"}';
    const header = signRequest(keys, { method: 'POST', url: 'http://127.0.0.1:8080/v1/auth/credentials', body }, NOW);
    expect(header).toBe(
      'SAASUSSIGV1 Sig=73dc845f87ecb30f0a1c8f3b5a24ed9d741fae163419fe991c0358be3c430927, SaaSID=test-saas-id, APIKey=test-api-key',
    );
  });

  it('upper-cases the method and emits a lower-case hex digest', () => {
    const url = 'https://api.saasus.io/v1/auth/auth-info';
    const lower = signRequest(keys, { method: 'get', url }, NOW);
    expect(lower).toBe(signRequest(keys, { method: 'GET', url }, NOW));
    expect(sigOf(lower)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every byte of the query and the body', () => {
    const base = { method: 'POST', url: 'https://api.saasus.io/v1/auth/credentials?a=1', body: '{"x":1}' };
    const sig = signRequest(keys, base, NOW);
    expect(signRequest(keys, { ...base, url: 'https://api.saasus.io/v1/auth/credentials?a=2' }, NOW)).not.toBe(sig);
    expect(signRequest(keys, { ...base, url: 'https://api.saasus.io/v1/auth/credentials' }, NOW)).not.toBe(sig);
    expect(signRequest(keys, { ...base, body: '{"x": 1}' }, NOW)).not.toBe(sig);
    // Percent-encoding is part of the bytes: `%2B` and `+` are different requests.
    const enc = signRequest(keys, { method: 'GET', url: 'https://h/p?refresh-token=a%2Bb' }, NOW);
    expect(signRequest(keys, { method: 'GET', url: 'https://h/p?refresh-token=a+b' }, NOW)).not.toBe(enc);
    // The scheme is not part of the message.
    expect(signRequest(keys, { ...base, url: 'http://api.saasus.io/v1/auth/credentials?a=1' }, NOW)).toBe(sig);
  });

  it('keeps the URL untouched after the scheme', () => {
    expect(urlWithoutScheme('https://api.saasus.io:8443/v1/auth/userinfo?token=a.b.c')).toBe('api.saasus.io:8443/v1/auth/userinfo?token=a.b.c');
    expect(() => urlWithoutScheme('/relative')).toThrow(TypeError);
    // A `://` with no scheme before it is no absolute URL either.
    for (const url of ['/relative', '://api.saasus.io/v1/auth/userinfo', 'api.saasus.io/v1']) {
      expect(() => urlWithoutScheme(url), url).toThrow('An absolute URL is required to sign a SaaSus request.');
    }
    expect(urlWithoutScheme('h://x')).toBe('x');
  });

  it('signs every part of the message: time, API key, method, host:port, path, query and body', () => {
    // The message is t + API key + METHOD + host[:port]/path?query + body: changing any one part
    // (and only that part) must give another signature, or a request could be altered in flight.
    const parts = { timestamp: '202403050709', apiKey: 'test-api-key', method: 'POST', urlWithoutScheme: 'api.saasus.io:443/v1/auth/credentials?a=1', body: '{"x":1}' };
    const variants = [
      parts,
      { ...parts, timestamp: '202403050710' },
      { ...parts, apiKey: 'test-api-kez' },
      { ...parts, method: 'PUT' },
      { ...parts, urlWithoutScheme: 'api.saasus.io:8443/v1/auth/credentials?a=1' },
      { ...parts, urlWithoutScheme: 'evil.example:443/v1/auth/credentials?a=1' },
      { ...parts, urlWithoutScheme: 'api.saasus.io:443/v1/auth/credential?a=1' },
      { ...parts, urlWithoutScheme: 'api.saasus.io:443/v1/auth/credentials?a=2' },
      { ...parts, body: '{"x":2}' },
      { ...parts, body: '' },
    ];
    const signatures = variants.map((v) => computeSignature(keys.secretKey, v));
    expect(new Set(signatures).size).toBe(variants.length);
    // …and it is the HMAC of exactly that concatenation, recomputed here from the recipe.
    const message = '202403050709test-api-keyPOSTapi.saasus.io:443/v1/auth/credentials?a=1{"x":1}';
    expect(signatures[0]).toBe(createHmac('sha256', keys.secretKey).update(message).digest('hex'));
    // The body is signed whether signRequest has one or not: a GET signs an empty body.
    const get = signRequest(keys, { method: 'GET', url: 'https://api.saasus.io/v1/auth/auth-info' }, NOW);
    expect(sigOf(get)).toBe(
      createHmac('sha256', keys.secretKey).update('202403050709test-api-keyGETapi.saasus.io/v1/auth/auth-info').digest('hex'),
    );
  });
});
