/**
 * Plain data both processes agree on. Nothing here is a secret: these values may be shown,
 * logged and stored in electron-store.
 */
import type { ErrorCode, ErrorInfo } from './errors';

export const PROVIDERS = ['clever-cloud', 'saasus'] as const;
export type ProviderId = (typeof PROVIDERS)[number];

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  'clever-cloud': 'Clever Cloud',
  saasus: 'SaaSus',
};

/**
 * What main knows about an account's credentials. `ok` means "as far as we know, usable": the
 * renderer derives fresh / expiring / expired from `expiresAt` and the clock (see tokenState).
 */
export type AccountStatus = 'ok' | 'failed' | 'needs-login' | 'recovered';

export interface AccountSummary {
  readonly id: string;
  readonly provider: ProviderId;
  readonly displayName: string;
  /** Usually the e-mail address. */
  readonly subtitle: string;
  readonly avatarUrl: string | null;
  /** Epoch ms when the credentials stop working, when known. */
  readonly expiresAt: number | null;
  readonly status: AccountStatus;
  /** Why the status is not `ok`, written for the user. */
  readonly statusMessage: string | null;
  readonly updatedAt: number;
}

export interface AccountFact {
  readonly label: string;
  readonly value: string;
}

export interface AccountDetail extends AccountSummary {
  /**
   * The avatar as a `data:` URL fetched and checked by main (src/main/avatars/avatars.ts); null when
   * there is none or it could not be used. The window never loads `avatarUrl` itself.
   */
  readonly avatar: string | null;
  readonly createdAt: number;
  /** Provider-specific, non-secret facts shown in the detail pane. */
  readonly facts: readonly AccountFact[];
  /** What the account may do, when the provider has told us. */
  readonly provided: CleverCloudDetail | SaasusDetail | null;
}

/** One Clever Cloud right, and whether this token has it. */
export interface RightInfo {
  readonly name: string;
  readonly description: string;
  readonly granted: boolean;
}

export interface CleverCloudDetail {
  readonly kind: 'clever-cloud';
  readonly userId: string;
  readonly consumerName: string | null;
  readonly rights: readonly RightInfo[];
  readonly tokenCreatedAt: number | null;
  readonly lastUsedAt: number | null;
}

export interface SaasusRole {
  readonly roleName: string;
  readonly displayName: string;
}

export interface SaasusEnv {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly SaasusRole[];
}

export interface SaasusTenant {
  readonly id: string;
  readonly name: string;
  readonly planId: string | null;
  readonly envs: readonly SaasusEnv[];
}

export interface SaasusDetail {
  readonly kind: 'saasus';
  readonly connectionId: string;
  readonly connectionName: string;
  readonly userId: string;
  readonly tenants: readonly SaasusTenant[];
  /** Decoded claims of the ID token (display only; not a secret). */
  readonly claims: readonly AccountFact[];
  readonly idTokenExpiresAt: number | null;
  readonly accessTokenExpiresAt: number | null;
  /** Estimated: SaaSus does not tell; refresh tokens live about 30 days from issue. */
  readonly refreshTokenExpiresAt: number | null;
}

/** A SaaS Tessera can log users into. The secret key lives in the keychain, never here. */
export interface SaasusConnection {
  readonly id: string;
  readonly name: string;
  readonly saasId: string;
  readonly apiKey: string;
  readonly apiBaseUrl: string;
  readonly loginUrl: string;
  /** The loopback port Tessera listens on for the login callback. */
  readonly callbackPort: number;
  /**
   * `changed-outside`: what decides where its secret key signs for (SaaS ID, API key, the hosts of
   * its URLs) was changed outside Tessera; nothing is sent until the secret key is entered again.
   */
  readonly status: BindingStatus;
  /** Why the status is not `ok`, written for the user. */
  readonly statusMessage: string | null;
}

/** Whether a connection or consumer is as Tessera saved it (src/main/vault/bindings.ts). */
export type BindingStatus = 'ok' | 'changed-outside';

export interface VaultStatus {
  readonly available: boolean;
  /** Shown in the banner when the keychain cannot be used. */
  readonly message: string | null;
}

export interface Settings {
  /** How long before expiry an account is shown as "expiring". */
  readonly expiryWarningDays: number;
  /** Seconds before a copied secret is cleared from the clipboard; 0 = never. */
  readonly clipboardClearSeconds: number;
  /** A copy refreshes first when the token expires within this many seconds. */
  readonly refreshLeadSeconds: number;
  readonly notifyRefreshFailures: boolean;
  readonly notifyExpiries: boolean;
  /** Closing the window keeps Tessera in the system tray. */
  readonly closeToTray: boolean;
  readonly startAtLogin: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  expiryWarningDays: 14,
  clipboardClearSeconds: 30,
  refreshLeadSeconds: 60,
  notifyRefreshFailures: true,
  notifyExpiries: true,
  closeToTray: true,
  startAtLogin: false,
};

