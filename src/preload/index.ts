/**
 * The sandboxed preload: exposes `window.tessera` and nothing else. It is bundled into one
 * CommonJS file whose only `require` is `electron` (a sandboxed preload can load nothing else).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result } from '../shared/errors';
import { makeTesseraApi } from './bridge';

const api = makeTesseraApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Result<unknown>>,
  subscribe: (channel, listener) => {
    // Only the payload crosses to the page: the IpcRendererEvent (with `sender`) stays here.
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => ipcRenderer.removeListener(channel, wrapped);
  },
});

contextBridge.exposeInMainWorld('tessera', api);
