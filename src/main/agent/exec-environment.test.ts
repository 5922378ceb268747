import { describe, expect, it } from 'vitest';
import { credentialsToCopy } from '../providers/clever-cloud/account';
import { CLEVER_TOOLS_CONSUMER } from '../providers/clever-cloud/constants';
import { failure } from '../../../test/support/failure';
import { apiHostOf, checkNoCollision, cleverCloudEnvironment, saasusEnvironment } from './exec-environment';

/** The header exactly as the copy service makes it (account.ts credentialsToCopy). */
const header = (token: string, secret: string, consumer = CLEVER_TOOLS_CONSUMER) => credentialsToCopy({ token, secret }, consumer).authorizationHeader;

describe('cleverCloudEnvironment', () => {
  it('a console login on the default API: CLEVER_TOKEN and CLEVER_SECRET, and clever-tools’ defaults removed', () => {
    expect(cleverCloudEnvironment(header('tok-1', 'sec-1'), 'https://api.clever-cloud.com/v2')).toEqual({
      set: [
        ['CLEVER_TOKEN', 'tok-1'],
        ['CLEVER_SECRET', 'sec-1'],
      ],
      unset: ['API_HOST', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET'],
    });
    // An account that never recorded its API is on the default one.
    expect(cleverCloudEnvironment(header('tok-1', 'sec-1'), null).unset).toContain('API_HOST');
  });

  it('another API and the user’s own consumer: API_HOST without /v2, and the consumer', () => {
    const env = cleverCloudEnvironment(header('tok', 'sec', { key: 'my-key', secret: 'my-secret' }), 'http://127.0.0.1:47801/v2');
    expect(Object.fromEntries(env.set)).toEqual({ CLEVER_TOKEN: 'tok', CLEVER_SECRET: 'sec', API_HOST: 'http://127.0.0.1:47801', OAUTH_CONSUMER_KEY: 'my-key', OAUTH_CONSUMER_SECRET: 'my-secret' });
    expect(env.unset).toEqual([]);
  });

  it('gives back any secret exactly, whatever it holds (&, =, %, quotes, unicode, spaces)', () => {
    for (const secret of ['a&b=c', '%41%', 'quote"\'`', 'éü漢字🙂', ' spaced out ', '&&&', 'a+b/c']) {
      const env = Object.fromEntries(cleverCloudEnvironment(header(`t-${secret}`, secret, { key: `k${secret}`, secret: `s${secret}` }), null).set);
      expect(env).toMatchObject({ CLEVER_TOKEN: `t-${secret}`, CLEVER_SECRET: secret, OAUTH_CONSUMER_KEY: `k${secret}`, OAUTH_CONSUMER_SECRET: `s${secret}` });
    }
  });

  it('refuses a header it cannot read, quoting nothing of it', async () => {
    for (const bad of ['Bearer abc', 'OAuth oauth_token="t"', 'OAuth oauth_consumer_key="k", oauth_token="t", oauth_signature_method="HMAC-SHA1", oauth_signature="x"']) {
      const e = await failure(Promise.resolve().then(() => cleverCloudEnvironment(bad, null)));
      expect(e.code).toBe('internal');
      expect(e.message).not.toContain('abc');
    }
  });
});

describe('apiHostOf', () => {
  it('drops /v2 and trailing slashes', () => {
    expect(apiHostOf('https://api.clever-cloud.com/v2')).toBe('https://api.clever-cloud.com');
    expect(apiHostOf('https://api.clever-cloud.com/v2/')).toBe('https://api.clever-cloud.com');
    expect(apiHostOf('https://proxy.example/cc')).toBe('https://proxy.example/cc');
  });
});

describe('saasusEnvironment', () => {
  it('sets the access token, the ID token and the Authorization header value', () => {
    expect(saasusEnvironment({ accessToken: 'a', idToken: 'i', authorization: 'Bearer a' }).set).toEqual([
      ['SAASUS_ACCESS_TOKEN', 'a'],
      ['SAASUS_ID_TOKEN', 'i'],
      ['SAASUS_AUTHORIZATION', 'Bearer a'],
    ]);
  });
});

describe('checkNoCollision', () => {
  it('refuses two accounts that would set the same variable, naming it', async () => {
    const e = await failure(Promise.resolve().then(() => checkNoCollision([{ displayName: 'Work', provider: 'clever-cloud' }, { displayName: 'Perso', provider: 'clever-cloud' }])));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('CLEVER_TOKEN');
    expect(e.message).toContain('"Work" and "Perso"');
    expect((await failure(Promise.resolve().then(() => checkNoCollision([{ displayName: 'A', provider: 'saasus' }, { displayName: 'B', provider: 'saasus' }])))).message).toContain('SAASUS_ACCESS_TOKEN');
  });

  it('lets one account of each provider through', () => {
    expect(() => checkNoCollision([{ displayName: 'A', provider: 'saasus' }, { displayName: 'B', provider: 'clever-cloud' }])).not.toThrow();
  });
});

describe('cleverCloudEnvironment with an API token and a bridge', () => {
  it('sets CC_API_TOKEN when one is held and AUTH_BRIDGE_HOST (an origin) off the default bridge', () => {
    const env = cleverCloudEnvironment(header('tok', 'sec'), null, { apiToken: 'cc_at_xyz', bridgeUrl: 'http://127.0.0.1:47901' });
    expect(Object.fromEntries(env.set)).toMatchObject({ CC_API_TOKEN: 'cc_at_xyz', AUTH_BRIDGE_HOST: 'http://127.0.0.1:47901' });
    expect(env.unset).not.toContain('CC_API_TOKEN');
  });

  it('removes CC_API_TOKEN when none is held and AUTH_BRIDGE_HOST on the default bridge, so stray values cannot be used', () => {
    const env = cleverCloudEnvironment(header('tok', 'sec'), null, { apiToken: null, bridgeUrl: 'https://api-bridge.clever-cloud.com' });
    expect(env.unset).toEqual(expect.arrayContaining(['CC_API_TOKEN', 'AUTH_BRIDGE_HOST']));
    expect(env.set.map(([k]) => k)).not.toContain('AUTH_BRIDGE_HOST');
    expect(cleverCloudEnvironment(header('tok', 'sec'), null, { apiToken: null, bridgeUrl: null }).unset).toContain('AUTH_BRIDGE_HOST');
  });
});
