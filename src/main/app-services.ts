/**
 * Builds every service and the IPC router from the outside world it is given: a data folder, a
 * keychain, a metadata file factory and the desktop ports. Wiring only: the providers come from
 * their registry (src/main/providers/registry.ts), the IPC handlers from src/main/ipc/handlers/,
 * one file per domain. The Electron composition root (src/main/index.ts) and the end-to-end
 * harness (e2e/harness/main-host.ts) both call this, so tests run the app's real services and the
 * real router, with only Electron's parts swapped.
 */
import { resolveLocale, type LocaleInfo } from '../shared/i18n/locales';
import { createTranslate } from '../shared/i18n/all-catalogues';
import { PROVIDER_NAMES, type AccountSummary, type AppInfo, type ProviderId, type VaultStatus } from '../shared/types';
import { AccountsService } from './accounts/accounts-service';
import { Avatars, type AvatarOptions } from './avatars/avatars';
import { ClipboardGuard } from './clipboard/clipboard-guard';
import { makeClipboardCopy, type ClipboardCopy } from './clipboard/copy';
import { CredentialService } from './credentials/credential-service';
import type { DesktopPorts } from './desktop/ports';
import { EventHub } from './ipc/events';
import { accountHandlers } from './ipc/handlers/accounts';
import { agentHandlers, grantViews, type GrantsHolder } from './ipc/handlers/agent';
import { appHandlers } from './ipc/handlers/app';
import { WindowApprover } from './agent/window-approver';
import { cleverCloudHandlers } from './ipc/handlers/clever-cloud';
import { cleverServiceTokensHandlers } from './ipc/handlers/clever-service-tokens';
import { saasusHandlers } from './ipc/handlers/saasus';
import { createRouter, makeSenderCheck, type Router } from './ipc/router';
import { LoginRegistry } from './logins/login-registry';
import { Notices } from './notices/notices';
import type { CleverCloudAccounts, CleverCloudOptions } from './providers/clever-cloud/clever-cloud-accounts';
import { createProviders, type Providers } from './providers/registry';
import type { SaasusApiConfig } from './providers/saasus/api';
import type { SaasusAccounts } from './providers/saasus/saasus-accounts';
import { makeLimiter, makeRefreshQueue, REFRESH_CONCURRENCY, type RefreshAllSummary, type RefreshQueue } from './refresh/refresh-all';
import { RefreshScheduler } from './refresh/refresh-scheduler';
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
  /**
   * The system's preferred languages, most preferred first (Electron: `app.getPreferredSystemLanguages()`
   * then `app.getLocale()`; the harness: what a test chose). None means English.
   */
  readonly systemLanguages?: () => readonly string[];
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
  /** Every provider's module, by id. */
  readonly providers: Providers;
  /** The SaaSus and Clever Cloud services behind their modules. */
  readonly saasus: SaasusAccounts;
  readonly cleverCloud: CleverCloudAccounts;
  /** A fresh credential of an account, for whichever consumer (the clipboard copy, a command line). */
  readonly credentials: CredentialService;
  readonly scheduler: RefreshScheduler;
  /** Background refreshes (the scheduler's and "Refresh all"), a few at a time. */
  readonly refreshes: RefreshQueue;
  readonly clipboard: ClipboardGuard;
  /** "Copy" (the window's buttons, the tray): a fresh credential onto the clipboard. */
  readonly copies: ClipboardCopy;
  readonly notices: Notices;
  /** The language the window, tray, notifications, dialogs and the loopback page speak now. */
  locale(): LocaleInfo;
  readonly router: Router;
  /** The app agent's Approver: its questions go to the window (src/main/agent/window-approver.ts). */
  readonly approver: WindowApprover;
  /** The app agent's grants, once it serves (src/main/agent/app-agent.ts sets and clears it). */
  readonly grants: GrantsHolder;
  /** Tells the window the grants changed. */
  grantsChanged(): void;
  /** Work that may touch the keychain; run after the window shows, never before the first list. */
  start(): Promise<void>;
  /** The tray's "Refresh all": every refreshable account through the refresh queue; never throws. */
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
  const locale = (): LocaleInfo => resolveLocale(accounts.settings().language, opts.systemLanguages?.() ?? []);
  const bindings = new Bindings({ secrets, metadata });
  const logins = new LoginRegistry(events);
  const providers = createProviders(
    { accounts, metadata, secrets, bindings, logins, browser: opts.desktop.browser, events, clock, loginTimeoutMs: opts.loginTimeoutMs, locale: () => locale().locale },
    { saasus: { api: opts.saasusApi }, cleverCloud: opts.cleverCloud },
  );
  // The list tells two accounts of one person apart by what their provider knows (AccountScope).
  accounts.setScope((record) => providers.get(record.provider).scope(record));
  // An account rebuilt from the keychain has no name yet: it reads "Recovered Clever Cloud account" in the current language.
  const placeholder = (provider: ProviderId): Pick<AccountSummary, 'displayName' | 'subtitle'> => {
    const t = createTranslate(locale().locale);
    return { displayName: t('account.recoveredName', { provider: PROVIDER_NAMES[provider] }), subtitle: t('account.recoveredSubtitle') };
  };
  accounts.setPlaceholders(placeholder);
  // Every refresh Tessera starts on its own waits for one of a few slots (see refresh-all.ts).
  const refreshes = makeRefreshQueue({
    limiter: makeLimiter(opts.refreshConcurrency ?? REFRESH_CONCURRENCY),
    refresh: (id) => providers.refresh(id),
    expiresAt: (id) => metadata.findAccount(id)?.expiresAt,
  });
  // One scheduler refreshes every refreshable account before it expires (see refresh-scheduler.ts).
  const scheduler = new RefreshScheduler({
    clock,
    accounts: () => accounts.list().map((a) => ({ id: a.id, expiresAt: a.expiresAt, status: a.status, refreshable: providers.refreshable(a.provider) })),
    refresh: (id) => refreshes.refresh(id),
  });
  // Settings → Language switches the window (localeChanged) only when the effective language changes.
  let lastLocale = locale();
  events.attach((event) => {
    if (event !== 'settingsChanged') return;
    const next = locale();
    if (next.locale === lastLocale.locale && next.system === lastLocale.system) return;
    lastLocale = next;
    events.emit('localeChanged', next);
  });
  const notices = new Notices({ notifier: opts.desktop.notifier, settings: () => accounts.settings(), locale: () => locale().locale, now });
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
  const credentials = new CredentialService({ providers });
  const copies = makeClipboardCopy({ credentials, guard, leadMs: () => accounts.settings().refreshLeadSeconds * 1000 });
  const avatars = new Avatars({ httpOrigins: plainHttpOrigins(opts.cleverCloud?.baseUrl), now, ...opts.avatars });

  const approver = new WindowApprover({ events });
  const grants: GrantsHolder = { current: null };
  const accountName = (id: string): string | undefined => {
    const account = metadata.findAccount(id);
    const named = account && (account.displayName === '' ? placeholder(account.provider) : account);
    return named ? `${named.displayName} (${named.subtitle})` : undefined;
  };
  const grantsChanged = (): void => events.emit('grantsChanged', grantViews(grants.current, accountName));
  const router = createRouter(
    {
      ...agentHandlers({ approver, grants, accountName }),
      ...appHandlers({ info: opts.info, locale, secrets, vaultStatus: () => vaultStatus, accounts, browser: opts.desktop.browser }),
      ...accountHandlers({ accounts, providers, avatars, copies, logins }),
      ...saasusHandlers({ saasus: providers.modules.saasus.entryPoints, guard, now }),
      ...cleverCloudHandlers({ cleverCloud: providers.modules['clever-cloud'].entryPoints, guard }),
      ...cleverServiceTokensHandlers({ serviceTokens: providers.modules['clever-cloud'].entryPoints.serviceTokens, guard }),
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
    providers,
    saasus: providers.modules.saasus.service,
    cleverCloud: providers.modules['clever-cloud'].service,
    credentials,
    scheduler,
    refreshes,
    clipboard: guard,
    copies,
    notices,
    locale,
    router,
    approver,
    grants,
    grantsChanged,
    start: async () => {
      await accounts.recoverIfNeeded().catch(() => undefined);
      // The bindings' key (and, on the first run of this version, the upgrade step), then every
      // account whose route was changed outside Tessera reads "needs login" before the scheduler
      // looks at it. A locked keychain leaves this to the first call that needs the key.
      await bindings
        .ready()
        .then(() => accounts.setStatuses(providers.all().flatMap((p) => p.reviewAccounts())))
        .catch(() => undefined);
      scheduler.start();
      notices.review(accounts.list());
      // The providers' own background work (Clever Cloud: revocations a previous run left).
      for (const provider of providers.all()) await provider.start?.();
    },
    refreshAll: (onProgress) =>
      refreshes.refreshAll(
        accounts.list().filter((a) => providers.refreshable(a.provider)).map((a) => a.id),
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
