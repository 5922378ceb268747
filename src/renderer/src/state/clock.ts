/**
 * One clock for the whole window. Rows that show a countdown read `now` only when their expiry
 * is within the hour (seconds matter) and `minute` otherwise, so a tick touches only the rows
 * whose text can change: 1,000 rows cost about what 10 do.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';

export interface Clock {
  /** Changes every second. */
  readonly now: Accessor<number>;
  /** Changes every minute. */
  readonly minute: Accessor<number>;
}

export function createClock(): Clock {
  const [now, setNow] = createSignal(Date.now());
  const [minute, setMinute] = createSignal(Math.floor(Date.now() / 60_000) * 60_000);
  const timer = setInterval(() => {
    const t = Date.now();
    setNow(t);
    const m = Math.floor(t / 60_000) * 60_000;
    if (m !== minute()) setMinute(m);
  }, 1000);
  onCleanup(() => clearInterval(timer));
  return { now, minute };
}
