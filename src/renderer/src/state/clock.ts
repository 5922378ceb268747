/**
 * One clock for the whole window: a single interval, whatever the number of countdowns on screen.
 * A countdown reads `now` (every second) only while its instant is within the hour, where the
 * text can change from one second to the next, and `minute` otherwise; so a tick re-evaluates the
 * few urgent countdowns and leaves the 1,000 others alone. Components get the clock from
 * ClockContext (`useClock`) instead of creating timers of their own.
 */
import { createContext, createSignal, onCleanup, useContext, type Accessor } from 'solid-js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface Clock {
  /** Changes every second. */
  readonly now: Accessor<number>;
  /** Changes every minute (on the minute). */
  readonly minute: Accessor<number>;
}

export function createClock(): Clock {
  const [now, setNow] = createSignal(Date.now());
  const [minute, setMinute] = createSignal(Math.floor(Date.now() / MINUTE) * MINUTE);
  const timer = setInterval(() => {
    const t = Date.now();
    setNow(t);
    setMinute(Math.floor(t / MINUTE) * MINUTE); // equal values do not notify
  }, 1000);
  onCleanup(() => clearInterval(timer));
  return { now, minute };
}

/**
 * The current time as precisely as a countdown to `at` needs it: subscribes to the second clock
 * only within the hour around `at`.
 */
export function timeFor(clock: Clock, at: number | null): number {
  const coarse = clock.minute();
  return at !== null && Math.abs(at - coarse) < HOUR ? clock.now() : coarse;
}

export const ClockContext = createContext<Clock>();

export function useClock(): Clock {
  const clock = useContext(ClockContext);
  if (!clock) throw new Error('useClock() needs a ClockContext.Provider above it (App provides one).');
  return clock;
}
