/**
 * Time that moves only when a test says: the app's timers run in order as it passes them. It
 * replaces time (the Clock port, src/main/util/clock.ts), not any of our modules; pass `now` to an
 * emulator too so that both sides see the same time.
 */
import type { Clock } from '../../src/main/util/clock';

/** A clock whose time moves only when the test says; timers run in order as it passes them. */
export class FakeClock implements Clock {
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
