/**
 * The composition root of the main process: single-instance lock, the app:// scheme, the
 * services, the window, and the IPC binding. Everything here is wiring; behaviour lives in
 * services that run (and are tested) without Electron.
 */
import os from 'node:os';
import path from 'node:path';
import { app, net, powerMonitor, type BrowserWindow } from 'electron';
import { createTray } from './electron/tray';
import { trayModel } from './tray/tray-template';
import keytar from 'keytar';
import { agentLocation } from './agent/agent-paths';
import { startAppAgent } from './agent/app-agent';
import { createAppServices } from './app-services';
import { showApprovalNotice } from './electron/approval-notice';
import { toErrorInfo } from './errors';
import { approvalLines } from '../shared/i18n/approval-words';
import { errorText } from '../shared/i18n/error-text';
import { formatters } from '../shared/i18n/format';
import { createTranslate } from '../shared/i18n/all-catalogues';
import { seedDemo } from './demo';
import { electronDesktop } from './electron/desktop';
import { bindIpc } from './electron/ipc-main';
import { registerAppScheme, serveRenderer } from './electron/protocol';
import { electronStoreFactory } from './electron/store';
import { launchOptions } from './launch-options';
import { createMainWindow, denyAllPermissions } from './electron/window';
import { APP_ORIGIN } from './security/window-policy';

