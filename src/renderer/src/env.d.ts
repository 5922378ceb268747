// `window.tessera` is typed from the IPC contract itself: no hand-written API declaration.
import type { TesseraApi } from '../../shared/contract';

declare global {
  interface Window {
    readonly tessera: TesseraApi;
  }
}
