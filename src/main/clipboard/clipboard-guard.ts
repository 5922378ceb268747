/**
 * Clipboard hygiene for secrets. Every value Tessera copies is written as concealed (kept out of
 * clipboard history and clipboard managers where the platform has a way to say so) and cleared
 * after a delay — but only if the clipboard still holds that value: something the user copied
 * afterwards is left alone. One pending clear at a time: a new copy replaces the previous one.
 * `clearNow` runs on quit.
 *
 * A value that dies sooner than the setting's delay (a SaaSus hand-off code lives 10 s) is held
 * with its own, earlier clear time: the status shows it like any other copy, and it is cleared
 * then, and on quit. The earlier of the two times wins, so the setting can only shorten a hold.
 */
import type { ClipboardHold } from '../../shared/types';
import type { ClipboardPort } from '../desktop/ports';
import { systemClock, type Clock } from '../util/clock';

export class ClipboardGuard {
  private held: { text: string; timer: unknown; what: string; clearsAt: number | null } | null = null;
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      readonly clipboard: ClipboardPort;
      /** Seconds before clearing; 0 = never. Read at each copy (it is a setting). */
      readonly clearAfterSeconds: () => number;
      readonly onChange?: (hold: ClipboardHold | null) => void;
      readonly clock?: Clock;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** `clearAfterMs`: this value's own lifetime (it is dead afterwards), when shorter than the setting. */
  async write(text: string, what: string, opts: { readonly clearAfterMs?: number } = {}): Promise<ClipboardHold> {
    this.cancelPending();
    await this.deps.clipboard.writeText(text, { concealed: true });
    const seconds = this.deps.clearAfterSeconds();
    const delays = [...(seconds > 0 ? [seconds * 1000] : []), ...(opts.clearAfterMs === undefined ? [] : [Math.max(0, opts.clearAfterMs)])];
    const delay = delays.length > 0 ? Math.min(...delays) : null;
    const clearsAt = delay === null ? null : this.clock.now() + delay;
    const timer = delay === null ? null : this.clock.setTimeout(() => void this.clearIfStillOurs(text), delay);
    this.held = { text, timer, what, clearsAt };
    const hold = { what, clearsAt };
    this.deps.onChange?.(hold);
    return hold;
  }

  /** Clears now if the clipboard still holds what Tessera wrote (on quit). */
  async clearNow(): Promise<void> {
    if (this.held) await this.clearIfStillOurs(this.held.text);
  }

  private cancelPending(): void {
    if (this.held?.timer) this.clock.clearTimeout(this.held.timer);
    this.held = null;
  }

  private async clearIfStillOurs(text: string): Promise<void> {
    if (this.held?.text !== text) return;
    this.cancelPending();
    try {
      if ((await this.deps.clipboard.readText()) === text) await this.deps.clipboard.clear();
    } finally {
      this.deps.onChange?.(null);
    }
  }
}
