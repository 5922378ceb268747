/**
 * The emulator's OAuth 1.0a verification (oauth1-verify.ts) against what the product's signer
 * (src/main/providers/clever-cloud/oauth1.ts) sends, and against the published RFC 5849 request.
 */
import { describe, expect, it } from 'vitest';
import {
  authorizationHeader,
  computeSignature,
  formEncode,
  percentEncode,
  signRequest,
  type Param,
} from '../../src/main/providers/clever-cloud/oauth1';
import { constantTimeEqual, parseAuthorizationHeader, protocolParams, verifySignature, type ReceivedRequest } from './oauth1-verify';

/** The client and token credentials of RFC 5849 section 1.2 (also OAuth Core 1.0 Appendix A). */
const photosConsumer = { key: 'dpf43f3p2l4k3l03', secret: 'kd94hf93k423kf44' };
const photosToken = { token: 'nnch734d00sl2jdk', secret: 'pfkkdhi9sl3r4s00' };

describe('Authorization header parsing', () => {
  it('round-trips what authorizationHeader writes, realm included', () => {
    const params: Param[] = [
      ['oauth_consumer_key', 'a b'],
      ['oauth_signature', 'x+y/z=&'],
    ];
    expect(parseAuthorizationHeader(authorizationHeader(params, 'R'))).toEqual([['realm', 'R'], ...params]);
    expect(parseAuthorizationHeader('oauth   oauth_token = "t" ,oauth_nonce="n"')).toEqual([
      ['oauth_token', 't'],
      ['oauth_nonce', 'n'],
    ]);
  });

  it('refuses other schemes and malformed headers instead of guessing', () => {
    expect(parseAuthorizationHeader('Bearer abc')).toBeUndefined();
    expect(parseAuthorizationHeader('OAuth oauth_token=t')).toBeUndefined();
    expect(parseAuthorizationHeader('OAuth oauth_token="t" oauth_nonce="n"')).toBeUndefined();
    expect(parseAuthorizationHeader('OAuth oauth_token="%E0%A4%A"')).toBeUndefined();
  });
});

