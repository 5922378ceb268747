/**
 * Tessera's shapes, each written once as a valibot schema, with its type inferred from it. The IPC
 * contract (src/shared/contract.ts) parses what the window sends with them; the metadata file's
 * schema (src/main/vault/metadata-schema.ts) builds its records from them; src/shared/types.ts
 * re-exports the types beside the shapes nothing parses. A schema and its type share a name
 * (`Settings` is both), so `v.partial(Settings)` and `settings: Settings` read alike.
 *
 * The renderer imports only types from here, so valibot stays out of its bundle: the constants it
 * needs (PROVIDERS, DEFAULT_SETTINGS, SETTING_LIMITS) are plain data in src/shared/types.ts. (The
 * bundler keeps a spread or a property read of a schema even when nothing uses the result.)
 */
import * as v from 'valibot';
import { ERROR_CODES } from './errors';
import { LANGUAGE_SETTINGS, PROVIDERS, SETTING_LIMITS } from './types';

/** The parsed value as the app passes it around: read-only all the way down. */
type Frozen<T> = T extends readonly (infer U)[] ? readonly Frozen<U>[] : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;
/** The type of what a schema accepts, read-only. */
export type ModelOf<S extends v.GenericSchema> = Frozen<v.InferOutput<S>>;

// ---- Identifiers --------------------------------------------------------------------------------

export const ProviderId = v.picklist(PROVIDERS);
export type ProviderId = v.InferOutput<typeof ProviderId>;

export const MAX_ID_LENGTH = 128;
/**
 * Names an account, a SaaS connection, a consumer or a replaced token. Ids are part of keychain
 * entry names (`account/<provider>/<id>/<field>`, src/main/vault/secret-store.ts), hence the
 * small alphabet.
 */
export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH), v.regex(/^[A-Za-z0-9_-]+$/));

/** An instant, in epoch milliseconds. */
export const Millis = v.pipe(v.number(), v.integer(), v.minValue(0));

/** A TCP port as stored; what a user may choose is narrower (UserPort). */
export const TcpPort = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535));

// ---- Accounts -----------------------------------------------------------------------------------

/**
 * What main knows about an account's credentials. `ok` means "as far as we know, usable": the
 * renderer derives fresh / expiring / expired from `expiresAt` and the clock (see tokenState in
 * src/shared/types.ts).
 */
export const AccountStatus = v.picklist(['ok', 'failed', 'needs-login', 'recovered']);
export type AccountStatus = v.InferOutput<typeof AccountStatus>;

/**
 * What tells two accounts of one person apart in the list, and how long a session that renews
 * itself lasts. Derived by the account's provider from its metadata when the list is sent
 * (src/main/providers/provider-module.ts, `scope`); never stored, never a secret.
 */
export const AccountScope = v.object({
  /** Clever Cloud: the consumer the token was issued to. SaaSus: the SaaS (connection) name. */
  via: v.nullable(v.string()),
  /** Clever Cloud: how many of the rights a consumer may ask for this token holds; null when not known. */
  rights: v.nullable(v.object({ granted: v.pipe(v.number(), v.integer(), v.minValue(0)), total: v.pipe(v.number(), v.integer(), v.minValue(0)) })),
  /** SaaSus: the tenants the user belongs to, by name. */
  tenants: v.array(v.string()),
  /**
   * SaaSus: when the session ends, that is when its refresh token expires (estimated: SaaSus does
   * not say); until then the tokens renew themselves. Null when nothing renews them.
   */
  sessionEndsAt: v.nullable(Millis),
  /**
   * Clever Cloud: the API tokens Tessera holds a value for, by their dates only (never a value:
   * src/main/providers/clever-cloud/clever-cloud-accounts.ts, `scope`), so that "Copy API token" is
   * offered only while one is valid, and says until when (`apiTokenToHandOut` in types.ts). A date
   * not known (a value kept before dates were recorded) is null. Absent for SaaSus.
   */
  heldApiTokens: v.optional(v.array(v.object({ createdAt: v.nullable(Millis), expiresAt: v.nullable(Millis) }))),
});
export type AccountScope = ModelOf<typeof AccountScope>;

