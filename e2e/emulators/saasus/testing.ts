/**
 * Test helpers for code that talks to the SaaSus emulator in-process: a clock that tests move by
 * hand (shared by the emulator and the client, so that signatures stay valid while temp codes and
 * tokens age), and the client configuration that matches an emulator.
 */
import type { SaasusApiConfig } from '../../../src/main/providers/saasus/api';
import type { SaasusEmulator } from './server';

export interface TestClock {
  readonly now: () => number;
  advance(ms: number): void;
}

/** Starts at the real time (so tokens look plausible) and only moves when told to. */
export function makeTestClock(start = Date.now()): TestClock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export function apiConfigFor(emulator: SaasusEmulator, clock: TestClock, overrides: Partial<SaasusApiConfig> = {}): SaasusApiConfig {
  const { baseUrl, saasId, apiKey, secretKey } = emulator.config;
  return { baseUrl, saasId, apiKey, secretKey, clock: clock.now, timeoutMs: 5_000, ...overrides };
}
