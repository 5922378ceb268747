/**
 * Bounded refreshes: the limiter on its own, then "Refresh all" and the background scheduler
 * through the real services against the SaaSus emulator and the real keychain, where the
 * emulator's request log shows how many refreshes reached it at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../emulators/saasus/server';
import type { AppServices } from '../app-services';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { createTestApp } from '../../../test/support/test-app';
import { makeLimiter, REFRESH_CONCURRENCY } from './refresh-all';

/** A promise the test settles by hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Lets every already-settled promise callback run. */
const settle = () => new Promise<void>((r) => setImmediate(r));

describe('makeLimiter', () => {
  it('runs at most `limit` tasks at once, in the order they came, and passes results and errors through', async () => {
    const limiter = makeLimiter(2);
    const gates = Array.from({ length: 5 }, () => deferred<string>());
    const started: number[] = [];
    const results = gates.map((gate, i) =>
      limiter.run(() => {
        started.push(i);
        return gate.promise;
      }),
    );
    const outcomes = Promise.allSettled(results);
    await settle();
    expect(started).toEqual([0, 1]);
    expect([limiter.active, limiter.waiting]).toEqual([2, 3]);
    gates[1]!.reject(new Error('second failed'));
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve('first');
    gates[2]!.resolve('third');
    await settle();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates[3]!.resolve('fourth');
    gates[4]!.resolve('fifth');
    expect((await outcomes).map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['first', 'second failed', 'third', 'fourth', 'fifth']);
    expect([limiter.active, limiter.waiting]).toEqual([0, 0]);
  });

  it('frees the slot of a task that throws synchronously', async () => {
    const limiter = makeLimiter(1);
    await expect(
      limiter.run(() => {
        throw new Error('at once');
      }),
    ).rejects.toThrow('at once');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });

  it('refuses a limit that is not a whole number of slots', () => {
    expect(() => makeLimiter(0)).toThrow(RangeError);
    expect(() => makeLimiter(1.5)).toThrow(RangeError);
  });
});

/** Every request waits this long at the emulator, so requests in flight together are visible in its log. */
const LATENCY_MS = 150;
const ACCOUNTS = REFRESH_CONCURRENCY + 4;

let world: TestWorld;
let emulator: SaasusEmulator;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startSaasusEmulator({ extraUsers: ACCOUNTS });
  app = createTestApp(world);
});
afterEach(async () => {
  app.scheduler.stop();
  await emulator.close();
  await world.cleanup();
});

/** `count` distinct users logged in through a pasted code (the real login path), at no latency. */
async function seedAccounts(count: number): Promise<string[]> {
  const { config } = emulator;
  const connection = await app.saasus.connections.save({
    name: 'S',
    saasId: config.saasId,
    apiKey: config.apiKey,
    secretKey: config.secretKey,
    apiBaseUrl: config.baseUrl,
    loginUrl: config.loginUrl,
    callbackPort: 28997,
  });
  const emails = config.users.map((u) => u.email).filter((e) => e.startsWith('user-')).slice(0, count);
  const ids: string[] = [];
  for (const email of emails) ids.push((await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(email))).id);
  return ids;
}

/**
 * The most refresh requests the emulator held at once, from its log (arrival times, ms): each
 * request stays at least LATENCY_MS, and a slot sends its next request only after its previous
 * answer, so requests that arrived less than LATENCY_MS apart were there together.
 */
function mostRefreshesAtOnce(fromLogIndex: number): number {
  const arrivals = emulator.server.log
    .slice(fromLogIndex)
    .filter((r) => r.method === 'GET' && r.path.endsWith('/credentials'))
    .map((r) => r.at);
  let most = 0;
  let first = 0;
  for (let last = 0; last < arrivals.length; last += 1) {
    // −1: Date.now() has whole milliseconds.
    while (arrivals[last]! - arrivals[first]! >= LATENCY_MS - 1) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

async function accessTokens(ids: readonly string[]): Promise<string[]> {
  return Promise.all(ids.map(async (id) => (await app.saasus.readCredentials(id))!.accessToken));
}

describe('refresh all', () => {
  it(`refreshes every SaaSus account with never more than ${REFRESH_CONCURRENCY} requests at SaaSus at once`, async () => {
    const ids = await seedAccounts(ACCOUNTS);
    const before = await accessTokens(ids);
    emulator.server.latencyMs = LATENCY_MS;
    const logFrom = emulator.server.log.length;

    const progress: number[] = [];
    const summary = await app.refreshAll((settled) => progress.push(settled));

    expect(summary).toEqual({ refreshed: ACCOUNTS, needsLogin: 0, failed: 0 });
    expect(progress).toEqual(Array.from({ length: ACCOUNTS }, (_, i) => i + 1));
    expect(emulator.refreshCalls()).toBe(ACCOUNTS);
    const most = mostRefreshesAtOnce(logFrom);
    expect(most).toBeLessThanOrEqual(REFRESH_CONCURRENCY);
    expect(most).toBeGreaterThan(1); // …and they did run side by side
    const after = await accessTokens(ids);
    expect(after.every((token, i) => token !== before[i])).toBe(true);
    expect(app.accounts.list().every((a) => a.status === 'ok')).toBe(true);
  });

  it('counts refused and failed refreshes instead of throwing, and refreshes the rest', async () => {
    const ids = await seedAccounts(ACCOUNTS);
    // The last two accounts' refresh tokens are revoked; they queue behind the first wave, which
    // meets one server error.
    const revoked = ids.slice(-2);
    for (const id of revoked) expect(emulator.revokeRefreshToken((await app.saasus.readCredentials(id))!.refreshToken!)).toBe(true);
    emulator.server.faults.add({ fault: { kind: 'status', status: 500 }, path: '/credentials', times: 1 });
    emulator.server.latencyMs = LATENCY_MS;

    const summary = await app.refreshAll();

    expect(summary).toEqual({ refreshed: ACCOUNTS - 3, needsLogin: 2, failed: 1 });
    const statuses = new Map(app.accounts.list().map((a) => [a.id, a.status]));
    expect(revoked.map((id) => statuses.get(id))).toEqual(['needs-login', 'needs-login']);
    expect([...statuses.values()].filter((s) => s === 'failed')).toHaveLength(1);
  });

  it('bounds the background refresh too: accounts that all fall due together queue for the same slots', async () => {
    // Two-minute tokens are inside the scheduler's five-minute lead at once.
    emulator.setLifetimes({ idTokenSeconds: 120, accessTokenSeconds: 120 });
    const ids = await seedAccounts(ACCOUNTS);
    const before = await accessTokens(ids);
    emulator.server.latencyMs = LATENCY_MS;
    const logFrom = emulator.server.log.length;

    await app.start();
    // Every account ends holding new tokens.
    await vi.waitFor(async () => expect((await accessTokens(ids)).filter((token, i) => token !== before[i])).toHaveLength(ACCOUNTS), { timeout: 10_000, interval: 100 });
    app.scheduler.stop();
    expect(emulator.refreshCalls()).toBe(ACCOUNTS);

    const most = mostRefreshesAtOnce(logFrom);
    expect(most).toBeLessThanOrEqual(REFRESH_CONCURRENCY);
    expect(most).toBeGreaterThan(1);
  });
});
