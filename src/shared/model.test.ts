import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { CleverCloudConsumerInput, Id, MAX_ID_LENGTH, SaasusConnectionInput, Settings } from './model';
import { DEFAULT_SETTINGS, SETTING_LIMITS } from './types';

/** The sentence a user is shown for an input (the router relays a schema's own message), or null when it passes. */
function messageFor(schema: v.GenericSchema, input: unknown): string | null {
  const parsed = v.safeParse(schema, input);
  return parsed.success ? null : parsed.issues[0].message;
}

const connection = {
  name: 'Acme',
  saasId: 'saas-1',
  apiKey: 'key-1',
  secretKey: 'secret-1',
  apiBaseUrl: 'https://api.saasus.io/v1/auth',
  loginUrl: 'https://auth.acme.example/login',
  callbackPort: 45873,
};
const consumer = { name: 'Mine', key: 'consumer-key', secret: 'consumer-secret', callbackPort: 45874 };

describe('what a user types', () => {
  it('a SaaS connection: each mistake is named in words the user can act on', () => {
    expect(messageFor(SaasusConnectionInput, connection)).toBeNull();
    expect(messageFor(SaasusConnectionInput, { ...connection, name: '   ' })).toBe('Enter the connection name.');
    expect(messageFor(SaasusConnectionInput, { ...connection, saasId: 'x'.repeat(129) })).toBe('The SaaS ID has at most 128 characters.');
    expect(messageFor(SaasusConnectionInput, { ...connection, apiKey: '' })).toBe('Enter the API key.');
    expect(messageFor(SaasusConnectionInput, { ...connection, secretKey: '' })).toBe('Enter the secret key.');
    expect(messageFor(SaasusConnectionInput, { ...connection, apiBaseUrl: 'api.saasus.io' })).toBe('The API base URL is not a valid URL.');
    expect(messageFor(SaasusConnectionInput, { ...connection, loginUrl: '' })).toBe('Enter the login page URL.');
    expect(messageFor(SaasusConnectionInput, { ...connection, callbackPort: 80 })).toBe('Use a port from 1024 to 65535.');
    expect(messageFor(SaasusConnectionInput, { ...connection, callbackPort: 65536 })).toBe('Use a port from 1024 to 65535.');
    expect(messageFor(SaasusConnectionInput, { ...connection, callbackPort: 45873.5 })).toBe('A port is a whole number.');
  });

  it('a consumer: the same words, and its fields are trimmed as typed', () => {
    expect(messageFor(CleverCloudConsumerInput, { ...consumer, name: '' })).toBe('Enter the consumer name.');
    expect(messageFor(CleverCloudConsumerInput, { ...consumer, secret: 's'.repeat(513) })).toBe('The consumer secret has at most 512 characters.');
    expect(messageFor(CleverCloudConsumerInput, { ...consumer, callbackPort: 1023 })).toBe('Use a port from 1024 to 65535.');
    expect(v.parse(CleverCloudConsumerInput, { ...consumer, key: '  consumer-key \n' }).key).toBe('consumer-key');
  });

  it('refuses a field nobody asked for instead of dropping it', () => {
    expect(v.safeParse(SaasusConnectionInput, { ...connection, secret: 'typo' }).success).toBe(false);
    expect(v.safeParse(v.partial(Settings), { closeToTray: true, theme: 'dark' }).success).toBe(false);
  });
});

describe('ids', () => {
  it('accepts what Tessera generates and refuses what could step out of a keychain entry name', () => {
    for (const id of ['a', 'Z9', 'acc_1-b', 'x'.repeat(MAX_ID_LENGTH)]) expect(v.is(Id, id), id).toBe(true);
    for (const id of ['', 'x'.repeat(MAX_ID_LENGTH + 1), '../secret-key', 'a/b', 'a b', 'é', 'a\n']) expect(v.is(Id, id), JSON.stringify(id)).toBe(false);
  });
});

describe('settings', () => {
  it('each number goes from 0 to its limit, in whole steps', () => {
    for (const [name, limit] of Object.entries(SETTING_LIMITS)) {
      const at = (value: number) => v.is(Settings, { ...DEFAULT_SETTINGS, [name]: value });
      expect([at(0), at(limit), at(limit + 1), at(-1), at(1.5)], name).toEqual([true, true, false, false, false]);
    }
  });

  it('the defaults are settings the window could have saved', () => {
    expect(v.is(Settings, DEFAULT_SETTINGS)).toBe(true);
  });
});
