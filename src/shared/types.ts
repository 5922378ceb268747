/**
 * Plain data both processes agree on. Nothing here is a secret: these values may be shown,
 * logged and stored in electron-store. The shapes something parses are schemas in
 * src/shared/model.ts, re-exported here; this file keeps the ones only main produces.
 */
import type { LoginPhase, LoginStep } from './login-steps';
import type { ErrorInfo } from './errors';
import type { AccountSummary, CleverCloudRight, ProviderId, SaasusTenant, Settings } from './model';

export type {
  AccountScope,
  AccountStatus,
  AccountSummary,
  BindingStatus,
  CleverCloudConsumer,
  CleverCloudRight,
  ProviderId,
  SaasusConnection,
  SaasusEnv,
  SaasusRole,
  SaasusTenant,
  Settings,
  StatusReason,
} from './model';

export const PROVIDERS = ['clever-cloud', 'saasus'] as const;

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  'clever-cloud': 'Clever Cloud',
  saasus: 'SaaSus',
};

export interface AccountFact {
  readonly label: string;
  readonly value: string;
}

/**
 * A fact a provider adds to the account view, worded by the window: its label is words of the
 * catalogue (`account.fact.<label>`), its value the provider's data (a name, an id) or, as
 * `{ words }`, words too (`account.factValue.<words>`).
 */
export interface DetailFact {
  readonly label: 'saas' | 'userId' | 'consumer' | 'renewal';
  readonly value: string | { readonly words: 'cliConsumer' | 'removedConsumer' | 'cannotRefresh' };
}

export interface AccountDetail extends AccountSummary {
  /**
   * The avatar as a `data:` URL fetched and checked by main (src/main/avatars/avatars.ts); null when
   * there is none or it could not be used. The window never loads `avatarUrl` itself.
   */
  readonly avatar: string | null;
  readonly createdAt: number;
  /** Provider-specific, non-secret facts shown in the detail pane. */
  readonly facts: readonly DetailFact[];
  /** What the account may do, when the provider has told us. */
  readonly provided: CleverCloudDetail | SaasusDetail | null;
}

/** One Clever Cloud right, and whether this token has it. */
export interface RightInfo extends CleverCloudRight {
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

/** The largest value of each numeric setting (the smallest is 0); the schema is in src/shared/model.ts. */
/** The Settings → Language choices: the system's languages, or one of Tessera's (src/shared/i18n/locales.ts). */
export const LANGUAGE_SETTINGS = ['system', 'en', 'ja', 'fr'] as const;

export const SETTING_LIMITS = { expiryWarningDays: 365, clipboardClearSeconds: 600, refreshLeadSeconds: 3600 } as const;

export const DEFAULT_SETTINGS: Settings = {
  expiryWarningDays: 14,
  clipboardClearSeconds: 30,
  refreshLeadSeconds: 60,
  notifyRefreshFailures: true,
  notifyExpiries: true,
  closeToTray: true,
  startAtLogin: false,
  language: 'system',
};

export interface VaultStatus {
  readonly available: boolean;
  /** Shown in the banner when the keychain cannot be used. */
  readonly message: string | null;
}

/** What each provider can copy. Main produces the value and writes the clipboard itself. */
export const COPY_KINDS = {
  'clever-cloud': [
    { kind: 'authorization-header', label: 'Authorization header' },
    { kind: 'env-lines', label: 'CLEVER_TOKEN / CLEVER_SECRET lines' },
    { kind: 'clever-tools-profile', label: 'clever-tools profile' },
    // The newest API token Tessera holds a value for (src/main/providers/clever-cloud/api-tokens/api-token-service.ts).
    { kind: 'api-token', label: 'API token' },
  ],
  saasus: [
    { kind: 'access-token', label: 'Access token' },
    { kind: 'id-token', label: 'ID token' },
    { kind: 'authorization-header', label: 'Authorization header' },
  ],
} as const satisfies Record<ProviderId, readonly { kind: string; label: string }[]>;
/**
 * Kinds a provider also hands out when asked for by name, without a copy button or tray item of
 * their own: clever-tools' configuration in the format of each major (the window's "Copy as
 * clever-tools profile", `tessera token --kind clever-tools-3|clever-tools-4`).
 */
export const NAMED_COPY_KINDS = {
  'clever-cloud': [
    { kind: 'clever-tools-3', label: 'clever-tools 3 configuration' },
    { kind: 'clever-tools-4', label: 'clever-tools 4 profile' },
  ],
  saasus: [],
} as const satisfies Record<ProviderId, readonly { kind: string; label: string }[]>;
export type CopyKind = (typeof COPY_KINDS)[ProviderId][number]['kind'] | (typeof NAMED_COPY_KINDS)['clever-cloud'][number]['kind'];
export const ALL_COPY_KINDS = ['authorization-header', 'env-lines', 'clever-tools-profile', 'api-token', 'access-token', 'id-token', 'clever-tools-3', 'clever-tools-4'] as const satisfies readonly CopyKind[];

/** Every kind a provider hands out: its copy buttons', then those asked for by name. */
export function offeredKinds(provider: ProviderId): readonly { readonly kind: CopyKind; readonly label: string }[] {
  return [...COPY_KINDS[provider], ...NAMED_COPY_KINDS[provider]];
}

/** The dates of an API token Tessera holds (AccountScope's `heldApiTokens`); null: not known. */
export interface HeldApiTokenDates {
  readonly createdAt: number | null;
  readonly expiresAt: number | null;
}

/**
 * The API token a copy hands out at `now`: the newest (by creation) of those Tessera holds that
 * stays valid for `minValidMs` (at its expiry instant it has expired, as at the bridge). One whose
 * expiry is not known counts as valid (main checks the value's own dates when it hands it out).
 * The window and the tray offer "Copy API token" by it; main chooses the value by it
 * (src/main/providers/clever-cloud/api-tokens/api-token-service.ts).
 */
export function apiTokenToHandOut<T extends HeldApiTokenDates>(held: readonly T[], now: number, minValidMs = 0): T | undefined {
  return held
    .filter((h) => h.expiresAt === null || (h.expiresAt > now && h.expiresAt - now >= minValidMs))
    .reduce<T | undefined>((newest, h) => (newest === undefined || (h.createdAt ?? 0) > (newest.createdAt ?? 0) ? h : newest), undefined);
}

/**
 * Whether the credentials card and the tray offer a copy of this kind for this account at `now`.
 * The API token is copied from the values Tessera holds (created through Tessera), so it is
 * offered only while the account holds one that has not expired; every other kind always is.
 */
export function copyOffered(account: Pick<AccountSummary, 'scope'>, kind: CopyKind, now: number): boolean {
  return kind !== 'api-token' || apiTokenToHandOut(account.scope?.heldApiTokens ?? [], now) !== undefined;
}

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
  /** What is held, in words ("Access token"). */
  readonly what: string;
  /** When Tessera clears it; null when it never does (delay 0). */
  readonly clearsAt: number | null;
}

