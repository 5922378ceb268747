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
  LoginProgress,
  PendingRevocation,
  RevocationRetryResult,
  SaasusConnectionTest,
  VaultStatus,
} from './types';
import { ALL_COPY_KINDS } from './types';

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
  /** Replaced Clever Cloud tokens not revoked yet (Tessera retries them on its own). */
  listPendingRevocations: { input: NoInput, result: returns<readonly PendingRevocation[]>() },
  /** "Retry now": every pending revocation, at once. */
  retryRevocations: { input: NoInput, result: returns<RevocationRetryResult>() },
  /** Main refreshes first when needed, then writes the clipboard itself: the value never comes here. */
  copyCredential: { input: v.strictObject({ id: Id, kind: v.picklist(ALL_COPY_KINDS) }), result: returns<CopyResult>() },
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
