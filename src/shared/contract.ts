/**
 * The IPC contract: for every invoke channel, the schema its input must pass in main and the type
 * of its result; for every event main pushes, the type of its payload. Main binds handlers from
 * this map, the preload generates `window.tessera` from it, and the renderer's types are derived
 * from it, so the three cannot drift.
 *
 * Inputs are parsed with strict schemas (built from src/shared/model.ts): unknown keys, wrong types
 * and oversized strings are refused before any service runs.
 */
import * as v from 'valibot';
import type { EVENT_CHANNELS, EventName, INVOKE_CHANNELS, InvokeName } from './channels';
import type { Result } from './errors';
import type { LocaleInfo } from './i18n/locales';
import {
  CleverCloudConsumerInput,
  DisplayName,
  Id,
  MAX_URL_LENGTH,
  SaasusConnectionInput,
  Settings,
  ShortText,
  type AccountSummary,
  type CleverCloudConsumer,
  type SaasusConnection,
} from './model';
import type {
  AccountDetail,
  AppInfo,
  ApprovalRequest,
  GrantView,
  ClipboardHold,
  CopyResult,
  HandOffResult,
  ImportResult,
  PlaintextRemovalResult,
  CleverToolsVersionInfo,
  LoginProgress,
  PendingRevocation,
  RevocationRetryResult,
  SaasusConnectionTest,
  VaultStatus,
} from './types';
import { ALL_COPY_KINDS } from './types';
import { MAX_SERVICE_TOKEN_TTL_SECONDS, MIN_SERVICE_TOKEN_TTL_SECONDS, ORGANISATION_ROLES, type OrganisationView, type ServiceTokenView } from './service-tokens';
import { API_TOKEN_COPY_FORMS, API_TOKEN_MAX_LIFETIME_DAYS, type ApiTokensOverview, type CreateApiTokenOutcome } from './clever-api-tokens';

/** An API token's id as the bridge gives it (printable, no slash). */
const ApiTokenId = v.pipe(v.string(), v.minLength(1), v.maxLength(256), v.regex(/^[\x21-\x2e\x30-\x7e]+$/, 'Not an API token id.'));

/** A type carried only at compile time. */
declare const phantom: unique symbol;
export interface Returns<T> {
  readonly [phantom]?: T;
}
const returns = <T>(): Returns<T> => ({});

const NoInput = v.undefined();
/** Chosen by the renderer for a login it starts, so it can cancel it and match progress events. */
const LoginId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'A login id is 8 to 64 letters, digits, - or _.'));

/** Ids main makes with 12 random bytes in base64url (window-approver.ts, approval.ts). */
const ApprovalId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'An approval id is 8 to 64 letters, digits, - or _.'));
const GrantId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'A grant id is 8 to 64 letters, digits, - or _.'));

/** Clever Cloud's ids: `orga_…`, `app_…`; a service token's id is not documented, so only its characters are checked. */
const OrganisationId = v.pipe(v.string(), v.regex(/^orga_[A-Za-z0-9-]{1,64}$/, 'An organisation id is orga_ and up to 64 letters, digits or -.'));
const ApplicationId = v.pipe(v.string(), v.regex(/^app_[A-Za-z0-9-]{1,64}$/, 'An application id is app_ and up to 64 letters, digits or -.'));
const ServiceTokenId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/, 'A service token id is up to 128 letters, digits, - or _.'));
const ServiceTokenName = v.pipe(v.string(), v.trim(), v.minLength(1, 'A service token needs a name.'), v.maxLength(256, 'A service token name has at most 256 characters.'));
const ServiceTokenTtl = v.pipe(v.number(), v.integer(), v.minValue(MIN_SERVICE_TOKEN_TTL_SECONDS), v.maxValue(MAX_SERVICE_TOKEN_TTL_SECONDS));