// The environment is read here and only through launchOptions(): a packaged build ignores it.
const launch = launchOptions(process.env, app.isPackaged);
if (launch.ignored.length > 0) console.warn(`Ignored in a packaged Tessera (development only): ${launch.ignored.join(', ')}.`);
const devServerUrl = launch.devServerUrl;
const dev = devServerUrl !== undefined;
/** `npm run demo`: the bundled emulators, a data folder and keychain service of its own. */
const demo = launch.demo;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let win: BrowserWindow | null = null;

  const showWindow = (): void => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  app.on('second-instance', showWindow);

  // The emulators' URLs in `npm run demo`; the real services otherwise.
  const demoConfig = launch.demoConfig;

  void app.whenReady().then(async () => {
    denyAllPermissions();
    serveRenderer(path.join(import.meta.dirname, '../renderer'));
    const desktop = electronDesktop();
    const dataDir = launch.dataDir ?? path.join(app.getPath('userData'), demo ? 'demo' : '');
    // The app serves the `tessera` command (src/main/agent/app-agent.ts), taking over from a
    // headless agent before it opens the metadata file that agent may have been writing.
    const agent = await startAppAgent({
      location: agentLocation({ dataDir, ownDataFolder: launch.dataDir === undefined && !demo, env: process.env, platform: process.platform, user: os.userInfo().username }),
      version: app.getVersion(),
      procRoot: process.platform === 'linux' ? '/proc' : undefined,
      open: () => createAppServices({
        dataDir,
        keytar,
        // Tests (e2e/electron.spec.ts) and the demo use their own keychain service, never the user's entries.
        keychainService: launch.keychainService,
        storeFactory: electronStoreFactory,
        desktop,
        trustedOrigins: devServerUrl ? [new URL(devServerUrl).origin] : [APP_ORIGIN],
        info: { version: app.getVersion(), platform: process.platform, demo },
        // The system's languages, most preferred first (src/shared/i18n/locales.ts picks one).
        systemLanguages: () => [...app.getPreferredSystemLanguages(), app.getLocale()],
        cleverCloud: demoConfig?.cleverCloud,
      }),
    });
    const services = agent.services;
    if (agent.error) console.warn(`Tessera does not serve the tessera command this time: ${agent.error.message}`);
    // A question of the agent while the window is hidden: a notification; a click brings the window forward.
    services.approver.onAsk = (request) => {
      if (win?.isVisible() && !win.isMinimized()) return;
      const { locale } = services.locale();
      showApprovalNotice({ title: createTranslate(locale)('notify.approvalTitle'), lines: request.facts ? approvalLines(request.facts, locale) : request.lines }, showWindow);
    };
    bindIpc(services.router, services.events, () => win);
    // Asleep, nothing refreshes; on wake, whatever fell due runs at once.
    powerMonitor.on('suspend', () => services.scheduler.pause());
    powerMonitor.on('resume', () => services.scheduler.resume());
    // A locked screen ends what the user approved for the command line: grants and session approvals.
    powerMonitor.on('lock-screen', () => agent.lock());
    // Offline, nothing refreshes (every attempt would fail and back off); back online, whatever
    // fell due runs at once. Electron's main process has no online event: poll its cheap check.
    let online = net.isOnline();
    setInterval(() => {
      const now = net.isOnline();
      if (now === online) return;
      online = now;
      if (online) {
        services.scheduler.resume();
        // Replaced Clever Cloud tokens that could not be revoked offline need not wait for their backoff.
        void services.cleverCloud.retired.retryNow().catch(() => undefined);
      } else services.scheduler.pause();
    }, 15_000).unref();
    // Coming expiries are noticed even when nothing else happens.
    setInterval(() => services.notices.review(services.accounts.list()), 3_600_000).unref();
    // A secret Tessera copied does not outlive it: clear the clipboard (if still ours) before quitting.
    let cleared = false;
    app.on('before-quit', (event) => {
      if (cleared) return;
      event.preventDefault();
      services.scheduler.stop();
      // The command is no longer served: every grant revoked, questions waiting refused.
      const agentStopped = agent.stop().catch(() => undefined);
      // Deferred metadata changes (expiry dates after refreshes) reach the disk before quitting; if
      // that fails, the next start only sees older expiries and refreshes early.
      try {
        services.metadata.flush();
      } catch {
        /* nothing secret is lost */
      }
      void Promise.all([services.clipboard.clearNow(), agentStopped]).finally(() => {
        cleared = true;
        app.quit();
      });
    });
    win = createMainWindow({ preloadPath: path.join(import.meta.dirname, '../preload/index.cjs'), dev, devServerUrl });
    win.on('closed', () => (win = null));

    // The tray: rebuilt when accounts or settings change, and each minute for the expiry words.
    let quitting = false;
    const tray = createTray((action) => {
      switch (action.type) {
        case 'copy':
          void services.copies.copy(action.accountId, action.kind).catch((e: unknown) => {
            const { locale } = services.locale();
            desktop.notifier.notify({ title: createTranslate(locale)('notify.copyFailed'), body: errorText(locale, toErrorInfo(e)) });
          });
          break;
        case 'refresh-all':
          // A few at a time (refresh-all.ts); the tray says what did not work, since it has no window.
          void services.refreshAll().then(({ refreshed, needsLogin, failed }) => {
            if (needsLogin + failed === 0) return;
            const { locale } = services.locale();
            const t = createTranslate(locale);
            const fmt = formatters(locale);
            const count = (n: number) => ({ n, count: fmt.number(n) });
            const parts = [t('notify.refreshed', count(refreshed)), ...(needsLogin > 0 ? [t('notify.needLogin', count(needsLogin))] : []), ...(failed > 0 ? [t('notify.failed', count(failed))] : [])];
            desktop.notifier.notify({ title: t('notify.refreshAllTitle'), body: t('notify.refreshAllBody', { parts: fmt.list(parts) }) });
          });
          break;
        case 'open':
          showWindow();
          break;
        case 'quit':
          app.quit();
          break;
      }
    });
    const renderTray = (): void => {
      const settings = services.accounts.settings();
      tray.render(trayModel(services.accounts.list(), Date.now(), settings.expiryWarningDays * 86_400_000, services.locale().locale));
    };
    services.events.attach((event) => {
      if (event === 'accountsChanged' || event === 'settingsChanged') renderTray();
      if (event === 'settingsChanged') app.setLoginItemSettings({ openAtLogin: services.accounts.settings().startAtLogin });
    });
    setInterval(renderTray, 60_000).unref();
    renderTray();
    // Closing the window keeps Tessera in the tray (a setting); quitting closes for real.
    win.on('close', (event) => {
      if (!quitting && services.accounts.settings().closeToTray) {
        event.preventDefault();
        win?.hide();
      }
    });
    app.on('before-quit', () => (quitting = true));
    win.once('ready-to-show', () => {
      void services.start().then(async () => {
        if (demoConfig) await seedDemo(demoConfig, services.saasus.connections).catch((e: unknown) => console.error('Demo seeding failed:', e));
      });
    });
  });

  app.on('window-all-closed', () => app.quit());
}
