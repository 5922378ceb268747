/**
 * What the harness injects into the page before the renderer loads: the app's real bridge
 * (makeTesseraApi from src/preload/bridge.ts), with a transport over two Playwright bindings
 * instead of ipcRenderer. Built into an IIFE by the Playwright global setup.
 */
import { makeTesseraApi } from '../../src/preload/bridge';
import type { Result } from '../../src/shared/errors';

declare global {
  interface Window {
    __tesseraHarnessInvoke(channel: string, encodedInput: string | undefined): Promise<Result<unknown>>;
    __tesseraHarnessDeliver?: (channel: string, payload: unknown) => void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();
window.__tesseraHarnessDeliver = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

Object.defineProperty(window, 'tessera', {
  value: makeTesseraApi({
    // Encoded as JSON text so that own keys such as "__proto__" arrive as own keys, as with
    // Electron's structured clone (Playwright's own argument serializer would drop or reinterpret
    // them, hiding exactly the payloads the router must refuse).
    invoke: (channel, input) => window.__tesseraHarnessInvoke(channel, input === undefined ? undefined : JSON.stringify(input)),
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => void set.delete(listener);
    },
  }),
  enumerable: true,
  configurable: false,
  writable: false,
});
