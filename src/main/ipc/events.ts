/**
 * The typed way for services to push events to the renderer. Services receive an `EventSink`;
 * the Electron adapter sends to the window's webContents, the harness to the test page.
 */
import type { EventName } from '../../shared/channels';
import type { PayloadOf } from '../../shared/contract';

export interface EventSink {
  emit<K extends EventName>(event: K, payload: PayloadOf<K>): void;
}

/** Fans an event out to every attached transport (there may be none yet during startup). */
export class EventHub implements EventSink {
  private readonly sinks = new Set<(channel: EventName, payload: unknown) => void>();

  attach(sink: (event: EventName, payload: unknown) => void): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<K extends EventName>(event: K, payload: PayloadOf<K>): void {
    for (const sink of this.sinks) sink(event, payload);
  }
}

/**
 * Turns many "something changed" calls into one call of `send`, at most `windowMs` after the first
 * of them; `send` computes its payload then, so the one event carries the latest state. A
 * "refresh all" of 1,000 accounts would otherwise push the whole list 1,000 times (each copy
 * serialized for the window and re-read by the tray, the scheduler and the notices).
 */
export function coalesce(send: () => void, windowMs: number): { request(): void } {
  let timer: NodeJS.Timeout | undefined;
  return {
    request: () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        send();
      }, windowMs);
      // A change seen by nobody does not keep a test or a quitting app alive.
      timer.unref?.();
    },
  };
}
