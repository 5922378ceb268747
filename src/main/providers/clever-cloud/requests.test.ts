import { describe, expect, it } from 'vitest';
import { parseAuthorizationHeader } from '../../../../emulators/clever-cloud/oauth1-verify';
import { AppError } from '../../errors';
import {
  accessTokenRequest,
  apiBaseUrl,
  authorizeUrl,
  requestTokenRequest,
  revokeTokenRequest,
  selfRequest,
  type CleverCloudApiConfig,
} from './requests';

const BASE_URL = 'http://127.0.0.1:47801/v2';
const NOW = Date.UTC(2024, 4, 1, 10, 0, 0);
const api: CleverCloudApiConfig = { baseUrl: BASE_URL, consumer: { key: 'consumer-key', secret: 'consumer-secret' }, clock: () => NOW };
const token = { token: 'token-value', secret: 'token-secret' };

describe('request builders', () => {
  it('puts the OAuth parameters in the body, or in the query of the _query variant, never both', () => {
    const body = requestTokenRequest(api, { callback: 'http://127.0.0.1:1/cb' });
    expect(body.url).toBe(`${BASE_URL}/oauth/request_token`);
    expect(body.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(body.body).toMatch(/^oauth_consumer_key=.*&oauth_callback=http%3A%2F%2F127\.0\.0\.1%3A1%2Fcb&oauth_signature=/);
    const query = requestTokenRequest(api, { callback: 'http://127.0.0.1:1/cb', placement: 'query' });
    expect(query.url).toMatch(/\/oauth\/request_token_query\?oauth_consumer_key=.*oauth_signature=/);
    expect(query.body).toBeUndefined();
    const access = accessTokenRequest(api, { requestToken: { token: 'rt', secret: 'rs' }, verifier: 'v', placement: 'query' });
    expect(access.url).toMatch(/\/oauth\/access_token_query\?.*oauth_token=rt.*oauth_verifier=v/);
  });

  it('sends clever_flavor only when configured', () => {
    expect(requestTokenRequest(api, { callback: 'http://127.0.0.1/' }).body).not.toContain('clever_flavor');
    expect(requestTokenRequest({ ...api, cleverFlavor: 'x' }, { callback: 'http://127.0.0.1/' }).body).toMatch(/^clever_flavor=x&/);
  });

  it('signs API calls in an Authorization header with the configured method (HMAC-SHA512 by default)', () => {
    const req = selfRequest(api, token);
    const params = new Map(parseAuthorizationHeader(req.headers.authorization!));
    expect(params.get('oauth_signature_method')).toBe('HMAC-SHA512');
    expect(params.get('oauth_token')).toBe(token.token);
    expect(params.get('oauth_timestamp')).toBe(String(Math.floor(NOW / 1000)));
    expect(new Map(parseAuthorizationHeader(selfRequest({ ...api, signatureMethod: 'PLAINTEXT' }, token).headers.authorization!)).get('oauth_signature')).toBe(
      `${api.consumer.secret}&${token.secret}`,
    );
  });

  it('revokes one token by path, encoded; there is no way to build DELETE /self/tokens', () => {
    expect(revokeTokenRequest(api, token, 'a/b c').url).toBe(`${BASE_URL}/self/tokens/a%2Fb%20c`);
    expect(() => revokeTokenRequest(api, token, '')).toThrow(AppError);
  });

  it('accepts https or loopback http base URLs only', () => {
    expect(apiBaseUrl({}).href).toBe('https://api.clever-cloud.com/v2');
    for (const bad of ['http://api.clever-cloud.com/v2', 'ftp://x', 'not a url', 'https://u:p@h/v2', 'https://h/v2?x=1'])
      expect(() => apiBaseUrl({ baseUrl: bad })).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
    expect(authorizeUrl(api, 'a+b')).toBe(`${BASE_URL}/oauth/authorize?oauth_token=a%2Bb`);
  });
});
