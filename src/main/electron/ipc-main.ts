/**
 * Binds the router to Electron's ipcMain, and main-process events to the window. The only file
 * of the main process that touches ipcMain.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { EVENT_CHANNELS } from '../../shared/channels';
import type { EventHub } from '../ipc/events';
import type { Router, Sender } from '../ipc/router';

export function bindIpc(router: Router, events: EventHub, getWindow: () => BrowserWindow | null): () => void {
  for (const channel of router.channels) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => router.dispatch(channel, input, senderOf(event, getWindow())));
  }
  const detach = events.attach((event, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNELS[event], payload);
  });
  return () => {
    detach();
    for (const channel of router.channels) ipcMain.removeHandler(channel);
  };
}

function senderOf(event: IpcMainInvokeEvent, win: BrowserWindow | null): Sender {
  const frame = event.senderFrame;
  const isOurWindow = win !== null && !win.isDestroyed() && event.sender.id === win.webContents.id;
  return {
    isMainFrame: isOurWindow && frame !== null && frame === event.sender.mainFrame,
    url: frame?.url ?? '',
  };
}
