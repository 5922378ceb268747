/**
 * The bridge to main, from one place. main.tsx provides `window.tessera` at the root; components
 * take it from `useTessera()` and hand it to the stores they create, so nothing else reads the
 * global and a test can provide another implementation of TesseraApi (src/shared/contract.ts).
 */
import { createContext, useContext, type JSX } from 'solid-js';
import type { TesseraApi } from '../../shared/contract';

const TesseraContext = createContext<TesseraApi>();

export function TesseraProvider(props: { api: TesseraApi; children: JSX.Element }) {
  return <TesseraContext.Provider value={props.api}>{props.children}</TesseraContext.Provider>;
}

export function useTessera(): TesseraApi {
  const api = useContext(TesseraContext);
  if (!api) throw new Error('useTessera() needs a TesseraProvider above it (main.tsx provides one).');
  return api;
}
