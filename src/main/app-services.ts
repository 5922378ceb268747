/**
 * Builds every service and the IPC router from the outside world it is given: a data folder, a
 * keychain, a metadata file factory and the desktop ports. The Electron composition root
 * (src/main/index.ts) and the end-to-end harness (e2e/harness/main-host.ts) both call this, so
 * tests run the app's real services and the real router, with only Electron's parts swapped.
 */
import { isRefreshable, type AccountDetail, type AppInfo, type VaultStatus } from '../shared/types';
import { AccountsService } from './accounts/accounts-service';
import { Avatars, type AvatarOptions } from './avatars/avatars';
import type { DesktopPorts } from './desktop/ports';
import { AppError } from './errors';
import { EventHub } from './ipc/events';
import { createRouter, makeSenderCheck, type Router } from './ipc/router';
import { LoginRegistry } from './logins/login-registry';
import { CleverCloudAccounts, type CleverCloudOptions } from './providers/clever-cloud/clever-cloud-accounts';
import { makeLimiter, makeRefreshQueue, REFRESH_CONCURRENCY, type RefreshAllSummary, type RefreshQueue } from './refresh/refresh-all';
import { RefreshScheduler } from './refresh/refresh-scheduler';
import { ClipboardGuard } from './clipboard/clipboard-guard';
import { CopyService } from './clipboard/copy-service';
import { Notices } from './notices/notices';
import { SaasusAccounts } from './providers/saasus/saasus-accounts';
import type { SaasusApiConfig } from './providers/saasus/api';
import { externalLinkDecision } from './security/window-policy';
import { systemClock, type Clock } from './util/clock';
import { Bindings } from './vault/bindings';
import { MetadataStore, type JsonFileStoreFactory } from './vault/metadata-store';
import { KeytarSecretStore, type KeytarLike } from './vault/secret-store';

export interface AppServicesOptions {
  readonly dataDir: string;
  readonly keytar: KeytarLike;
  /** Keychain service name; tests use their own so they never see the user's entries. */
  readonly keychainService?: string;
  readonly storeFactory: JsonFileStoreFactory;
  readonly desktop: DesktopPorts;
  /** Origins whose main frame may call IPC (app://tessera, the dev server, the harness page). */
  readonly trustedOrigins: readonly string[];
  readonly info: AppInfo;
  /** The time every service reads and waits on (src/main/util/clock.ts); a test's own clock in tests. */
  readonly clock?: Clock;
  /** Test knobs for SaaSus calls. */
  readonly saasusApi?: Pick<SaasusApiConfig, 'fetch' | 'timeoutMs'>;
  readonly loginTimeoutMs?: number;
  /** Base URLs (the emulator in demo and tests) and test knobs for Clever Cloud calls. */
  readonly cleverCloud?: CleverCloudOptions;
  /** How many background refreshes run at once; default {@link REFRESH_CONCURRENCY}. */
  readonly refreshConcurrency?: number;
  /** Test knobs for avatar fetches; http is allowed on the Clever Cloud base URL's origin when it is http (the emulator). */
  readonly avatars?: AvatarOptions;
}

export interface AppServices {
  readonly events: EventHub;
  readonly secrets: KeytarSecretStore;
  readonly metadata: MetadataStore;
  /** The keychain-held key that seals where each secret may go (src/main/vault/bindings.ts). */
  readonly bindings: Bindings;
  readonly accounts: AccountsService;
  readonly logins: LoginRegistry;
  readonly saasus: SaasusAccounts;
  readonly cleverCloud: CleverCloudAccounts;
  readonly scheduler: RefreshScheduler;
  /** Background refreshes (the scheduler's and "Refresh all"), a few at a time. */
  readonly refreshes: RefreshQueue;
  readonly clipboard: ClipboardGuard;
  readonly copies: CopyService;
  readonly notices: Notices;
  readonly router: Router;
  /** Work that may touch the keychain; run after the window shows, never before the first list. */
  start(): Promise<void>;
  /** The tray's "Refresh all": every SaaSus account through the refresh queue; never throws. */
  refreshAll(onProgress?: (settled: number) => void): Promise<RefreshAllSummary>;
}

