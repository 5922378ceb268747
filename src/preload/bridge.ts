/**
 * Builds `window.tessera` from the channel list, over whatever transport carries the calls:
 * Electron's ipcRenderer in the app (src/preload/index.ts), the test harness's binding in
 * Playwright. No electron import here, so the very same code runs in both.
 */
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventName } from '../shared/channels';
import type { TesseraApi } from '../shared/contract';
import type { Result } from '../shared/errors';

export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Subscribes to a main-process event channel; returns an unsubscribe function. */
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export function makeTesseraApi(transport: BridgeTransport): TesseraApi {
  const api: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(INVOKE_CHANNELS)) {
    api[name] = (input?: unknown) =>
      transport.invoke(channel, input).catch(() => ({
        ok: false as const,
        error: { code: 'internal' as const, message: 'Tessera could not reach its main process.' },
      }));
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    const channel = EVENT_CHANNELS[event] as string | undefined;
    if (channel === undefined || typeof listener !== 'function') throw new TypeError('Unknown Tessera event.');
    return transport.subscribe(channel, listener);
  };
  return Object.freeze(api) as TesseraApi;
}