export interface AppInfo {
  readonly version: string;
  readonly platform: string;
  /** True when running against the bundled emulators (`npm run demo`). */
  readonly demo: boolean;
}

/** What an import did: the accounts it added or updated, and the profiles it could not use. */
export interface ImportResult {
  readonly imported: readonly AccountSummary[];
  /**
   * Profiles that could not be imported, each with its error (the typed code, so the window can tell
   * "expired" from "unreachable"; why, in English and as the key of the window's words); never with
   * their token.
   */
  readonly failed: readonly (ErrorInfo & { readonly alias: string })[];
  /** clever-tools 4 profiles imported with overrides: which ones each brought (names, never values). */
  readonly overrides?: readonly { readonly alias: string; readonly accountId: string; readonly names: readonly string[] }[];
  /**
   * A clever-tools file whose imported profiles still hold their token in plaintext: the window may
   * offer to remove them (`removeCleverToolsPlaintext` with this id; main keeps the path and what
   * the file held, src/main/providers/clever-cloud/clever-tools-plaintext.ts).
   */
  readonly plaintext?: { readonly importId: string; readonly path: string; readonly aliases: readonly string[] };
}

/** Which clever-tools the user has, and how Tessera knows (null: it does not, the window asks). */
export interface CleverToolsVersionInfo {
  readonly version: 3 | 4 | null;
  readonly from: 'config-file' | 'clever-version' | null;
}

/** What removing an import's plaintext tokens did: never a secret. */
export interface PlaintextRemovalResult {
  /** The file rewritten (a link's target). */
  readonly path: string;
  /** The copy of the file as it was (mode 0600). */
  readonly backupPath: string;
  /** The profiles whose tokens were removed. */
  readonly removed: readonly string[];
}

/** "Test connection": what SaaSus has registered as the SaaS's callback, against Tessera's. */
export interface SaasusConnectionTest {
  readonly callbackUrl: string;
  /** http://127.0.0.1, localhost or [::1]: the browser would come back to this machine. */
  readonly callbackIsLoopback: boolean;
  /** Exactly the address Tessera's listener uses (scheme, host, port and path). */
  readonly matchesTessera: boolean;
  /** The callback address Tessera listens on for this connection. */
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
  readonly phase: LoginPhase;
  /** What is happening, as a code the window words (src/shared/login-steps.ts). */
  readonly step: LoginStep;
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

/** A question of Tessera's agent shown in the window (src/main/agent/window-approver.ts): printable text only, never a secret. */
export interface ApprovalRequest {
  /** Chosen by main; the answer names it. */
  readonly id: string;
  /** The question, a line each (who asks, where it runs, which account), in English (the command line's words). */
  readonly lines: readonly string[];
  readonly choices: readonly ('once' | 'session' | 'deny' | 'confirm')[];
  /** The same question as facts, which the window words in its language (the `agent` namespace); printable already. */
  readonly facts?: ApprovalFacts;
}

/** Who asks, for what, and about which accounts: every name made printable by main. */
export interface ApprovalFacts {
  readonly caller: {
    readonly program: string;
    readonly pid: number;
    readonly exe: string | null;
    readonly cwd: string | null;
    readonly commandLine: string | null;
    /** False when only the command said who it is (the system could not confirm it). */
    readonly verified: boolean;
  };
  readonly accounts: readonly { readonly name: string; readonly subtitle: string; readonly provider: ProviderId }[];
  readonly ask:
    | {
        readonly kind: 'hand-out';
        /** One credential of the copy kinds, or every credential as environment variables. */
        readonly credential: CopyKind | 'service-token' | 'environment';
        /** The terminal a "session" answer covers, and for how long after its last use. */
        readonly session: { readonly tty: string; readonly idleMs: number } | null;
      }
    | { readonly kind: 'grant'; readonly forMs: number; readonly cwd: string | null };
}

/** A grant in force (`tessera grant`), as Settings lists it. */
export interface GrantView {
  readonly id: string;
  readonly accountId: string;
  /** The account's name and e-mail, or its id when it is gone. */
  readonly account: string;
  readonly expiresAt: number;
  /** Only callers working here or below; null: any caller. */
  readonly cwd: string | null;
}