export const invokeContract = {
  getAppInfo: { input: NoInput, result: returns<AppInfo>() },
  /** The window's language (Settings → Language, or the system's) and the system's own. */
  getLocale: { input: NoInput, result: returns<LocaleInfo>() },
  getVaultStatus: { input: NoInput, result: returns<VaultStatus>() },
  listAccounts: { input: NoInput, result: returns<readonly AccountSummary[]>() },
  getAccount: { input: v.strictObject({ id: Id }), result: returns<AccountDetail>() },
  renameAccount: { input: v.strictObject({ id: Id, name: DisplayName }), result: returns<AccountSummary>() },
  /**
   * Clever Cloud: revokes the token at Clever Cloud, then removes the account (as logoutAccount);
   * `localOnly` skips the revocation (Clever Cloud cannot be reached). SaaSus: removes it here.
   */
  removeAccount: { input: v.strictObject({ id: Id, localOnly: v.optional(v.boolean()) }), result: returns<null>() },
  getSettings: { input: NoInput, result: returns<Settings>() },
  updateSettings: { input: v.partial(Settings), result: returns<Settings>() },
  openExternal: { input: v.strictObject({ url: v.pipe(v.string(), v.maxLength(MAX_URL_LENGTH)) }), result: returns<null>() },
  cancelLogin: { input: v.strictObject({ loginId: LoginId }), result: returns<boolean>() },
  refreshAccount: { input: v.strictObject({ id: Id }), result: returns<AccountSummary>() },
  listSaasusConnections: { input: NoInput, result: returns<readonly SaasusConnection[]>() },
  saveSaasusConnection: { input: SaasusConnectionInput, result: returns<SaasusConnection>() },
  removeSaasusConnection: { input: v.strictObject({ id: Id }), result: returns<null>() },
  testSaasusConnection: { input: v.strictObject({ id: Id }), result: returns<SaasusConnectionTest>() },
  loginSaasus: { input: v.strictObject({ loginId: LoginId, connectionId: Id }), result: returns<AccountSummary>() },
  exchangeSaasusCode: {
    input: v.strictObject({ connectionId: Id, code: ShortText('code', MAX_URL_LENGTH) }),
    result: returns<AccountSummary>(),
  },
  openSaasusHandOff: { input: v.strictObject({ id: Id }), result: returns<HandOffResult>() },
  copySaasusHandOff: { input: v.strictObject({ id: Id }), result: returns<HandOffResult>() },
  /** Clever Cloud: revoke, then remove; `localOnly` skips the revocation (offline). SaaSus: remove. */
  logoutAccount: { input: v.strictObject({ id: Id, localOnly: v.optional(v.boolean()) }), result: returns<null>() },
  loginCleverCloud: { input: v.strictObject({ loginId: LoginId }), result: returns<AccountSummary>() },
  loginCleverCloudConsumer: { input: v.strictObject({ loginId: LoginId, consumerId: Id }), result: returns<AccountSummary>() },
  listCleverCloudConsumers: { input: NoInput, result: returns<readonly CleverCloudConsumer[]>() },
  saveCleverCloudConsumer: { input: CleverCloudConsumerInput, result: returns<CleverCloudConsumer>() },
  removeCleverCloudConsumer: { input: v.strictObject({ id: Id }), result: returns<null>() },
  importCleverTools: { input: v.strictObject({ path: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(4096))) }), result: returns<ImportResult>() },
  importCleverCloudEnvironment: { input: NoInput, result: returns<ImportResult>() },
  importCleverCloudToken: {
    input: v.strictObject({ token: ShortText('token', 512), secret: ShortText('token secret', 512), consumerId: v.optional(Id) }),
    result: returns<AccountSummary>(),
  },
  /**
   * After an import, the user's choice: removes the imported profiles' plaintext tokens from the
   * clever-tools file (backup beside it); `conflict` when the file changed since the import.
   */
  removeCleverToolsPlaintext: { input: v.strictObject({ importId: Id }), result: returns<PlaintextRemovalResult>() },
  /** Which clever-tools the user has (its configuration file's shape, else `clever version`), for "Copy as clever-tools profile". */
  detectCleverToolsVersion: { input: NoInput, result: returns<CleverToolsVersionInfo>() },
  /** A Clever Cloud account's API tokens (the bridge's list, read live) and whether it may create one. */
  getCleverApiTokens: { input: v.strictObject({ id: Id }), result: returns<ApiTokensOverview>() },
  /**
   * Creates an API token: the password and code go to the account's bridge once and are never
   * kept; the value goes to the keychain, never here.
   */
  createCleverApiToken: {
    input: v.strictObject({
      id: Id,
      name: ShortText('token name', 256),
      lifetimeDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(API_TOKEN_MAX_LIFETIME_DAYS)),
      // Not trimmed: a password is what it is.
      password: v.pipe(v.string(), v.minLength(1, 'Enter your password.'), v.maxLength(1024, 'The password is too long.')),
      mfaCode: v.optional(v.pipe(v.string(), v.trim(), v.regex(/^\d{6,8}$/, 'The code is 6 digits.'))),
    }),
    result: returns<CreateApiTokenOutcome>(),
  },
  revokeCleverApiToken: { input: v.strictObject({ id: Id, apiTokenId: ApiTokenId }), result: returns<null>() },
  /** Main writes the clipboard itself (a Bearer header or a `CC_API_TOKEN=` line); the value never comes here. */
  copyCleverApiToken: { input: v.strictObject({ id: Id, apiTokenId: ApiTokenId, form: v.picklist(API_TOKEN_COPY_FORMS) }), result: returns<CopyResult>() },
  /** Replaced Clever Cloud tokens not revoked yet (Tessera retries them on its own). */
  listPendingRevocations: { input: NoInput, result: returns<readonly PendingRevocation[]>() },
  /** "Retry now": every pending revocation, at once. */
  retryRevocations: { input: NoInput, result: returns<RevocationRetryResult>() },
  /** Main refreshes first when needed, then writes the clipboard itself: the value never comes here. */
  copyCredential: { input: v.strictObject({ id: Id, kind: v.picklist(ALL_COPY_KINDS) }), result: returns<CopyResult>() },
  /** Clever Cloud: the account's organisations, with the user's role and their applications. */
  listCleverOrganisations: { input: v.strictObject({ id: Id }), result: returns<readonly OrganisationView[]>() },
  /** An organisation's service tokens; `held` when Tessera keeps the value. */
  listServiceTokens: { input: v.strictObject({ id: Id, orgId: OrganisationId }), result: returns<readonly ServiceTokenView[]>() },
  /** Creates a token (its value goes to the keychain, never here). */
  createServiceToken: {
    input: v.strictObject({ id: Id, orgId: OrganisationId, name: ServiceTokenName, role: v.picklist(ORGANISATION_ROLES), appId: v.optional(ApplicationId), ttlSeconds: ServiceTokenTtl }),
    result: returns<ServiceTokenView>(),
  },
  revokeServiceToken: { input: v.strictObject({ id: Id, orgId: OrganisationId, tokenId: ServiceTokenId }), result: returns<null>() },
  /** Main writes the clipboard itself: the value never comes here. */
  copyServiceToken: {
    input: v.strictObject({ id: Id, orgId: OrganisationId, tokenId: ServiceTokenId, format: v.picklist(['token', 'authorization-header']) }),
    result: returns<CopyResult>(),
  },
  /** The window's answer to the agent's question (src/main/agent/window-approver.ts); an unknown or settled id is `not_found`. */
  answerApproval: { input: v.strictObject({ id: ApprovalId, choice: v.picklist(['once', 'session', 'deny', 'confirm']) }), result: returns<null>() },
  /** The agent's questions waiting for an answer (a window that opens or reloads shows them). */
  listApprovals: { input: NoInput, result: returns<readonly ApprovalRequest[]>() },
  /** The grants in force (`tessera grant`); empty when the agent is not running. */
  listGrants: { input: NoInput, result: returns<readonly GrantView[]>() },
  /** "Revoke": false when the grant had already ended. */
  revokeGrant: { input: v.strictObject({ id: GrantId }), result: returns<boolean>() },
} satisfies { readonly [K in InvokeName]: { input: v.GenericSchema; result: Returns<unknown> } };

export const eventContract = {
  accountsChanged: returns<readonly AccountSummary[]>(),
  vaultStatusChanged: returns<VaultStatus>(),
  settingsChanged: returns<Settings>(),
  /** The effective language changed (Settings → Language): the whole window switches. */
  localeChanged: returns<LocaleInfo>(),
  loginProgress: returns<LoginProgress>(),
  clipboardChanged: returns<ClipboardHold | null>(),
  revocationsChanged: returns<readonly PendingRevocation[]>(),
  approvalRequested: returns<ApprovalRequest>(),
  /** The question was answered, timed out, or its command went away: the dialog closes. */
  approvalClosed: returns<{ readonly id: string }>(),
  grantsChanged: returns<readonly GrantView[]>(),
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