describe('verifySignature', () => {
  const consumer = { key: 'ck', secret: 'c s!' };
  const token = { token: 'tk', secret: "t*s'" };
  const url = 'http://127.0.0.1:8080/v2/self/tokens?b=2&a=1&a=0';
  const form: Param[] = [['name', 'Zoë & co']];

  for (const signatureMethod of ['PLAINTEXT', 'HMAC-SHA1', 'HMAC-SHA512'] as const) {
    it(`${signatureMethod}: accepts what signRequest produced, from a header, the body or the query; refuses any change`, () => {
      const oauth = signRequest({ method: 'POST', url, form, consumer, token, signatureMethod });
      const header: ReceivedRequest = { method: 'POST', url, headerParams: parseAuthorizationHeader(authorizationHeader(oauth))!, bodyParams: form };
      expect(verifySignature(header, consumer.secret, token.secret)).toBe(true);
      expect(verifySignature({ ...header, headerParams: [], bodyParams: [...form, ...oauth] }, consumer.secret, token.secret)).toBe(true);
      expect(verifySignature({ ...header, method: 'post' }, consumer.secret, token.secret)).toBe(true);
      // In the query (the `_query` endpoints): oauth_signature is in the URL and must be left out of the base string.
      const inQuery = `${url}&${formEncode(oauth)}`;
      expect(verifySignature({ method: 'POST', url: inQuery, headerParams: [], bodyParams: form }, consumer.secret, token.secret)).toBe(true);
      // The header's realm is not signed.
      expect(verifySignature({ ...header, headerParams: [['realm', 'R'], ...header.headerParams] }, consumer.secret, token.secret)).toBe(true);

      expect(verifySignature(header, 'other', token.secret)).toBe(false);
      expect(verifySignature(header, consumer.secret, 'other')).toBe(false);
      if (signatureMethod !== 'PLAINTEXT') {
        // HMAC covers the request; PLAINTEXT does not (that is why it needs TLS).
        expect(verifySignature({ ...header, bodyParams: [['name', 'Zoe & co']] }, consumer.secret, token.secret)).toBe(false);
        expect(verifySignature({ ...header, url: url.replace('a=0', 'a=9') }, consumer.secret, token.secret)).toBe(false);
        expect(verifySignature({ ...header, method: 'PUT' }, consumer.secret, token.secret)).toBe(false);
      }
    });
  }

  it('reads a missing oauth_signature_method as PLAINTEXT (what Clever Cloud’s JS client sends)', () => {
    const header = `OAuth oauth_consumer_key="ck", oauth_token="tk", oauth_signature="${percentEncode(computeSignature('PLAINTEXT', '', consumer.secret, token.secret))}"`;
    const req: ReceivedRequest = { method: 'GET', url, headerParams: parseAuthorizationHeader(header)!, bodyParams: [] };
    expect(verifySignature(req, consumer.secret, token.secret)).toBe(true);
  });

  it('refuses protocol parameters split over two places, duplicated, or of an unknown method', () => {
    const oauth = signRequest({ method: 'GET', url, consumer, token, signatureMethod: 'HMAC-SHA1' });
    const split: ReceivedRequest = { method: 'GET', url, headerParams: oauth.slice(0, 3), bodyParams: oauth.slice(3) };
    expect(protocolParams(split)).toEqual({ ok: false, reason: expect.stringContaining('one place') });
    expect(verifySignature(split, consumer.secret, token.secret)).toBe(false);
    const twice: ReceivedRequest = { method: 'GET', url, headerParams: [...oauth, ['oauth_nonce', 'x']], bodyParams: [] };
    expect(protocolParams(twice)).toEqual({ ok: false, reason: expect.stringContaining('Duplicated') });
    const rsa: ReceivedRequest = {
      method: 'GET',
      url,
      headerParams: oauth.map(([k, v]): Param => [k, k === 'oauth_signature_method' ? 'RSA-SHA1' : v]),
      bodyParams: [],
    };
    expect(verifySignature(rsa, consumer.secret, token.secret)).toBe(false);
    expect(protocolParams({ method: 'GET', url: 'http://h/?oauth_token=t', headerParams: [], bodyParams: [] })).toMatchObject({
      ok: true,
      source: 'query',
    });
  });

  it('compares in constant time without leaking length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('RFC 5849 section 1.2: the temporary-credential request (no token yet)', () => {
  // POST https://photos.example.net/initiate, HMAC-SHA1, with oauth_callback and no oauth_token:
  // the key is the client secret and an empty token secret.
  const url = 'https://photos.example.net/initiate';
  const header =
    'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131200", ' +
    'oauth_nonce="wIjqoS", oauth_callback="http%3A%2F%2Fprinter.example.com%2Fready", oauth_signature="74KNZJeDHnMBp0EMJ9ZHt%2FXKycU%3D"';

  it('verifies the published request with the client secret alone', () => {
    const req: ReceivedRequest = { method: 'POST', url, headerParams: parseAuthorizationHeader(header)!, bodyParams: [] };
    expect(verifySignature(req, photosConsumer.secret)).toBe(true);
    expect(verifySignature(req, photosConsumer.secret, 'a token secret')).toBe(false);
  });

  it('accepts what signRequest sends without a token', () => {
    const params = signRequest({
      method: 'POST',
      url,
      consumer: photosConsumer,
      signatureMethod: 'HMAC-SHA1',
      extra: [['oauth_callback', 'http://printer.example.com/ready']],
    });
    expect(verifySignature({ method: 'POST', url, headerParams: params, bodyParams: [] }, photosConsumer.secret)).toBe(true);
  });
});

describe('Authorization header parsing at the edges', () => {
  it('reads a header without parameters, and tolerates surrounding whitespace', () => {
    expect(parseAuthorizationHeader('OAuth')).toEqual([]);
    expect(parseAuthorizationHeader('  OAuth   oauth_token="t"  ')).toEqual([['oauth_token', 't']]);
    expect(parseAuthorizationHeader('OAuth\toauth_token="t",\toauth_nonce="n"')).toEqual([
      ['oauth_token', 't'],
      ['oauth_nonce', 'n'],
    ]);
  });

  it.each([
    ['another scheme ending in OAuth', 'NotOAuth oauth_token="t"'],
    ['no space after the scheme', 'OAuthoauth_token="t"'],
    ['a malformed escape in a name', 'OAuth oauth_%ZZ="t"'],
    ['a malformed escape in a value', 'OAuth oauth_token="%ZZ"'],
    ['an item after garbage', 'OAuth oauth_token="t", garbage, oauth_nonce="n"'],
  ])('refuses %s', (_, header) => {
    expect(parseAuthorizationHeader(header)).toBeUndefined();
  });
});

describe('verifySignature refuses what it cannot check', () => {
  const url = 'http://127.0.0.1:8080/v2/self';

  it('refuses a request with no OAuth parameters, or without a signature', () => {
    const none: ReceivedRequest = { method: 'GET', url: `${url}?a=1`, headerParams: [['realm', 'R']], bodyParams: [['b', '2']] };
    expect(protocolParams(none)).toEqual({ ok: false, reason: 'No OAuth parameters.' });
    expect(verifySignature(none, photosConsumer.secret, photosToken.secret)).toBe(false);
    const signed = signRequest({ method: 'GET', url, consumer: photosConsumer, token: photosToken, signatureMethod: 'PLAINTEXT' });
    const unsigned = signed.filter(([k]) => k !== 'oauth_signature');
    expect(verifySignature({ method: 'GET', url, headerParams: unsigned, bodyParams: [] }, photosConsumer.secret, photosToken.secret)).toBe(false);
    expect(verifySignature({ method: 'GET', url, headerParams: signed, bodyParams: [] }, photosConsumer.secret, photosToken.secret)).toBe(true);
  });
});
