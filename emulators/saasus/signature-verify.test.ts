/**
 * The emulator's SAASUSSIGV1 verification (signature-verify.ts) against what the product's signer
 * (src/main/providers/saasus/signature.ts) sends.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, signRequest, urlWithoutScheme } from '../../src/main/providers/saasus/signature';
import { parseAuthorization, verifySignature } from './signature-verify';

// 2024-03-05T07:09:59.900Z: the last tenth of a minute, so a formatter that rounds would be caught.
const NOW = Date.UTC(2024, 2, 5, 7, 9, 59, 900);
const keys = { saasId: 'test-saas-id', apiKey: 'test-api-key', secretKey: 'test-secret-key' };
const CODE = '0b7f3c52-9d14-4e6a-8a21-6f5e2c9d8b01';
describe('parseAuthorization', () => {
  it('reads the header with its exact casing and separators', () => {
    expect(parseAuthorization(`SAASUSSIGV1 Sig=${'a'.repeat(64)}, SaaSID=s, APIKey=k`)).toEqual({
      sig: 'a'.repeat(64),
      saasId: 's',
      apiKey: 'k',
    });
  });

  it.each([
    undefined,
    '',
    `Bearer ${'a'.repeat(64)}`,
    `saasussigv1 Sig=${'a'.repeat(64)}, SaaSID=s, APIKey=k`,
    `SAASUSSIGV1 sig=${'a'.repeat(64)}, SaaSID=s, APIKey=k`,
    `SAASUSSIGV1 Sig=${'a'.repeat(64)}, SaasId=s, APIKey=k`,
    `SAASUSSIGV1 Sig=${'a'.repeat(64)}, SaaSID=s, ApiKey=k`,
    `SAASUSSIGV1 Sig=${'A'.repeat(64)}, SaaSID=s, APIKey=k`,
    `SAASUSSIGV1 Sig=${'a'.repeat(63)}, SaaSID=s, APIKey=k`,
    `SAASUSSIGV1 Sig=${'a'.repeat(64)},SaaSID=s,APIKey=k`,
    // Nothing before or after: a header that merely contains a valid one is not one.
    `Bearer x, SAASUSSIGV1 Sig=${'a'.repeat(64)}, SaaSID=s, APIKey=k`,
    `SAASUSSIGV1 Sig=${'a'.repeat(64)}, SaaSID=s, APIKey=k, Extra=1`,
    `SAASUSSIGV1 Sig=${'a'.repeat(64)}, SaaSID=s, APIKey=k `,
  ])('refuses %j', (header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe('verifySignature', () => {
  const url = `https://api.saasus.io/v1/auth/credentials?code=${CODE}&auth-flow=tempCodeAuth`;
  const verify = (authorization: string | undefined, now: number, over: Partial<Parameters<typeof verifySignature>[0]> = {}) =>
    verifySignature({
      authorization,
      method: 'GET',
      urlWithoutScheme: urlWithoutScheme(url),
      body: Buffer.alloc(0),
      now,
      secretFor: (saasId, apiKey) => (saasId === keys.saasId && apiKey === keys.apiKey ? keys.secretKey : undefined),
      ...over,
    });
  // Signed in a hook, not while the file is collected: a throw here must fail tests, not hide them.
  let header: string;
  beforeAll(() => {
    header = signRequest(keys, { method: 'GET', url }, NOW);
  });

  it('accepts the same minute and one minute bucket either side', () => {
    expect(verify(header, NOW)).toEqual({ ok: true, saasId: keys.saasId, apiKey: keys.apiKey });
    expect(verify(header, NOW + 60_000).ok).toBe(true);
    expect(verify(header, NOW - 60_000).ok).toBe(true);
  });

  it('refuses a clock two buckets or five minutes off', () => {
    expect(verify(header, NOW + 2 * 60_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verify(header, NOW - 5 * 60_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verify(header, NOW + 5 * 60_000, { toleranceMinutes: 5 }).ok).toBe(true);
  });

  it('refuses a wrong secret, an unknown key, another URL or body, and a malformed header', () => {
    expect(verify(signRequest({ ...keys, secretKey: 'wrong' }, { method: 'GET', url }, NOW), NOW).ok).toBe(false);
    expect(verify(signRequest({ ...keys, apiKey: 'other' }, { method: 'GET', url }, NOW), NOW)).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
    expect(verify(header, NOW, { urlWithoutScheme: 'api.saasus.io/v1/auth/credentials?code=x&auth-flow=tempCodeAuth' }).ok).toBe(false);
    expect(verify(header, NOW, { body: Buffer.from('x') }).ok).toBe(false);
    expect(verify(header, NOW, { method: 'POST' }).ok).toBe(false);
    expect(verify(undefined, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('agrees with computeSignature on byte bodies', () => {
    const body = Buffer.from('{"note":"café"}', 'utf8');
    const sig = computeSignature('k', { timestamp: '202403050709', apiKey: 'a', method: 'POST', urlWithoutScheme: 'h/p', body });
    expect(sig).toBe(computeSignature('k', { timestamp: '202403050709', apiKey: 'a', method: 'post', urlWithoutScheme: 'h/p', body: '{"note":"café"}' }));
  });
});