/**
 * Why an account's status is not `ok`, as data: the error code of what failed and, when it names
 * them, the `errors` catalogue key and parameters of its words (src/shared/errors.ts, ErrorInfo).
 * Worded where it is shown, in that place's language (src/shared/i18n/status-text.ts). Stored in
 * the metadata file, so the same rule as ErrorInfo's params holds: never a secret. A key this
 * version does not know (written by another one) reads as the code's words; it is not refused,
 * so that the file still opens.
 */
export const StatusReason = v.object({
  code: v.picklist(ERROR_CODES),
  key: v.optional(v.pipe(v.string(), v.maxLength(100))),
  params: v.optional(v.record(v.string(), v.union([v.pipe(v.string(), v.maxLength(500)), v.number()]))),
});
export type StatusReason = ModelOf<typeof StatusReason>;

/** An account as listed; the metadata file's record adds what only main needs. */
export const AccountSummary = v.object({
  id: Id,
  provider: ProviderId,
  displayName: v.string(),
  /** Usually the e-mail address. */
  subtitle: v.string(),
  avatarUrl: v.nullable(v.string()),
  /** When the credentials stop working, when known. */
  expiresAt: v.nullable(Millis),
  status: AccountStatus,
  /** Why the status is not `ok`, in English (the command line, logs). */
  statusMessage: v.nullable(v.string()),
  /**
   * The same as data, worded where shown. Absent in a file an older Tessera wrote (and null when
   * the status is `ok`): the status's own generic words are shown then.
   */
  statusReason: v.optional(v.nullable(StatusReason)),
  updatedAt: Millis,
  /** Set on what main sends (never stored): see AccountScope. */
  scope: v.optional(AccountScope),
});
export type AccountSummary = ModelOf<typeof AccountSummary>;

// ---- Clever Cloud rights (from `GET /self/tokens/rights`, kept in the account's metadata) ------

/** A right an OAuth token may hold. */
export const CleverCloudRight = v.object({ name: v.string(), description: v.string() });
export type CleverCloudRight = ModelOf<typeof CleverCloudRight>;

// ---- SaaSus tenants (from `GET /userinfo`, kept in the account's metadata) ----------------------

export const SaasusRole = v.object({ roleName: v.string(), displayName: v.string() });
export type SaasusRole = ModelOf<typeof SaasusRole>;

export const SaasusEnv = v.object({
  /** An integer in the SaaSus API; kept as a string so that nothing downstream depends on it. */
  id: v.string(),
  name: v.string(),
  roles: v.array(SaasusRole),
});
export type SaasusEnv = ModelOf<typeof SaasusEnv>;

export const SaasusTenant = v.object({ id: v.string(), name: v.string(), planId: v.nullable(v.string()), envs: v.array(SaasusEnv) });
export type SaasusTenant = ModelOf<typeof SaasusTenant>;

// ---- Connections and consumers ------------------------------------------------------------------

/** Whether a connection or consumer is as Tessera saved it (src/main/vault/bindings.ts). */
export const BindingStatus = v.picklist(['ok', 'changed-outside']);
export type BindingStatus = v.InferOutput<typeof BindingStatus>;

const bindingState = {
  /**
   * `changed-outside`: what decides where its secret signs for was changed outside Tessera;
   * nothing is sent until the secret is entered again.
   */
  status: BindingStatus,
  /** Why the status is not `ok`, in English (the command line, logs). */
  statusMessage: v.nullable(v.string()),
  /** The same as data, for the window to word in its language (useErrorText); null when `ok`. */
  statusReason: v.optional(v.nullable(StatusReason)),
};

/** A SaaS Tessera can log users into, as stored. The secret key lives in the keychain, never here. */
export const SaasusConnectionFields = v.object({
  id: Id,
  name: v.string(),
  saasId: v.string(),
  apiKey: v.string(),
  apiBaseUrl: v.string(),
  loginUrl: v.string(),
  /** The loopback port Tessera listens on for the login callback. */
  callbackPort: TcpPort,
});

/** A SaaS connection as the window sees it. */
export const SaasusConnection = v.object({ ...SaasusConnectionFields.entries, ...bindingState });
export type SaasusConnection = ModelOf<typeof SaasusConnection>;

