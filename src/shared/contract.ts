/**
 * The IPC contract: for every invoke channel, the schema its input must pass in main and the type
 * of its result; for every event main pushes, the type of its payload. Main binds handlers from
 * this map, the preload generates `window.tessera` from it, and the renderer's types are derived
 * from it, so the three cannot drift.
 *
 * Inputs are parsed with strict schemas: unknown keys, wrong types and oversized strings are
 * refused before any service runs.
 */
import * as v from 'valibot';
import type { EVENT_CHANNELS, EventName, INVOKE_CHANNELS, InvokeName } from './channels';
import type { Result } from './errors';
import type {
  AccountDetail,
  AccountSummary,
  AppInfo,
  ClipboardHold,
  CleverCloudConsumer,
  CopyResult,
  HandOffResult,
  ImportResult,
  LoginProgress,
  PendingRevocation,
  RevocationRetryResult,
  SaasusConnection,
  SaasusConnectionTest,
  Settings,
  VaultStatus,
} from './types';
import { ALL_COPY_KINDS } from './types';

/** A type carried only at compile time. */
declare const phantom: unique symbol;
export interface Returns<T> {
  readonly [phantom]?: T;
}
const returns = <T>(): Returns<T> => ({});

export const MAX_ID_LENGTH = 128;
export const MAX_NAME_LENGTH = 200;
export const MAX_URL_LENGTH = 2048;

const NoInput = v.undefined();
const AccountId = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH), v.regex(/^[A-Za-z0-9_-]+$/));
/** Chosen by the renderer for a login it starts, so it can cancel it and match progress events. */
const LoginId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'A login id is 8 to 64 letters, digits, - or _.'));
const DisplayName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'A name cannot be empty.'),
  v.maxLength(MAX_NAME_LENGTH, `A name has at most ${MAX_NAME_LENGTH} characters.`),
);

const ShortText = (what: string, max = 200) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, `Enter the ${what}.`), v.maxLength(max, `The ${what} has at most ${max} characters.`));
const Url = (what: string) => v.pipe(v.string(), v.trim(), v.minLength(1, `Enter the ${what}.`), v.maxLength(MAX_URL_LENGTH), v.url(`The ${what} is not a valid URL.`));
const Port = v.pipe(v.number(), v.integer('A port is a whole number.'), v.minValue(1024, 'Use a port from 1024 to 65535.'), v.maxValue(65535, 'Use a port from 1024 to 65535.'));