/** What each provider can copy. Main produces the value and writes the clipboard itself. */
export const COPY_KINDS = {
  'clever-cloud': [
    { kind: 'authorization-header', label: 'Authorization header' },
    { kind: 'env-lines', label: 'CLEVER_TOKEN / CLEVER_SECRET lines' },
    { kind: 'clever-tools-profile', label: 'clever-tools profile' },
  ],
  saasus: [
    { kind: 'access-token', label: 'Access token' },
    { kind: 'id-token', label: 'ID token' },
    { kind: 'authorization-header', label: 'Authorization header' },
  ],
} as const satisfies Record<ProviderId, readonly { kind: string; label: string }[]>;
export type CopyKind = (typeof COPY_KINDS)[ProviderId][number]['kind'];
export const ALL_COPY_KINDS = ['authorization-header', 'env-lines', 'clever-tools-profile', 'access-token', 'id-token'] as const satisfies readonly CopyKind[];

/** What a copy did: never the value. */
export interface CopyResult {
  readonly what: string;
  /** When the copied credential stops working, when known. */
  readonly validUntil: number | null;
  /** When Tessera clears the clipboard; null when it never does. */
  readonly clearsAt: number | null;
}

/** What Tessera holds on the clipboard right now, for the countdown. */
export interface ClipboardHold {
  readonly what: string;
  readonly clearsAt: number | null;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  /** True when running against the bundled emulators (`npm run demo`). */
  readonly demo: boolean;
}

/** A user's own Clever Cloud OAuth consumer. The secret lives in the keychain, never here. */
export interface CleverCloudConsumer {
  readonly id: string;
  readonly name: string;
  readonly key: string;
  /** The fixed loopback port of the callback (it must lie on the consumer's base URL domain). */
  readonly callbackPort: number;
  /** `changed-outside`: its key was changed outside Tessera; nothing is signed until the secret is entered again. */
  readonly status: BindingStatus;
  readonly statusMessage: string | null;
}

/** What an import did: the accounts it added or updated, and the profiles it could not use. */
export interface ImportResult {
  readonly imported: readonly AccountSummary[];
  /** Each with the typed code of its error, so the window can tell "expired" from "unreachable". */
  readonly failed: readonly { readonly alias: string; readonly code: ErrorCode; readonly message: string }[];
}

/** "Test connection": what SaaSus has registered as the SaaS's callback, against Tessera's. */
export interface SaasusConnectionTest {
  readonly callbackUrl: string;
  readonly callbackIsLoopback: boolean;
  readonly matchesTessera: boolean;
  readonly expectedCallbackUrl: string;
}

/** A code handed to a browser or the clipboard, and when it stops working. */
export interface HandOffResult {
  readonly expiresAt: number;
}

/**
 * A replaced Clever Cloud token (a new login or import of the same user and consumer replaced it)
 * that Tessera could not revoke yet and keeps retrying. Never the token: what it was for and how
 * the revocation went.
 */
export interface PendingRevocation {
  readonly id: string;
  /** The account whose token it was; it may have been removed since (or be unknown: null). */
  readonly accountId: string | null;
  /** When the token was replaced. */
  readonly since: number;
  readonly attempts: number;
  /** Why the last attempt failed. */
  readonly lastError: ErrorInfo | null;
  /** When Tessera tries again on its own; null when no retry is planned yet. */
  readonly nextAttemptAt: number | null;
}

/** What "Retry now" did. */
export interface RevocationRetryResult {
  /** Tokens revoked by this retry (or found already dead at Clever Cloud). */
  readonly revoked: number;
  /** What is still waiting, with why. */
  readonly pending: readonly PendingRevocation[];
}

/** A step of a login in progress, pushed to the renderer as it happens. */
export interface LoginProgress {
  readonly loginId: string;
  readonly phase: 'opening-browser' | 'waiting' | 'exchanging' | 'saving' | 'done' | 'failed' | 'cancelled';
  readonly message: string;
  /** When the wait gives up (epoch ms), for a visible countdown. */
  readonly timeoutAt: number | null;
}

export type TokenState = 'fresh' | 'expiring' | 'expired' | 'failed' | 'needs-login' | 'unknown';

/**
 * Tokens that refresh themselves (SaaSus: one-hour tokens, refreshed before they expire) are
 * "expiring" only in their last minutes; the user's warning window is for tokens that need them
 * (Clever Cloud's OAuth 1.0a tokens, which only a new login renews).
 */
export const REFRESHABLE_WARN_MS = 5 * 60 * 1000;

/** Whether a provider's tokens can be refreshed (main's provider modules agree: src/main/providers/registry.test.ts). */
export const REFRESHABLE: Readonly<Record<ProviderId, boolean>> = { 'clever-cloud': false, saasus: true };

export function isRefreshable(provider: ProviderId): boolean {
  return REFRESHABLE[provider];
}

/** The state a user sees, derived from what main stores and the current time. */
export function tokenState(account: Pick<AccountSummary, 'provider' | 'status' | 'expiresAt'>, now: number, warnMs: number): TokenState {
  if (account.status === 'failed') return 'failed';
  if (account.status === 'needs-login') return 'needs-login';
  if (account.expiresAt === null) return account.status === 'recovered' ? 'unknown' : 'fresh';
  if (account.expiresAt <= now) return 'expired';
  const window = isRefreshable(account.provider) ? Math.min(warnMs, REFRESHABLE_WARN_MS) : warnMs;
  if (account.expiresAt - now <= window) return 'expiring';
  return 'fresh';
}
