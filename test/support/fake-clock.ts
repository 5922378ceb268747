/**
 * Time that moves only when a test says: the scheduler's timers run in order as it passes them.
 * It replaces time, not any of our modules.
 */
import type { SchedulerClock } from '../../src/main/refresh/refresh-scheduler';

/** A clock whose time moves only when the test says; timers run in order as it passes them. */
export class FakeClock implements SchedulerClock {
  constructor(private t = 1_000_000) {}
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now = (): number => this.t;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  };
  clearTimeout = (h: unknown): void => void this.timers.delete(h as number);
  get pending(): number {
    return this.timers.size;
  }
  /** Moves time forward, running each timer at its time, and lets the promises it started settle. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      for (let i = 0; i < 10; i += 1) await Promise.resolve();
    }
    this.t = end;
    for (let i = 0; i < 10; i += 1) await Promise.resolve();
  }
}
