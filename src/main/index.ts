/**
 * The composition root of the main process: single-instance lock, the app:// scheme, the
 * services, the window, and the IPC binding. Everything here is wiring; behaviour lives in
 * services that run (and are tested) without Electron.
 */
import path from 'node:path';
import { app, powerMonitor, type BrowserWindow } from 'electron';
import keytar from 'keytar';
import { createAppServices } from './app-services';
import { parseDemoConfig, seedDemo } from './demo';
import { electronDesktop } from './electron/desktop';
import { bindIpc } from './electron/ipc-main';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { electronStoreFactory } from './electron/store';
import { createMainWindow, denyAllPermissions } from './electron/window';
import { APP_ORIGIN } from './security/window-policy';

const dev = !app.isPackaged && process.env.ELECTRON_RENDERER_URL !== undefined;
const devServerUrl = dev ? process.env.ELECTRON_RENDERER_URL : undefined;
/** `npm run demo`: the bundled emulators, a data folder and keychain service of its own. */
const demo = process.env.TESSERA_DEMO === '1';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });

  // The emulators' URLs in `npm run demo`; the real services otherwise.
  const demoConfig = demo ? parseDemoConfig(process.env.TESSERA_DEMO_CONFIG) : undefined;

  void app.whenReady().then(() => {
    denyAllPermissions();
    serveRenderer(path.join(import.meta.dirname, '../renderer'));
    const services = createAppServices({
      dataDir: process.env.TESSERA_DATA_DIR ?? path.join(app.getPath('userData'), demo ? 'demo' : ''),
      keytar,
      // Tests (e2e/electron.spec.ts) use their own keychain service, never the user's entries.
      keychainService: process.env.TESSERA_KEYCHAIN_SERVICE ?? (demo ? 'Tessera-demo' : undefined),
      storeFactory: electronStoreFactory,
      desktop: electronDesktop(),
      trustedOrigins: devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN],
      info: { version: app.getVersion(), platform: process.platform, demo },
      cleverCloud: demoConfig?.cleverCloud,
    });
    bindIpc(services.router, services.events, () => win);
    // Asleep, nothing refreshes; on wake, whatever fell due runs at once.
    powerMonitor.on('suspend', () => services.scheduler.pause());
    powerMonitor.on('resume', () => services.scheduler.resume());
    // A secret Tessera copied does not outlive it: clear the clipboard (if still ours) before quitting.
    let cleared = false;
    app.on('before-quit', (event) => {
      if (cleared) return;
      event.preventDefault();
      services.scheduler.stop();
      void services.clipboard.clearNow().finally(() => {
        cleared = true;
        app.quit();
      });
    });
    win = createMainWindow({ preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'), dev, devServerUrl });
    win.on('closed', () => (win = null));
    win.once('ready-to-show', () => {
      void services.start().then(async () => {
        if (demoConfig) await seedDemo(demoConfig, services.saasus).catch((e: unknown) => console.error('Demo seeding failed:', e));
      });
    });
  });

  app.on('window-all-closed', () => app.quit());
}
