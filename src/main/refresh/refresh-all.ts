/**
 * Background refreshes, bounded: every refresh Tessera starts on its own (the scheduler's, the
 * tray's "Refresh all") waits for one of {@link REFRESH_CONCURRENCY} slots, so that a thousand
 * accounts falling due together (a wake from sleep, "Refresh all") are a steady stream of a few
 * requests at a time rather than a thousand at once. A refresh the user waits for (a copy, "Refresh
 * now") does not queue here: it goes straight to the provider's single flight.
 *
 * A refresh that waited its turn is skipped when the account no longer needs it: it was removed
 * meanwhile, or its expiry moved (a copy, a login or another refresh renewed it while it queued).
 */
import { errorRemedy } from '../../shared/error-policy';
import { AppError } from '../errors';

/**
 * How many background refreshes Tessera runs at once. A refresh is mostly waiting on the network,
 * so a few in flight hide that wait: with 4, "refresh all" takes at most 1 / 0.85 of the ideal
 * ceil(N / 4) × latency (bench/network.ts; README's benchmark table). More slots would finish
 * sooner, but these refreshes run ahead of need (minutes before expiry; a copy does not queue
 * here), while each slot is one more request a single user puts on the provider at once, and one
 * more keychain call that a copy the user waits for may queue behind (a refresh reads the refresh
 * token after a restart, and writes it when SaaSus rotated it; the keychain serves one call at a
 * time: src/main/vault/secret-store.ts).
 */
export const REFRESH_CONCURRENCY = 4;

export interface Limiter {
  /** Runs `task` once fewer than `limit` tasks are running; tasks start in the order they came. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

export function makeLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A limiter needs a whole number of slots (got ${limit}).`);
  let active = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    while (active < limit && queue.length > 0) {
      active += 1;
      queue.shift()!();
    }
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          // Inside an async function, so that a synchronous throw frees the slot like a rejection.
          void (async () => task())()
            .then(resolve, reject)
            .finally(() => {
              active -= 1;
              next();
            });
        });
        next();
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

/** What "Refresh all" did, for the tray to tell the user. */
export interface RefreshAllSummary {
  /** Refreshed now, or renewed by something else while waiting for a slot. */
  readonly refreshed: number;
  /** The provider refused the refresh token or the connection: the user must act (src/shared/error-policy.ts). */
  readonly needsLogin: number;
  /** Anything else (offline, timeouts, provider errors): a later refresh may succeed. */
  readonly failed: number;
}

export type QueuedRefreshOutcome = 'refreshed' | 'renewed-meanwhile' | 'removed-meanwhile';

export interface RefreshQueue {
  /** One account's refresh, once a slot is free; rejects with the refresh's own error. */
  refresh(accountId: string): Promise<QueuedRefreshOutcome>;
  /**
   * Every given account, at most `limit` at a time; failures are counted, never thrown.
   * `onProgress` hears how many have settled so far, after each one.
   */
  refreshAll(accountIds: readonly string[], onProgress?: (settled: number) => void): Promise<RefreshAllSummary>;
}

export interface RefreshQueueOptions {
  readonly limiter: Limiter;
  /** The provider's refresh (its single flight). */
  readonly refresh: (accountId: string) => Promise<unknown>;
  /** The account's expiry now; undefined once it was removed. */
  readonly expiresAt: (accountId: string) => number | null | undefined;
}

export function makeRefreshQueue(opts: RefreshQueueOptions): RefreshQueue {
  const refresh = (accountId: string): Promise<QueuedRefreshOutcome> => {
    const queuedWith = opts.expiresAt(accountId);
    return opts.limiter.run(async () => {
      const now = opts.expiresAt(accountId);
      if (now === undefined) return 'removed-meanwhile';
      if (now !== queuedWith) return 'renewed-meanwhile';
      await opts.refresh(accountId);
      return 'refreshed';
    });
  };
  return {
    refresh,
    refreshAll: async (accountIds, onProgress) => {
      let settled = 0;
      const count = (): void => onProgress?.((settled += 1));
      const outcomes = await Promise.allSettled(
        accountIds.map((id) => {
          const outcome = refresh(id);
          outcome.then(count, count);
          return outcome;
        }),
      );
      const counts = { refreshed: 0, needsLogin: 0, failed: 0 };
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') {
          if (outcome.value !== 'removed-meanwhile') counts.refreshed += 1;
        } else if (outcome.reason instanceof AppError && errorRemedy(outcome.reason.code) === 'user') counts.needsLogin += 1;
        else counts.failed += 1;
      }
      return counts;
    },
  };
}