export function createAppServices(opts: AppServicesOptions): AppServices {
  const clock = opts.clock ?? systemClock;
  const now = clock.now;
  const events = new EventHub();
  let vaultStatus: VaultStatus = { available: true, message: null };
  const secrets = new KeytarSecretStore({
    keytar: opts.keytar,
    service: opts.keychainService,
    onStatus: (available, message) => {
      const cameBack = available && !vaultStatus.available;
      vaultStatus = { available, message };
      events.emit('vaultStatusChanged', vaultStatus);
      // A rebuild, or the clean-up of an interrupted save or removal, that failed because the
      // keychain was locked runs again once it answers.
      const { recoveryPending, journal } = metadata.document;
      if (cameBack && (recoveryPending || journal.saving.length + journal.removing.length > 0)) void accounts.recoverIfNeeded().catch(() => undefined);
    },
  });
  const metadata = MetadataStore.open({ dir: opts.dataDir, factory: opts.storeFactory, now });
  const accounts = new AccountsService({ metadata, secrets, events, now });
  const bindings = new Bindings({ secrets, metadata });
  const logins = new LoginRegistry(events);
  const saasus = new SaasusAccounts({
    accounts,
    metadata,
    secrets,
    logins,
    browser: opts.desktop.browser,
    bindings,
    api: opts.saasusApi,
    now,
    loginTimeoutMs: opts.loginTimeoutMs,
  });
  const cleverCloud = new CleverCloudAccounts({
    accounts,
    metadata,
    secrets,
    logins,
    browser: opts.desktop.browser,
    events,
    bindings,
    options: { loginTimeoutMs: opts.loginTimeoutMs, ...opts.cleverCloud },
    clock,
  });
  // Every refresh Tessera starts on its own waits for one of a few slots (see refresh-all.ts).
  const refreshes = makeRefreshQueue({
    limiter: makeLimiter(opts.refreshConcurrency ?? REFRESH_CONCURRENCY),
    refresh: (id) => saasus.refresh(id),
    expiresAt: (id) => metadata.findAccount(id)?.expiresAt,
  });
  // One scheduler refreshes every refreshable account before it expires (see refresh-scheduler.ts).
  const scheduler = new RefreshScheduler({
    clock,
    accounts: () => accounts.list().map((a) => ({ id: a.id, expiresAt: a.expiresAt, status: a.status, refreshable: isRefreshable(a.provider) })),
    refresh: (id) => refreshes.refresh(id),
  });
  const notices = new Notices({ notifier: opts.desktop.notifier, settings: () => accounts.settings(), now });
  events.attach((event) => {
    if (event !== 'accountsChanged') return;
    scheduler.update();
    notices.review(accounts.list());
  });
  const guard = new ClipboardGuard({
    clipboard: opts.desktop.clipboard,
    clearAfterSeconds: () => accounts.settings().clipboardClearSeconds,
    onChange: (hold) => events.emit('clipboardChanged', hold),
    clock,
  });
  const copies = new CopyService({ accounts, saasus, cleverCloud, guard, leadMs: () => accounts.settings().refreshLeadSeconds * 1000, now });
  const avatars = new Avatars({ httpOrigins: plainHttpOrigins(opts.cleverCloud?.baseUrl), now, ...opts.avatars });
  /**
   * "Remove" and "Log out" are one thing: a Clever Cloud token is revoked at Clever Cloud first
   * (when it cannot be, nothing is removed unless `localOnly`); SaaSus has no endpoint that ends a
   * session, so its tokens are deleted here and the session ends on this device.
   */
  const removeAccount = async (id: string, localOnly: boolean): Promise<void> => {
    if (accounts.record(id).provider === 'clever-cloud') await cleverCloud.logout(id, localOnly);
    else await accounts.remove(id);
  };
  const describe = async (id: string): Promise<AccountDetail> => {
    const record = accounts.record(id);
    const base = accounts.get(id);
    const provided = record.provider === 'saasus' ? saasus.describe(record) : cleverCloud.describe(record);
    return { ...base, ...provided, avatar: await avatars.dataUrl(base.avatarUrl) };
  };

  const router = createRouter(
    {
      getAppInfo: () => opts.info,
      getVaultStatus: async () => {
        // A probe reads no secret; its outcome updates vaultStatus through onStatus.
        await secrets.probe().catch(() => undefined);
        return vaultStatus;
      },
      listAccounts: () => accounts.list(),
      getAccount: ({ id }) => describe(id),
      renameAccount: ({ id, name }) => accounts.rename(id, name),
      removeAccount: async ({ id, localOnly }) => {
        await removeAccount(id, localOnly ?? false);
        return null;
      },
      getSettings: () => accounts.settings(),
      updateSettings: (patch) => accounts.updateSettings(patch),
      openExternal: async ({ url }) => {
        const decision = externalLinkDecision(url);
        if (!decision.open) throw new AppError('invalid_input', decision.reason);
        await opts.desktop.browser.open(decision.url);
        return null;
      },
      cancelLogin: ({ loginId }) => logins.cancel(loginId),
      refreshAccount: ({ id }) => {
        if (accounts.record(id).provider !== 'saasus')
          throw new AppError('invalid_input', 'Clever Cloud tokens (OAuth 1.0a) cannot be refreshed: log in again before they expire.');
        return saasus.refresh(id);
      },
      listSaasusConnections: () => saasus.listConnections(),
      saveSaasusConnection: (input) => saasus.saveConnection(input),
      removeSaasusConnection: async ({ id }) => {
        await saasus.removeConnection(id);
        return null;
      },
      testSaasusConnection: ({ id }) => saasus.testConnection(id),
      loginSaasus: ({ loginId, connectionId }) => saasus.login(loginId, connectionId),
      exchangeSaasusCode: ({ connectionId, code }) => saasus.exchangePastedCode(connectionId, code),
      openSaasusHandOff: ({ id }) => saasus.openInBrowser(id),
      copySaasusHandOff: async ({ id }) => {
        const { code, expiresAt } = await saasus.handOff(id);
        // Through the guard like every copy: concealed, shown in the clipboard status, cleared on
        // quit, and cleared when the code dies (10 s) unless the user copied something else.
        await guard.write(code, 'Hand-off code', { clearAfterMs: expiresAt - now() });
        return { expiresAt };
      },
      logoutAccount: async ({ id, localOnly }) => {
        await removeAccount(id, localOnly ?? false);
        return null;
      },
      loginCleverCloud: ({ loginId }) => cleverCloud.loginWithConsole(loginId),
      loginCleverCloudConsumer: ({ loginId, consumerId }) => cleverCloud.loginWithOwnConsumer(loginId, consumerId),
      listCleverCloudConsumers: () => cleverCloud.listConsumers(),
      saveCleverCloudConsumer: (input) => cleverCloud.saveConsumer(input),
      removeCleverCloudConsumer: async ({ id }) => {
        await cleverCloud.removeConsumer(id);
        return null;
      },
      importCleverTools: ({ path }) => cleverCloud.importCleverTools(path || undefined),
      importCleverCloudEnvironment: () => cleverCloud.importEnvironment(),
      importCleverCloudToken: ({ token, secret, consumerId }) => cleverCloud.importPasted(token, secret, consumerId),
      copyCredential: ({ id, kind }) => copies.copy(id, kind),
      listPendingRevocations: () => cleverCloud.retired.list(),
      retryRevocations: () => cleverCloud.retired.retryNow(),
    },
    { isTrustedSender: makeSenderCheck(opts.trustedOrigins) },
  );

  return {
    events,
    secrets,
    metadata,
    bindings,
    accounts,
    logins,
    saasus,
    cleverCloud,
    scheduler,
    refreshes,
    clipboard: guard,
    copies,
    notices,
    router,
    start: async () => {
      await accounts.recoverIfNeeded().catch(() => undefined);
      // The bindings' key (and, on the first run of this version, the upgrade step), then every
      // account whose route was changed outside Tessera reads "needs login" before the scheduler
      // looks at it. A locked keychain leaves this to the first call that needs the key.
      await bindings
        .ready()
        .then(() => accounts.setStatuses([...saasus.reviewAccounts(), ...cleverCloud.reviewAccounts()]))
        .catch(() => undefined);
      scheduler.start();
      notices.review(accounts.list());
      // Replaced Clever Cloud tokens a previous run could not revoke (then retried with a backoff).
      await cleverCloud.retired.start();
    },
    refreshAll: (onProgress) =>
      refreshes.refreshAll(
        accounts.list().filter((a) => isRefreshable(a.provider)).map((a) => a.id),
        onProgress,
      ),
  };
}

/** The origin of a provider base URL that is plain http (the emulators in the demo and tests); none for https. */
function plainHttpOrigins(baseUrl: string | undefined): string[] {
  if (!baseUrl) return [];
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'http:' ? [url.origin] : [];
  } catch {
    return [];
  }
}