/** A user's own Clever Cloud OAuth consumer, as stored. The secret lives in the keychain, never here. */
export const CleverCloudConsumerFields = v.object({
  id: Id,
  name: v.string(),
  key: v.string(),
  /** The fixed loopback port of the callback (it must lie on the consumer's base URL domain). */
  callbackPort: TcpPort,
});

/** A consumer as the window sees it. */
export const CleverCloudConsumer = v.object({ ...CleverCloudConsumerFields.entries, ...bindingState });
export type CleverCloudConsumer = ModelOf<typeof CleverCloudConsumer>;

// ---- What a user types (each message is shown as it is) ------------------------------------------

export const MAX_NAME_LENGTH = 200;
export const MAX_URL_LENGTH = 2048;

export const DisplayName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'A name cannot be empty.'),
  v.maxLength(MAX_NAME_LENGTH, `A name has at most ${MAX_NAME_LENGTH} characters.`),
);

export const ShortText = (what: string, max = 200) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, `Enter the ${what}.`), v.maxLength(max, `The ${what} has at most ${max} characters.`));

const Url = (what: string) => v.pipe(v.string(), v.trim(), v.minLength(1, `Enter the ${what}.`), v.maxLength(MAX_URL_LENGTH), v.url(`The ${what} is not a valid URL.`));

/** A port a user may choose for a loopback callback: no privileged one. */
const UserPort = v.pipe(v.number(), v.integer('A port is a whole number.'), v.minValue(1024, 'Use a port from 1024 to 65535.'), v.maxValue(65535, 'Use a port from 1024 to 65535.'));

/** A SaaS connection as the user saves it; without `id` it is a new one. */
export const SaasusConnectionInput = v.strictObject({
  id: v.optional(Id),
  name: ShortText('connection name'),
  saasId: ShortText('SaaS ID', 128),
  apiKey: ShortText('API key', 256),
  /** Typed by the user once (required for a new connection); stored in the keychain, never sent back. */
  secretKey: v.optional(ShortText('secret key', 512)),
  apiBaseUrl: Url('API base URL'),
  loginUrl: Url('login page URL'),
  callbackPort: UserPort,
  /**
   * Test before storing: one signed call proves the SaaS ID, API key, secret key and API base URL,
   * and nothing is stored when it fails (the window's form sets it; scripts may save offline).
   */
  check: v.optional(v.boolean()),
});
export type SaasusConnectionInput = v.InferOutput<typeof SaasusConnectionInput>;

/** An OAuth consumer as the user saves it; without `id` it is a new one. */
export const CleverCloudConsumerInput = v.strictObject({
  id: v.optional(Id),
  name: ShortText('consumer name'),
  key: ShortText('consumer key', 256),
  /** Typed by the user once (required for a new consumer); stored in the keychain, never sent back. */
  secret: v.optional(ShortText('consumer secret', 512)),
  callbackPort: UserPort,
});
export type CleverCloudConsumerInput = v.InferOutput<typeof CleverCloudConsumerInput>;

// ---- Settings -----------------------------------------------------------------------------------

const upTo = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(max));

export const Settings = v.strictObject({
  /** How long before expiry an account is shown as "expiring". */
  expiryWarningDays: upTo(SETTING_LIMITS.expiryWarningDays),
  /** Seconds before a copied secret is cleared from the clipboard; 0 = never. */
  clipboardClearSeconds: upTo(SETTING_LIMITS.clipboardClearSeconds),
  /** A copy refreshes first when the token expires within this many seconds. */
  refreshLeadSeconds: upTo(SETTING_LIMITS.refreshLeadSeconds),
  notifyRefreshFailures: v.boolean(),
  notifyExpiries: v.boolean(),
  /** Closing the window keeps Tessera in the system tray. */
  closeToTray: v.boolean(),
  startAtLogin: v.boolean(),
  /** The window's, tray's and notifications' language: 'system' follows the system's preferred languages. */
  language: v.picklist(LANGUAGE_SETTINGS),
});
export type Settings = ModelOf<typeof Settings>;
