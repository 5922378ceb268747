import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { FakeClock } from '../../../test/support/fake-clock';
import { RefreshScheduler, type SchedulableAccount } from './refresh-scheduler';


const MIN = 60_000;

function setup(accounts: SchedulableAccount[], refresh: (id: string) => Promise<unknown>, extra: { random?: () => number } = {}) {
  const clock = new FakeClock();
  /** What the accounts service would answer now; tests change it as logins and refreshes would. */
  const state = { list: accounts.map((a) => ({ ...a })) };
  const calls: { id: string; at: number }[] = [];
  const scheduler = new RefreshScheduler({
    clock,
    accounts: () => state.list,
    refresh: async (id) => {
      calls.push({ id, at: clock.now() });
      return refresh(id);
    },
    leadMs: 5 * MIN,
    jitterMs: MIN,
    random: extra.random ?? (() => 0.5),
    backoffBaseMs: 30_000,
    backoffMaxMs: 4 * MIN,
  });
  return { clock, state, calls, scheduler };
}

const account = (id: string, expiresAt: number, refreshable = true): SchedulableAccount => ({ id, expiresAt, status: 'ok', refreshable });

describe('RefreshScheduler', () => {
  it('refreshes each account before it expires, in order, with one timer for all', async () => {
    const base = 1_000_000;
    // Like a provider: a refresh gives the account a new hour.
    const ctx = setup([account('late', base + 60 * MIN), account('soon', base + 20 * MIN), account('cc', base + 10 * MIN, false)], async (id) => {
      ctx.state.list = ctx.state.list.map((a) => (a.id === id ? { ...a, expiresAt: ctx.clock.now() + 60 * MIN } : a));
    });
    const { clock, calls, scheduler } = ctx;
    scheduler.start();
    expect(clock.pending).toBe(1);
    await clock.advance(14 * MIN);
    expect(calls).toEqual([]);
    await clock.advance(1 * MIN); // soon: 20 − 5 − 0.5 = 14.5 min
    expect(calls).toEqual([{ id: 'soon', at: base + 14.5 * MIN }]);
    await clock.advance(45 * MIN); // late: 60 − 5.5 = 54.5 min
    expect(calls.map((c) => c.id)).toEqual(['soon', 'late']);
    await clock.advance(20 * MIN); // soon again: 14.5 + 60 − 5.5 = 69 min
    expect(calls.map((c) => c.id)).toEqual(['soon', 'late', 'soon']);
    expect(clock.pending).toBe(1);
    // The Clever Cloud account (not refreshable) was never refreshed.
    expect(calls.some((c) => c.id === 'cc')).toBe(false);
  });

  it('keeps jitter within its bound and stable for one expiry', async () => {
    const base = 1_000_000;
    for (const r of [0, 0.999]) {
      const { scheduler } = setup([account('a', base + 30 * MIN)], async () => undefined, { random: () => r });
      const due = scheduler.plan().get('a')!;
      expect(due).toBeLessThanOrEqual(base + 25 * MIN);
      expect(due).toBeGreaterThan(base + 24 * MIN);
      expect(scheduler.plan().get('a')).toBe(due);
    }
  });

  it('backs off exponentially on failures, up to the cap', async () => {
    const { clock, calls, scheduler } = setup([account('a', 1_000_000 + 5 * MIN)], async () => {
      throw new AppError('network', 'offline');
    });
    scheduler.start();
    await clock.advance(0);
    await clock.advance(10 * MIN);
    const gaps = calls.slice(1).map((c, i) => c.at - calls[i]!.at);
    expect(gaps.slice(0, 4)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...gaps)).toBe(4 * MIN);
  });

  it('stops retrying an account that needs a login, until its token changes', async () => {
    const { clock, calls, scheduler, state } = setup([account('a', 1_000_000 + 5 * MIN)], async () => {
      throw new AppError('needs_login', 'log in again');
    });
    scheduler.start();
    await clock.advance(30 * MIN);
    expect(calls).toHaveLength(1);
    expect(clock.pending).toBe(0);
    state.list = [account('a', clock.now() + 60 * MIN)]; // logged in again
    scheduler.update();
    expect(clock.pending).toBe(1);
  });

  it('never runs two refreshes of one account at once', async () => {
    let release!: () => void;
    const { clock, calls, scheduler } = setup([account('a', 1_000_000 + 5 * MIN)], () => new Promise<void>((r) => (release = r)));
    scheduler.start();
    await clock.advance(0);
    scheduler.update();
    await clock.advance(10 * MIN);
    expect(calls).toHaveLength(1);
    release();
  });

  it('does nothing while paused and catches up on resume', async () => {
    const base = 1_000_000;
    const { clock, calls, scheduler } = setup([account('a', base + 10 * MIN), account('b', base + 12 * MIN)], async () => undefined);
    scheduler.start();
    scheduler.pause();
    expect(clock.pending).toBe(0);
    await clock.advance(30 * MIN);
    expect(calls).toEqual([]);
    scheduler.resume();
    await clock.advance(0);
    expect(calls.map((c) => c.id).sort()).toEqual(['a', 'b']);
  });
});
