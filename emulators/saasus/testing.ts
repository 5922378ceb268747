/**
 * Test helpers for code that talks to the SaaSus emulator in-process: a clock that tests move by
 * hand (shared by the emulator and the client, so that signatures stay valid while temp codes and
 * tokens age), and the client configuration that matches an emulator.
 */
import type { SaasusApiConfig } from '../../src/main/providers/saasus/api';
import type { SaasusEmulator } from './server';
import type { TestClock } from '../test-clock';
export { makeTestClock, type TestClock } from '../test-clock';

export function apiConfigFor(emulator: SaasusEmulator, clock: TestClock, overrides: Partial<SaasusApiConfig> = {}): SaasusApiConfig {
  const { baseUrl, saasId, apiKey, secretKey } = emulator.config;
  return { baseUrl, saasId, apiKey, secretKey, clock: clock.now, timeoutMs: 5_000, ...overrides };
}

/** The emulator's demo SaaS as a user fills Tessera's connection form for it. */
export function demoConnectionInput(emulator: SaasusEmulator, callbackPort: number) {
  const { saasId, apiKey, secretKey, baseUrl, loginUrl } = emulator.config;
  return { name: 'Demo SaaS', saasId, apiKey, secretKey, apiBaseUrl: baseUrl, loginUrl, callbackPort };
}
