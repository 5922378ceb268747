/**
 * Refresh storms: many "copy fresh token" calls on an expired SaaSus account at once — from the
 * window, the tray and the keyboard — and the background scheduler firing in the middle of them.
 * Exactly one refresh may reach SaaSus: with rotating refresh tokens a second one would spend the
 * same refresh token twice and log the user out. Every caller must get the same, new, valid token.
 *
 * One fake clock is everyone's time (emulator, signatures, token expiry, the scheduler's timers),
 * so tokens really expire without sleeping.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../emulators/saasus/server';
import { apiConfigFor } from '../../emulators/saasus/testing';
import type { AppServices } from '../../src/main/app-services';
import type { CopyResult } from '../../src/shared/types';
import { getUserInfo } from '../../src/main/providers/saasus/api';
import { FakeClock } from '../support/fake-clock';
import { makeTestWorld, type TestWorld } from '../support/real-stores';
import { createTestApp, testDesktop } from '../support/test-app';

const STORM = 200;
const HOUR = 3_600_000;

let world: TestWorld;
let clock: FakeClock;
let emulator: SaasusEmulator;
let app: AppServices;
/** Every value written to the clipboard, in order. */
let clipboardWrites: string[];

beforeEach(async () => {
  world = makeTestWorld();
  clock = new FakeClock(Date.now());
  emulator = await startSaasusEmulator({ clock: clock.now, rotateRefreshTokens: true });
  clipboardWrites = [];
  const desktop = testDesktop();
  const writeText = desktop.clipboard.writeText;
  app = createTestApp(world, {
    clock,
    desktop: { ...desktop, clipboard: { ...desktop.clipboard, writeText: (text, opts) => (clipboardWrites.push(text), writeText(text, opts)) } },
  });
});
afterEach(async () => {
  app.scheduler.stop();
  await emulator.close();
  await world.cleanup();
});

async function saasusAccount(): Promise<string> {
  const connection = await app.saasus.connections.save({
    name: 'Storm SaaS',
    saasId: emulator.config.saasId,
    apiKey: emulator.config.apiKey,
    secretKey: emulator.config.secretKey,
    apiBaseUrl: emulator.config.baseUrl,
    loginUrl: emulator.config.loginUrl,
    callbackPort: 28990,
  });
  const account = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(emulator.config.users[0]!.email));
  return account.id;
}

function storm(id: string, n: number): Promise<CopyResult>[] {
  return Array.from({ length: n }, () => app.copies.copy(id, 'id-token'));
}

/** One new token for everyone, different from the expired one, and accepted by SaaSus now. */
async function expectOneFreshTokenForAll(id: string, expired: string, results: readonly CopyResult[]): Promise<void> {
  expect(emulator.refreshCalls()).toBe(1);
  expect(clipboardWrites).toHaveLength(STORM);
  const copied = new Set(clipboardWrites);
  expect(copied.size).toBe(1);
  const [fresh] = [...copied] as [string];
  expect(fresh).not.toBe(expired);
  expect(new Set(results.map((r) => r.validUntil)).size).toBe(1);
  expect(results[0]!.validUntil).toBeGreaterThan(clock.now());
  const info = await getUserInfo(apiConfigFor(emulator, clock), fresh);
  expect(info.email).toBe(emulator.config.users[0]!.email);
  expect(app.accounts.record(id).status).toBe('ok');
}

describe('refresh storms on an expired SaaSus account', () => {
  it(`${STORM} concurrent copies: one refresh reaches SaaSus, every caller gets the same new token`, async () => {
    const id = await saasusAccount();
    const expired = (await app.saasus.readCredentials(id))!.idToken;
    await clock.advance(HOUR + 60_000); // the tokens are now expired for SaaSus too
    await expect(getUserInfo(apiConfigFor(emulator, clock), expired)).rejects.toMatchObject({ code: 'unauthorized' });

    const results = await Promise.all(storm(id, STORM));
    await expectOneFreshTokenForAll(id, expired, results);
  });

  it(`${STORM} concurrent copies while the background scheduler fires: still one refresh`, async () => {
    const id = await saasusAccount();
    const expired = (await app.saasus.readCredentials(id))!.idToken;
    // Asleep through the expiry (the scheduler paused), then the machine wakes: the scheduler
    // runs what fell due at the very moment the user's copies arrive.
    app.scheduler.pause();
    await app.start();
    await clock.advance(HOUR + 60_000);
    expect(emulator.refreshCalls()).toBe(0);

    const first = storm(id, STORM / 2);
    app.scheduler.resume(); // arms a timer that is already due
    const woke = clock.advance(0); // …which fires now, between the two halves of the storm
    const second = storm(id, STORM / 2);
    await woke;
    const results = await Promise.all([...first, ...second]);
    await expectOneFreshTokenForAll(id, expired, results);
    // The scheduler saw that refresh succeed: nothing is retried, the next one is planned before
    // the new expiry.
    const next = app.scheduler.plan().get(id)!;
    expect(next).toBeGreaterThan(clock.now());
    expect(next).toBeLessThan(results[0]!.validUntil!);
    await clock.advance(10 * 60_000);
    expect(emulator.refreshCalls()).toBe(1);
  });
});
