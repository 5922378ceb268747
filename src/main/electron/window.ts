/**
 * Creates the main window and applies the rules of security/window-policy.ts to it.
 */
import { BrowserWindow, session, shell, type BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL, externalLinkDecision, isAllowedNavigation, isPermissionGranted, windowOptions } from '../security/window-policy';

export function createMainWindow(opts: { preloadPath: string; dev: boolean; devServerUrl?: string }): BrowserWindow {
  const options: BrowserWindowConstructorOptions = windowOptions({ preloadPath: opts.preloadPath, dev: opts.dev });
  // The security preferences are repeated as literals so that static audits (electronegativity) can
  // see them; window-policy.test.ts checks that windowOptions() says the same.
  const win = new BrowserWindow({
    ...options,
    webPreferences: {
      ...options.webPreferences,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  const appOrigins = opts.devServerUrl ? [new URL(opts.devServerUrl).origin] : ['app://tessera'];

  win.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appOrigins)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appOrigins)) event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Only links that pass the link rule leave for the system browser. electronegativity: OPEN_EXTERNAL_JS_CHECK.
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

/**
 * Tessera's page gets no web permission (clipboard read, camera, devices, …): requests, checks and
 * device permissions all answer with the one rule of window-policy.ts (isPermissionGranted).
 */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(isPermissionGranted(permission)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  session.defaultSession.setDevicePermissionHandler(({ deviceType }) => isPermissionGranted(deviceType));
}
