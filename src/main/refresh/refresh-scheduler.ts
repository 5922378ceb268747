/**
 * Background refresh: one scheduler, one timer, for every account. Each refreshable account is
 * refreshed `leadMs` before its token expires, minus a per-account jitter (so that accounts that
 * expire together do not all refresh in the same second). A failed refresh is retried with
 * exponential backoff; one that needs the user (the refresh token was refused) is not retried
 * until the account changes. While offline the scheduler is paused; on resume (network back,
 * system wake) everything that fell due runs at once.
 *
 * Refreshes go through the provider's single flight, so a refresh the scheduler starts and one the
 * user asks for at the same moment are one request. The composition root (app-services.ts) passes a
 * `refresh` that waits for a slot of the shared refresh queue (refresh-all.ts), so that however many
 * accounts fall due at once, only a few refreshes reach the provider at a time.
 */
import type { AccountSummary } from '../../shared/model';
import { errorRemedy } from '../../shared/error-policy';
import { AppError } from '../errors';
import { systemClock, type Clock } from '../util/clock';

export interface SchedulableAccount extends Pick<AccountSummary, 'id' | 'expiresAt' | 'status'> {
  readonly refreshable: boolean;
}

export interface RefreshSchedulerOptions {
  readonly clock?: Clock;
  readonly accounts: () => readonly SchedulableAccount[];
  readonly refresh: (accountId: string) => Promise<unknown>;
  /** How long before expiry a token is refreshed. */
  readonly leadMs?: number;
  /** Up to this much earlier again, drawn once per account and expiry. */
  readonly jitterMs?: number;
  readonly random?: () => number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
}

export class RefreshScheduler {
  private readonly clock: Clock;
  private readonly leadMs: number;
  private readonly jitterMs: number;
  private readonly random: () => number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private timer: unknown = null;
  private paused = false;
  private running = false;
  private readonly jitter = new Map<string, { expiresAt: number; ms: number }>();
  private readonly failures = new Map<string, { count: number; retryAt: number; expiresAt: number | null }>();
  private readonly waitingForUser = new Map<string, number | null>();
  private readonly inFlight = new Set<string>();
  /** After a refresh, an account is not refreshed again for backoffBaseMs, even if its expiry did not move. */
  private readonly cooldownUntil = new Map<string, number>();

  constructor(private readonly opts: RefreshSchedulerOptions) {
    this.clock = opts.clock ?? systemClock;
    this.leadMs = opts.leadMs ?? 5 * 60_000;
    this.jitterMs = opts.jitterMs ?? 60_000;
    this.random = opts.random ?? Math.random;
    this.backoffBaseMs = opts.backoffBaseMs ?? 30_000;
    this.backoffMaxMs = opts.backoffMaxMs ?? 15 * 60_000;
  }

  start(): void {
    this.switchTo({ running: true });
  }

  stop(): void {
    this.switchTo({ running: false });
  }

  /** Offline: nothing runs until resume(). */
  pause(): void {
    this.switchTo({ paused: true });
  }

  /** Network back or system wake: runs what fell due meanwhile, then carries on. */
  resume(): void {
    this.switchTo({ paused: false });
  }

  /** The accounts changed (login, refresh, removal): plan again. */
  update(): void {
    this.arm();
  }

  /** When each account is due next (for tests and diagnostics). */
  plan(): Map<string, number> {
    const now = this.clock.now();
    const plan = new Map<string, number>();
    const live = new Set<string>();
    for (const a of this.opts.accounts()) {
      live.add(a.id);
      if (!a.refreshable || a.expiresAt === null || a.status === 'recovered') continue;
      // A new token (a login, a successful refresh elsewhere) clears what we knew of the old one.
      if (this.waitingForUser.has(a.id) && this.waitingForUser.get(a.id) !== a.expiresAt) this.waitingForUser.delete(a.id);
      if (this.waitingForUser.has(a.id) || a.status === 'needs-login') continue;
      const failure = this.failures.get(a.id);
      if (failure && failure.expiresAt !== a.expiresAt) this.failures.delete(a.id);
      const retryAt = this.failures.get(a.id)?.retryAt;
      const due = retryAt ?? a.expiresAt - this.leadMs - this.jitterFor(a.id, a.expiresAt);
      plan.set(a.id, Math.max(now, due, this.cooldownUntil.get(a.id) ?? 0));
    }
    for (const id of [...this.jitter.keys()]) if (!live.has(id)) this.jitter.delete(id);
    for (const id of [...this.cooldownUntil.keys()]) if (!live.has(id) || (this.cooldownUntil.get(id) ?? 0) <= now) this.cooldownUntil.delete(id);
    return plan;
  }

  private jitterFor(id: string, expiresAt: number): number {
    const known = this.jitter.get(id);
    if (known?.expiresAt === expiresAt) return known.ms;
    const ms = Math.floor(this.random() * this.jitterMs);
    this.jitter.set(id, { expiresAt, ms });
    return ms;
  }

  /** Start, stop, pause and resume: the new state, then the timer it calls for (none unless running and not paused). */
  private switchTo(state: { readonly running?: boolean; readonly paused?: boolean }): void {
    this.running = state.running ?? this.running;
    this.paused = state.paused ?? this.paused;
    this.arm();
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One timer, at the earliest due time. */
  private arm(): void {
    this.disarm();
    if (!this.running || this.paused) return;
    const due = [...this.plan().entries()].filter(([id]) => !this.inFlight.has(id)).map(([, at]) => at);
    if (due.length === 0) return;
    const delay = Math.max(0, Math.min(...due) - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.fire();
    }, delay);
  }

  private fire(): void {
    if (!this.running || this.paused) return;
    const now = this.clock.now();
    const accounts = new Map(this.opts.accounts().map((a) => [a.id, a]));
    for (const [id, at] of this.plan()) {
      if (at > now || this.inFlight.has(id)) continue;
      const expiresAt = accounts.get(id)?.expiresAt ?? null;
      this.inFlight.add(id);
      this.cooldownUntil.set(id, now + this.backoffBaseMs);
      void this.opts
        .refresh(id)
        .then(
          () => this.failures.delete(id),
          (error: unknown) => {
            if (error instanceof AppError && errorRemedy(error.code) === 'user') {
              this.waitingForUser.set(id, expiresAt);
              this.failures.delete(id);
              return;
            }
            const count = (this.failures.get(id)?.count ?? 0) + 1;
            const wait = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (count - 1));
            this.failures.set(id, { count, retryAt: this.clock.now() + wait, expiresAt });
          },
        )
        .finally(() => {
          this.inFlight.delete(id);
          this.arm();
        });
    }
    this.arm();
  }
}
