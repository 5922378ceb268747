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
