import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/clever-cloud/testing';
import { credentialsToCopy, describeAccount } from './account';
import type { CleverCloudApiConfig } from './api';
import { UNAUTHORIZED_MESSAGE } from './errors';
import { parseCleverToolsConfig } from './clever-tools-config';
import { parseProfileOverrides } from './profile-overrides';
import { KNOWN_RIGHTS } from './constants';

const clock = makeTestClock();
let emulator: CleverCloudEmulator;
let api: CleverCloudApiConfig;

beforeAll(async () => {
  emulator = await startCleverCloudEmulator({ clock: clock.now });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());
afterEach(() => emulator.server.faults.clear());

describe('describeAccount', () => {
  it('combines /self, /self/tokens/current and /oauth/rights', async () => {
    const info = await describeAccount(api, emulator.config.token);
    expect(info).toEqual({
      userId: expect.stringMatching(/^user_/),
      email: 'demo@example.com',
      name: 'Ada Demo',
      avatarUrl: `${emulator.config.consoleUrl}/avatars/ada.png`,
      consumerName: 'Tessera Demo',
      grantedRights: ['access_organisations', 'access_personal_information', 'manage_personal_information', 'manage_ssh_keys'],
      availableRights: expect.arrayContaining([{ name: 'almighty', description: expect.any(String) }]),
      createdAt: expect.any(Number),
      lastUsedAt: clock.now(),
      expiresAt: expect.any(Number),
      userCreatedAt: expect.any(Number),
    });
    expect(info.availableRights).toHaveLength(12);
  });

  it('falls back to the known rights when /oauth/rights fails, but not when the token is refused', async () => {
    emulator.server.faults.add({ fault: { kind: 'html', status: 502 }, path: '/oauth/rights' });
    expect((await describeAccount(api, emulator.config.token)).availableRights).toEqual(KNOWN_RIGHTS);
    await expect(describeAccount(api, { ...emulator.config.token, secret: 'wrong' })).rejects.toMatchObject({
      code: 'unauthorized',
      message: UNAUTHORIZED_MESSAGE,
    });
  });
});

describe('credentialsToCopy', () => {
  it('gives a PLAINTEXT header the emulator accepts, env lines and a clever-tools profile', async () => {
    const copy = credentialsToCopy(emulator.config.token, emulator.config.consumer, {
      alias: 'demo',
      expiresAt: Date.UTC(2030, 0, 1),
      email: 'demo@example.com',
    });
    expect(copy.authorizationHeader).toBe(
      `OAuth oauth_consumer_key="${emulator.config.consumer.key}", oauth_token="${emulator.config.token.token}", ` +
        `oauth_signature_method="PLAINTEXT", oauth_signature="${emulator.config.consumer.secret}%26${emulator.config.token.secret}"`,
    );
    // Reusable: no nonce or timestamp, so it works twice.
    for (let i = 0; i < 2; i += 1)
      expect((await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: copy.authorizationHeader } })).status).toBe(200);
    expect(copy.envLines).toBe(`CLEVER_TOKEN=${emulator.config.token.token}\nCLEVER_SECRET=${emulator.config.token.secret}`);
    const profile = JSON.parse(copy.cleverToolsProfile) as Record<string, unknown>;
    expect(profile).toEqual({
      alias: 'demo',
      token: emulator.config.token.token,
      secret: emulator.config.token.secret,
      expirationDate: '2030-01-01T00:00:00.000Z',
      email: 'demo@example.com',
      // Not clever-tools' consumer: clever-tools 4 must sign with this one.
      overrides: { OAUTH_CONSUMER_KEY: emulator.config.consumer.key, OAUTH_CONSUMER_SECRET: emulator.config.consumer.secret },
    });
    // What we write, we can read back.
    const [read] = parseCleverToolsConfig(JSON.stringify({ version: 1, profiles: [profile] }));
    expect(read).toMatchObject({ alias: 'demo', expiresAt: Date.UTC(2030, 0, 1) });
    expect(parseProfileOverrides(read!.overrides)).toEqual({ consumer: emulator.config.consumer });
  });

  it('percent-encodes the header and refuses incomplete or multi-line credentials', () => {
    const copy = credentialsToCopy({ token: 't"k', secret: 'a&b' }, { key: 'k', secret: 'c s' });
    expect(copy.authorizationHeader).toContain('oauth_token="t%22k"');
    expect(copy.authorizationHeader).toContain('oauth_signature="c%2520s%26a%2526b"');
    expect(() => credentialsToCopy({ token: '', secret: 's' }, { key: 'k', secret: 'c' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(() => credentialsToCopy({ token: 't\nX=1', secret: 's' }, { key: 'k', secret: 'c' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});
