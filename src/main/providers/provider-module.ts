/**
 * What the rest of main needs of a provider, whatever it is: one object per provider (the
 * `module.ts` of its folder), found by provider id in the registry (registry.ts). Code outside the
 * provider folders asks an account's module and never switches on a provider id, so a third
 * provider, or a new credential type of one, is a folder and a registry line (plus its rows in the
 * tables the window also reads: PROVIDERS, PROVIDER_NAMES, COPY_KINDS and REFRESHABLE in
 * src/shared/types.ts).
 */
import type { Locale } from '../../shared/i18n/locales';
import type { AccountDetail, AccountScope, AccountSummary, CopyKind, ProviderId } from '../../shared/types';
import type { AccountsService, StatusChange } from '../accounts/accounts-service';
import type { ExternalBrowser } from '../desktop/ports';
import { AppError } from '../errors';
import type { EventSink } from '../ipc/events';
import type { LoginRegistry } from '../logins/login-registry';
import type { Clock } from '../util/clock';
import type { Bindings } from '../vault/bindings';
import type { AccountRecord } from '../vault/metadata-schema';
import type { MetadataStore } from '../vault/metadata-store';
import type { SecretStore } from '../vault/secret-store';

/** What every provider module is built from: the stores, the desktop's browser, the app's events. */
export interface ProviderContext {
  readonly accounts: AccountsService;
  readonly metadata: MetadataStore;
  readonly secrets: SecretStore;
  readonly bindings: Bindings;
  readonly logins: LoginRegistry;
  readonly browser: ExternalBrowser;
  readonly events: EventSink;
  /** The app's clock (src/main/util/clock.ts): stored dates, timers, and the time in each signature. */
  readonly clock: Clock;
  readonly loginTimeoutMs?: number;
  /** The app's language (pages the browser shows on a loopback callback); English when not given. */
  readonly locale?: () => Locale;
}

/** A kind of credential a provider hands out, and how the window and the tray name it. */
export interface CredentialKind {
  readonly kind: CopyKind;
  readonly label: string;
}

/** A credential's value (a secret: never logged, never sent to the window) and until when it works. */
export interface CredentialValue {
  readonly value: string;
  /** Epoch ms; null when the provider does not say. */
  readonly validUntil: number | null;
}

export interface CredentialRequest {
  /**
   * How long the value must still work: a provider that can refresh does so first when its token
   * would expire sooner; one that cannot hands it out until it has expired, then refuses with
   * `needs_login` (its `validUntil` tells the caller how long it has).
   */
  readonly minValidMs: number;
  /** Clever Cloud `api-token` only: the newest held API token of this name rather than the newest of all. */
  readonly name?: string;
}

export interface ProviderModule<EntryPoints = unknown, Id extends ProviderId = ProviderId> {
  readonly id: Id;
  /** The credentials it offers, in the order the window and the tray show them. */
  readonly credentialKinds: readonly CredentialKind[];
  /** The facts and provider detail of one of its accounts: from the metadata, no secret, no network. */
  describe(record: AccountRecord): Pick<AccountDetail, 'facts' | 'provided'>;
  /** What tells this account apart in the list (AccountScope): from the metadata, no secret; undefined when its data does not parse. */
  scope(record: AccountRecord): AccountScope | undefined;
  /** A credential of one of its `credentialKinds` (another kind: `invalid_input`); see CredentialRequest. */
  credential(accountId: string, kind: CopyKind, request: CredentialRequest): Promise<CredentialValue>;
  /**
   * Present when its tokens can be refreshed; absent when only a new login renews them. It is also
   * what the scheduler needs: an account whose module refreshes is refreshed before it expires
   * (src/main/refresh/refresh-scheduler.ts), the others only warned about (src/main/notices).
   */
  readonly refresh?: (accountId: string) => Promise<AccountSummary>;
  /**
   * "Remove" and "Log out", which are one thing: the provider revokes what it can first (unless
   * `localOnly`; when it cannot, nothing is removed), then the account leaves Tessera.
   */
  remove(accountId: string, options: { readonly localOnly: boolean }): Promise<void>;
  /** Status changes for accounts whose seals broke or mended (src/main/vault/bindings.ts); after bindings.ready(). */
  reviewAccounts(): readonly StatusChange[];
  /** Background work of its own, begun by AppServices.start after the first list. */
  start?(): Promise<void>;
  /** Its logins, imports and configuration, for the IPC handlers of its domain (src/main/ipc/handlers/<id>.ts). */
  readonly entryPoints: EntryPoints;
}

/**
 * The producer of one of a provider's kinds, from a table with one producer per kind it offers
 * (the table's type makes a new kind without a producer a compile error); `invalid_input` for a
 * kind it does not offer.
 */
export function producerOf<K extends CopyKind, P>(producers: Readonly<Record<K, P>>, kind: CopyKind): P {
  if (!Object.hasOwn(producers, kind)) throw new AppError('invalid_input', 'This account has no credential of that kind.', { key: 'account.noSuchCredential' });
  return producers[kind as K];
}
