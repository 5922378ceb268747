import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator, DEFAULT_CALLBACK_URL } from '../../../../emulators/saasus/server';
import { apiConfigFor, makeTestClock } from '../../../../emulators/saasus/testing';
import { checkCallbackUrl, testConnection } from './connection';

const clock = makeTestClock();
let emulator: SaasusEmulator;

beforeAll(async () => {
  emulator = await startSaasusEmulator({ clock: clock.now });
});
afterAll(() => emulator.close());

describe('testConnection', () => {
  it('reports the registered callback URL and whether it is Tessera’s listener', async () => {
    const api = apiConfigFor(emulator, clock);
    await expect(testConnection(api, 'http://127.0.0.1:28873/callback')).resolves.toEqual({
      callbackUrl: DEFAULT_CALLBACK_URL,
      callbackIsLoopback: true,
      matchesTessera: true,
    });
    emulator.setCallbackUrl('https://app.example.com/callback');
    await expect(testConnection(api, 'http://127.0.0.1:28873/callback')).resolves.toEqual({
      callbackUrl: 'https://app.example.com/callback',
      callbackIsLoopback: false,
      matchesTessera: false,
    });
  });

  it('fails with a readable message when the keys are wrong', async () => {
    await expect(testConnection(apiConfigFor(emulator, clock, { apiKey: 'nope' }), DEFAULT_CALLBACK_URL)).rejects.toMatchObject({
      code: 'invalid_configuration',
      message: 'SaaSus refused the request: check the SaaS ID, API key and secret key.',
    });
  });
});

describe('checkCallbackUrl', () => {
  const tessera = 'http://127.0.0.1:28873/callback';
  it.each([
    ['http://127.0.0.1:28873/callback', true, true],
    ['http://127.0.0.1:28874/callback', true, false],
    ['http://127.0.0.1:28873/other', true, false],
    ['http://localhost:28873/callback', true, false],
    ['https://127.0.0.1:28873/callback', false, false],
    ['http://app.example.com/callback', false, false],
    ['', false, false],
  ])('%j → loopback %s, matches %s', (url, loopback, matches) => {
    expect(checkCallbackUrl(url, tessera)).toEqual({ callbackUrl: url, callbackIsLoopback: loopback, matchesTessera: matches });
  });
});
