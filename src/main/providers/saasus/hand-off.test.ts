import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/saasus/testing';
import { tempCodeAuth, type SaasusApiConfig } from './api';
import { handOff } from './hand-off';

const clock = makeTestClock();
let emulator: SaasusEmulator;
let api: SaasusApiConfig;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now });
  api = apiConfigFor(emulator, clock);
});
afterAll(() => emulator.close());

describe('handOff', () => {
  it('yields <callback_url>?code=<code>, and the code redeems the same tokens exactly once', async () => {
    emulator.setCallbackUrl('https://app.example.com/callback');
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('alice@example.com'));
    const result = await handOff(api, tokens);
    expect(result.url).toBe(`https://app.example.com/callback?code=${result.code}`);
    expect(result.expiresAt).toBe(clock.now() + 10_000);
    // What the SaaS's callback page does with it:
    await expect(tempCodeAuth(api, result.code)).resolves.toEqual(tokens);
    await expect(tempCodeAuth(api, result.code)).rejects.toMatchObject({ code: 'code_expired' });
  });

  it('keeps a query the callback URL already has', async () => {
    emulator.setCallbackUrl('https://app.example.com/callback?tenant=acme');
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('bob@example.com'));
    const { url, code } = await handOff(api, tokens);
    expect(url).toBe(`https://app.example.com/callback?tenant=acme&code=${code}`);
  });

  it('a hand-off code dies after 10 seconds', async () => {
    emulator.setCallbackUrl('https://app.example.com/callback');
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('bob@example.com'));
    const { code } = await handOff(api, tokens);
    clock.advance(10_001);
    await expect(tempCodeAuth(api, code)).rejects.toMatchObject({ code: 'code_expired' });
  });

  it('refuses to build a browser URL from a callback that is not a web address, without creating a code', async () => {
    emulator.setCallbackUrl('javascript:alert(1)');
    const tokens = await tempCodeAuth(api, emulator.issueTempCode('bob@example.com'));
    const before = emulator.server.log.filter((r) => r.method === 'POST').length;
    await expect(handOff(api, tokens)).rejects.toMatchObject({ code: 'invalid_configuration' });
    expect(emulator.server.log.filter((r) => r.method === 'POST').length).toBe(before);
  });

  it('a wrong secret key is invalid_configuration', async () => {
    await expect(handOff({ ...api, secretKey: 'x' }, { idToken: 'i', accessToken: 'a' })).rejects.toMatchObject({
      code: 'invalid_configuration',
    });
  });
});
