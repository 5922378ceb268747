/**
 * What the harness injects into the page before the renderer loads: the app's real bridge
 * (makeTesseraApi from src/preload/bridge.ts), with a transport over two Playwright bindings
 * instead of ipcRenderer. Built into an IIFE by the Playwright global setup.
 */
import { makeTesseraApi } from '../../src/preload/bridge';
import type { Result } from '../../src/shared/errors';

declare global {
  interface Window {
    __tesseraHarnessInvoke(channel: string, encodedInput: string | undefined): Promise<string>;
    __tesseraHarnessDeliver?: (channel: string, encodedPayload: string) => void;
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>();
window.__tesseraHarnessDeliver = (channel, encodedPayload) => {
  const payload: unknown = JSON.parse(encodedPayload);
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

Object.defineProperty(window, 'tessera', {
  value: makeTesseraApi({
    // Both ways as JSON text: own keys such as "__proto__" arrive as own keys, as with Electron's
    // structured clone (Playwright's own argument serializer would drop or reinterpret them, hiding
    // exactly the payloads the router must refuse), and a 1,000-account answer crosses in about the
    // time Electron's IPC takes, not the much longer time Playwright's object serializer needs.
    invoke: async (channel, input) =>
      JSON.parse(await window.__tesseraHarnessInvoke(channel, input === undefined ? undefined : JSON.stringify(input))) as Result<unknown>,
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
