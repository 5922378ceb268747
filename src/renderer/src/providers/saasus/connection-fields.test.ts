/** connectionFieldsOf (connection-fields.ts): a failed save or test is shown next to the fields it is about. */
import { describe, expect, it } from 'vitest';
import { connectionFieldsOf } from './connection-fields';

describe('connectionFieldsOf', () => {
  it('puts a refused signature on the SaaS ID, API key and secret key', () => {
    expect(connectionFieldsOf({ code: 'invalid_configuration', message: 'SaaSus refused the signature.' })).toEqual(['saasId', 'apiKey', 'secretKey']);
  });

  it('puts an API that cannot be reached on the API base URL', () => {
    for (const code of ['network', 'timeout', 'http_error', 'bad_response'] as const) expect(connectionFieldsOf({ code, message: 'x' })).toEqual(['apiBaseUrl']);
  });

  it('puts a refused URL on the URL main named', () => {
    expect(connectionFieldsOf({ code: 'invalid_input', message: 'The login page URL must use https.' })).toEqual(['loginUrl']);
    expect(connectionFieldsOf({ code: 'invalid_input', message: 'The API base URL is not a valid URL.' })).toEqual(['apiBaseUrl']);
  });

  it('leaves an error about no field to the form as a whole', () => {
    expect(connectionFieldsOf({ code: 'keychain_unavailable', message: 'No keychain.' })).toEqual([]);
    expect(connectionFieldsOf({ code: 'invalid_input', message: 'A name cannot be empty.' })).toEqual([]);
  });
});