export const invokeContract = {
  getAppInfo: { input: NoInput, result: returns<AppInfo>() },
  getVaultStatus: { input: NoInput, result: returns<VaultStatus>() },
  listAccounts: { input: NoInput, result: returns<readonly AccountSummary[]>() },
  getAccount: { input: v.strictObject({ id: AccountId }), result: returns<AccountDetail>() },
  renameAccount: { input: v.strictObject({ id: AccountId, name: DisplayName }), result: returns<AccountSummary>() },
  /**
   * Clever Cloud: revokes the token at Clever Cloud, then removes the account (as logoutAccount);
   * `localOnly` skips the revocation (Clever Cloud cannot be reached). SaaSus: removes it here.
   */
  removeAccount: { input: v.strictObject({ id: AccountId, localOnly: v.optional(v.boolean()) }), result: returns<null>() },
  getSettings: { input: NoInput, result: returns<Settings>() },
  updateSettings: {
    input: v.strictObject({
      expiryWarningDays: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(365))),
      clipboardClearSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600))),
      refreshLeadSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600))),
      notifyRefreshFailures: v.optional(v.boolean()),
      notifyExpiries: v.optional(v.boolean()),
      closeToTray: v.optional(v.boolean()),
      startAtLogin: v.optional(v.boolean()),
    }),
    result: returns<Settings>(),
  },
  openExternal: { input: v.strictObject({ url: v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH)) }), result: returns<null>() },
  cancelLogin: { input: v.strictObject({ loginId: LoginId }), result: returns<boolean>() },
  refreshAccount: { input: v.strictObject({ id: AccountId }), result: returns<AccountSummary>() },
  listSaasusConnections: { input: NoInput, result: returns<readonly SaasusConnection[]>() },
  saveSaasusConnection: {
    input: v.strictObject({
      id: v.optional(AccountId),
      name: ShortText('connection name'),
      saasId: ShortText('SaaS ID', 128),
      apiKey: ShortText('API key', 256),
      /** Typed by the user once; stored in the keychain, never sent back. */
      secretKey: v.optional(ShortText('secret key', 512)),
      apiBaseUrl: Url('API base URL'),
      loginUrl: Url('login page URL'),
      callbackPort: Port,
    }),
    result: returns<SaasusConnection>(),
  },
  removeSaasusConnection: { input: v.strictObject({ id: AccountId }), result: returns<null>() },
  testSaasusConnection: { input: v.strictObject({ id: AccountId }), result: returns<SaasusConnectionTest>() },
  loginSaasus: { input: v.strictObject({ loginId: LoginId, connectionId: AccountId }), result: returns<AccountSummary>() },
  exchangeSaasusCode: {
    input: v.strictObject({ connectionId: AccountId, code: ShortText('code', MAX_URL_LENGTH) }),
    result: returns<AccountSummary>(),
  },
  openSaasusHandOff: { input: v.strictObject({ id: AccountId }), result: returns<HandOffResult>() },
  copySaasusHandOff: { input: v.strictObject({ id: AccountId }), result: returns<HandOffResult>() },
  /** Clever Cloud: revoke, then remove; `localOnly` skips the revocation (offline). SaaSus: remove. */
  logoutAccount: { input: v.strictObject({ id: AccountId, localOnly: v.optional(v.boolean()) }), result: returns<null>() },
  loginCleverCloud: { input: v.strictObject({ loginId: LoginId }), result: returns<AccountSummary>() },
  loginCleverCloudConsumer: { input: v.strictObject({ loginId: LoginId, consumerId: AccountId }), result: returns<AccountSummary>() },
  listCleverCloudConsumers: { input: NoInput, result: returns<readonly CleverCloudConsumer[]>() },
  saveCleverCloudConsumer: {
    input: v.strictObject({
      id: v.optional(AccountId),
      name: ShortText('consumer name'),
      key: ShortText('consumer key', 256),
      /** Typed by the user once; stored in the keychain, never sent back. */
      secret: v.optional(ShortText('consumer secret', 512)),
      callbackPort: Port,
    }),
    result: returns<CleverCloudConsumer>(),
  },
  removeCleverCloudConsumer: { input: v.strictObject({ id: AccountId }), result: returns<null>() },
  importCleverTools: { input: v.strictObject({ path: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(4096))) }), result: returns<ImportResult>() },
  importCleverCloudEnvironment: { input: NoInput, result: returns<ImportResult>() },
  importCleverCloudToken: {
    input: v.strictObject({ token: ShortText('token', 512), secret: ShortText('token secret', 512), consumerId: v.optional(AccountId) }),
    result: returns<AccountSummary>(),
  },
  /** Replaced Clever Cloud tokens not revoked yet (Tessera retries them on its own). */
  listPendingRevocations: { input: NoInput, result: returns<readonly PendingRevocation[]>() },
  /** "Retry now": every pending revocation, at once. */
  retryRevocations: { input: NoInput, result: returns<RevocationRetryResult>() },
  /** Main refreshes first when needed, then writes the clipboard itself: the value never comes here. */
  copyCredential: { input: v.strictObject({ id: AccountId, kind: v.picklist(ALL_COPY_KINDS) }), result: returns<CopyResult>() },
} satisfies { readonly [K in InvokeName]: { input: v.GenericSchema; result: Returns<unknown> } };

export const eventContract = {
  accountsChanged: returns<readonly AccountSummary[]>(),
  vaultStatusChanged: returns<VaultStatus>(),
  settingsChanged: returns<Settings>(),
  loginProgress: returns<LoginProgress>(),
  clipboardChanged: returns<ClipboardHold | null>(),
  revocationsChanged: returns<readonly PendingRevocation[]>(),
} satisfies { readonly [K in EventName]: Returns<unknown> };

// Compile-time check that both maps name exactly the channels of channels.ts.
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const _invokeKeys: SameKeys<typeof invokeContract, typeof INVOKE_CHANNELS> = true;
const _eventKeys: SameKeys<typeof eventContract, typeof EVENT_CHANNELS> = true;
void _invokeKeys;
void _eventKeys;

type Contract = typeof invokeContract;
export type InputOf<K extends InvokeName> = v.InferOutput<Contract[K]['input']>;
/** What the renderer passes (before trimming and other transforms). */
export type RawInputOf<K extends InvokeName> = v.InferInput<Contract[K]['input']>;
export type ResultOf<K extends InvokeName> = Contract[K]['result'] extends Returns<infer T> ? T : never;
export type PayloadOf<K extends EventName> = (typeof eventContract)[K] extends Returns<infer T> ? T : never;

/** The shape of `window.tessera`. */
export type TesseraApi = {
  readonly [K in InvokeName]: RawInputOf<K> extends undefined
    ? () => Promise<Result<ResultOf<K>>>
    : (input: RawInputOf<K>) => Promise<Result<ResultOf<K>>>;
} & {
  /** Subscribes to an event from main; returns the function that unsubscribes. */
  readonly on: <K extends EventName>(event: K, listener: (payload: PayloadOf<K>) => void) => () => void;
};
