/**
 * Time as one port: what the services read the time from and wait on. The app runs on the system
 * clock; a test passes one it moves by hand (test/support/fake-clock.ts), and shares it with the
 * emulators, so that timers, stored dates, expiries and request signatures all agree.
 */
export interface Clock {
  /** Epoch milliseconds. Each member works detached (`const now = clock.now`). */
  readonly now: () => number;
  readonly setTimeout: (fn: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
}

/** Node fires any delay above 2^31-1 ms (24.8 days) at once; longer waits wake up early and re-plan. */
const MAX_TIMER_MS = 6 * 3600 * 1000;

/** The real time. Its timers never keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.min(ms, MAX_TIMER_MS));
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};
