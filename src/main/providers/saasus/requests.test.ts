import { describe, expect, it } from 'vitest';
import { apiBaseUrl, createCredentialsRequest, getCredentialsRequest, userInfoRequest, type SaasusApiConfig } from './requests';
import { signRequest } from './signature';

const BASE_URL = 'http://127.0.0.1:47802/v1/auth';
const NOW = Date.UTC(2024, 2, 5, 7, 9, 59, 900);
const api: SaasusApiConfig = { baseUrl: BASE_URL, saasId: 'test-saas-id', apiKey: 'test-api-key', secretKey: 'test-secret-key', clock: () => NOW };

describe('request builders', () => {
  it('uses the hyphenated query names, in the SDK order, and signs the URL that is sent', () => {
    const temp = getCredentialsRequest(api, { authFlow: 'tempCodeAuth', code: 'c0de' });
    expect(temp.url).toBe(`${BASE_URL}/credentials?code=c0de&auth-flow=tempCodeAuth`);
    expect(temp.headers.authorization).toBe(signRequest(api, { method: 'GET', url: temp.url }, NOW));
    const refresh = getCredentialsRequest(api, { authFlow: 'refreshTokenAuth', refreshToken: 'a+b/c=' });
    // Form-encoded once, and the signature covers these very bytes.
    expect(refresh.url).toBe(`${BASE_URL}/credentials?auth-flow=refreshTokenAuth&refresh-token=a%2Bb%2Fc%3D`);
    expect(userInfoRequest(api, 'x.y.z').url).toBe(`${BASE_URL}/userinfo?token=x.y.z`);
  });

  it('sends and signs the exact JSON body, leaving out an absent refresh token', () => {
    const req = createCredentialsRequest(api, { idToken: 'i', accessToken: 'a' });
    expect(req.body).toBe('{"id_token":"i","access_token":"a"}');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers.authorization).toBe(signRequest(api, { method: 'POST', url: req.url, body: req.body }, NOW));
    expect(createCredentialsRequest(api, { idToken: 'i', accessToken: 'a', refreshToken: 'r' }).body).toBe(
      '{"id_token":"i","access_token":"a","refresh_token":"r"}',
    );
  });

  it('defaults to the real base URL and refuses plain http outside loopback', () => {
    expect(apiBaseUrl({}).href).toBe('https://api.saasus.io/v1/auth');
    expect(() => apiBaseUrl({ baseUrl: 'http://api.saasus.io/v1/auth' })).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
    expect(() => apiBaseUrl({ baseUrl: 'not a url' })).toThrow(expect.objectContaining({ code: 'invalid_configuration' }));
    expect(() => apiBaseUrl({ baseUrl: 'https://api.saasus.io/v1/auth?x=1' })).toThrow(
      expect.objectContaining({ code: 'invalid_configuration' }),
    );
    expect(apiBaseUrl({ baseUrl: 'http://localhost:1234/v1/auth/' }).href).toBe('http://localhost:1234/v1/auth/');
  });
});
