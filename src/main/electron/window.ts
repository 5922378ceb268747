/**
 * Creates the main window and applies the rules of security/window-policy.ts to it.
 */
import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, externalLinkDecision, isAllowedNavigation, windowOptions } from '../security/window-policy';

export function createMainWindow(opts: { preloadPath: string; dev: boolean; devServerUrl?: string }): BrowserWindow {
  const options: BrowserWindowConstructorOptions = windowOptions({ preloadPath: opts.preloadPath, dev: opts.dev });
  const win = new BrowserWindow(options);
  const appOrigins = opts.devServerUrl ? [new URL(opts.devServerUrl).origin] : ['app://tessera'];

  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appOrigins)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appOrigins)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    const decision = externalLinkDecision(url);
    if (decision.open) void shell.openExternal(decision.url);
    return { action: 'deny' };
  });
  if (!opts.dev) {
    win.webContents.on('devtools-opened', () => win.webContents.closeDevTools());
  }
  win.once('ready-to-show', () => win.show());

  void win.loadURL(opts.devServerUrl ?? APP_ENTRY_URL);
  return win;
}

/** Tessera asks for no permission (camera, notifications through the web API, …): deny all. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}
