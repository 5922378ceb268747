/** A clever-tools 4 profile's overrides: every value checked, typed errors naming the override, never a consumer secret. */
import { describe, expect, it } from 'vitest';
import { CLEVER_TOOLS_CONSUMER } from './constants';
import { checkOverrideUrl, overrideNames, parseProfileOverrides } from './profile-overrides';

describe('parseProfileOverrides', () => {
  it('keeps what differs from clever-tools’ defaults, without trailing slashes', () => {
    const parsed = parseProfileOverrides({
      API_HOST: 'https://api.example.org/',
      CONSOLE_URL: 'https://console.clever-cloud.com',
      AUTH_BRIDGE_HOST: 'http://127.0.0.1:8080',
      SSH_GATEWAY: 'ssh@gw.example.org',
      OAUTH_CONSUMER_KEY: 'key',
      OAUTH_CONSUMER_SECRET: 'secret',
      SOMETHING_NEW: 'ignored, as clever-tools ignores it',
    });
    expect(parsed).toEqual({ apiHost: 'https://api.example.org', authBridgeHost: 'http://127.0.0.1:8080', sshGateway: 'ssh@gw.example.org', consumer: { key: 'key', secret: 'secret' } });
    expect(overrideNames(parsed)).toEqual(['API_HOST', 'AUTH_BRIDGE_HOST', 'SSH_GATEWAY', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET']);
  });

  it('treats none, empty values, the default API (with /v2) and clever-tools’ own consumer as the defaults', () => {
    expect(parseProfileOverrides(undefined)).toEqual({});
    expect(parseProfileOverrides({ API_HOST: '', SSH_GATEWAY: null })).toEqual({});
    expect(parseProfileOverrides({ API_HOST: 'https://api.clever-cloud.com/v2' })).toEqual({});
    expect(parseProfileOverrides({ OAUTH_CONSUMER_KEY: CLEVER_TOOLS_CONSUMER.key, OAUTH_CONSUMER_SECRET: CLEVER_TOOLS_CONSUMER.secret })).toEqual({});
  });

  it.each([
    [{ API_HOST: 'http://api.example.org' }, 'API_HOST', 'must be an https address'],
    [{ API_HOST: 'ftp://api.example.org' }, 'API_HOST', 'must be an https address'],
    [{ CONSOLE_URL: 'https://me:pw@console.example.org' }, 'CONSOLE_URL', 'user name or password'],
    [{ AUTH_BRIDGE_HOST: 'https://bridge.example.org/#x' }, 'AUTH_BRIDGE_HOST', 'query or a fragment'],
    [{ API_HOST: 'https://api.example.org/\u001b[2J' }, 'API_HOST', 'control characters'],
    [{ API_HOST: 42 }, 'API_HOST', 'is not a URL'],
    [{ SSH_GATEWAY: '-oProxyCommand' }, 'SSH_GATEWAY', 'SSH destination'],
    [{ SSH_GATEWAY: '-oProxyCommand@host' }, 'SSH_GATEWAY', 'SSH destination'],
    [{ SSH_GATEWAY: 'a b@c' }, 'SSH_GATEWAY', 'SSH destination'],
    [{ OAUTH_CONSUMER_KEY: 'key' }, 'OAUTH_CONSUMER_SECRET', 'a consumer needs both'],
    [{ OAUTH_CONSUMER_KEY: 'key', OAUTH_CONSUMER_SECRET: 'has space' }, 'OAUTH_CONSUMER_SECRET', 'characters'],
    [{ OAUTH_CONSUMER_KEY: CLEVER_TOOLS_CONSUMER.key, OAUTH_CONSUMER_SECRET: 'other' }, 'OAUTH_CONSUMER_SECRET', 'clever-tools’ own consumer'],
  ])('refuses %j naming %s', (overrides, name, why) => {
    let error: unknown;
    try {
      parseProfileOverrides(overrides);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining(name) });
    expect((error as Error).message).toContain(why);
    expect((error as Error).message).not.toContain('has space');
  });

  it('refuses overrides that are not an object', () => {
    expect(() => parseProfileOverrides(['API_HOST'])).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });

  it('accepts http only for this machine', () => {
    expect(checkOverrideUrl('API_HOST', 'http://localhost:8080')).toBe('http://localhost:8080');
    expect(checkOverrideUrl('API_HOST', 'http://[::1]:8080/')).toBe('http://[::1]:8080');
    expect(() => checkOverrideUrl('API_HOST', 'http://127.0.0.1.example.org')).toThrow(/https/);
  });
});
