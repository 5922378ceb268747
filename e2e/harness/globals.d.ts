// `window.tessera` as tests see it in the page: the type the contract derives (the renderer
// declares the same in src/renderer/src/env.d.ts for its own program).
import type { TesseraApi } from '../../src/shared/contract';

declare global {
  interface Window {
    readonly tessera: TesseraApi;
  }
}
