/**
 * Clever Cloud in Tessera: logging in (the console's cli_token flow, or the user's own OAuth
 * consumer), importing clever-tools credentials, what the account screen shows (identity, rights,
 * dates), logging out (revoking the token), and the credentials main copies for the user.
 *
 * Where things live: the token and its secret in the keychain, together in one entry
 * (`account/clever-cloud/<id>/credentials`, see `encodeCredentials`), a user's own consumer secret
 * too (`connection/clever-cloud-consumer/<id>/secret`); identity, rights and dates in the metadata.
 *
 * Why one entry for the pair: a copy reads the keychain on every click, and a Secret Service answers
 * one request at a time, so two entries cost two reads in a row (the benchmark's "copy a valid
 * Clever Cloud token" row measured 1.4–1.7 × a bare read with two, the goal being 1.5). And the
 * pair is only valid together: replacing it with one write means no crash or keychain failure can
 * leave a new token beside the old secret. The pair is far below Windows' 2,560-byte cap per
 * credential. Accounts saved by an older Tessera have `…/{token,token-secret}`: they are still
 * read (two reads), and move to one entry at their next login or import, which replaces the
 * entries in place (accounts-service.ts removes the ones a save no longer has).
 *
 * OAuth 1.0a tokens cannot be refreshed: before they expire the user logs in again, which replaces
 * the account's token in place (same user, same consumer → same account). The token it replaces
 * is revoked once the new one is saved, and kept until it is (retired-tokens.ts).
 *
 * Where the secrets may go (src/main/vault/bindings.ts says why): PLAINTEXT signatures carry the
 * consumer secret and the token secret, so a consumer is sealed over its id and key, and an account
 * over its id, its consumer and the API base URL it logged in with, which is also the one its calls
 * use (recorded per account, so that clever-tools profiles with their own API host can follow; an
 * account from before that gets the configured one on upgrade). The whole base URL is sealed, not
 * only its origin: there is no way to edit it, and a path of its own could aim an account's
 * `DELETE /self/tokens/{token}` at another endpoint of the same host. `accountApi` (an account's
 * calls: copy, log out) and `apiFor` (a login's or import's `/self` check) check the seals before
 * anything is signed; a broken one is a `changed_outside` error, nothing is sent, and the account
 * reads "needs login" with why.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { CleverCloudRight, type CleverCloudConsumerInput } from '../../../shared/model';
import type { AccountDetail, AccountFact, AccountSummary, CleverCloudConsumer, CleverCloudDetail, ImportResult } from '../../../shared/types';
import { newAccountId, type AccountsService, type StatusChange } from '../../accounts/accounts-service';
import { providerRecords, type ProviderRecords } from '../../accounts/provider-records';
import type { ExternalBrowser } from '../../desktop/ports';
import { AppError } from '../../errors';
import type { EventSink } from '../../ipc/events';
import { LOGIN_TIMEOUT_MS, type LoginContext, type LoginRegistry } from '../../logins/login-registry';
import type { Clock } from '../../util/clock';
import type { Bindings, Seal } from '../../vault/bindings';
import type { AccountRecord, CleverCloudConsumerRecord, MetadataDocument } from '../../vault/metadata-schema';
import type { MetadataStore } from '../../vault/metadata-store';
import { connectionSecretKey, type SecretStore } from '../../vault/secret-store';
import { credentialsToCopy, describeAccount, type CopyableCredentials } from './account';
import { revokeToken, type CleverCloudApiConfig } from './api';
import { loginWithCliToken } from './cli-token-login';
import { cleverToolsConfigPaths, profileFromEnv, readCleverToolsConfig, type CleverToolsProfile } from './clever-tools-config';
import { CLEVER_TOOLS_CONSUMER, DEFAULT_API_BASE_URL, DEFAULT_CONSOLE_URL } from './constants';
import { loginWithConsumer } from './consumer-login';
import type { ProgressListener } from './login-progress';
import type { ConsumerCredentials, TokenCredentials } from './oauth1';
import { RetiredTokens, type RetiredToken } from './retired-tokens';

const FIELDS = { credentials: 'credentials' } as const;
/** The two entries an older Tessera kept (see the file comment). */
const LEGACY_FIELDS = { token: 'token', secret: 'token-secret' } as const;
const CredentialsEntrySchema = v.object({ token: v.pipe(v.string(), v.minLength(1)), secret: v.pipe(v.string(), v.minLength(1)) });
const CONSUMER_KIND = 'clever-cloud-consumer';

const AccountDataSchema = v.object({
  userId: v.string(),
  email: v.string(),
  /** 'cli' = the clever-tools public consumer; otherwise the id of one of the user's consumers. */
  consumerRef: v.string(),
  consumerName: v.nullable(v.string()),
  grantedRights: v.array(v.string()),
  availableRights: v.array(CleverCloudRight),
  tokenCreatedAt: v.nullable(v.number()),
  lastUsedAt: v.nullable(v.number()),
  /** The API base URL this account logged in with; its calls go there. */
  apiBaseUrl: v.optional(v.string()),
  /** MAC over the id, consumerRef and apiBaseUrl (see the file comment). */
  binding: v.optional(v.string()),
});
type AccountData = v.InferOutput<typeof AccountDataSchema>;

/** Shown on a consumer whose seal is broken, and said when it refuses a call. */
export const CONSUMER_CHANGED_OUTSIDE = 'Changed outside Tessera: enter the consumer secret again.';
/** Account messages of a broken seal; an account marked with one comes back once its seals are whole again. */
export const ACCOUNT_CHANGED_OUTSIDE = 'This account was changed outside Tessera: nothing was sent. Log in again.';
export const ACCOUNT_CONSUMER_CHANGED_OUTSIDE = 'Its OAuth consumer was changed outside Tessera: nothing was sent. Enter the consumer secret again.';
const SEAL_MESSAGES: ReadonlySet<string> = new Set([ACCOUNT_CHANGED_OUTSIDE, ACCOUNT_CONSUMER_CHANGED_OUTSIDE]);

export interface CleverCloudOptions {
  readonly baseUrl?: string;
  readonly consoleUrl?: string;
  /** Test knobs for every call. */
  readonly api?: Pick<CleverCloudApiConfig, 'fetch' | 'timeoutMs' | 'signatureMethod'>;
  readonly loginTimeoutMs?: number;
  readonly pollIntervalMs?: number;
}

export class CleverCloudAccounts {
  private readonly records: ProviderRecords<AccountData>;
  /** Replaced tokens until Clever Cloud has revoked them. */
  readonly retired: RetiredTokens;

  constructor(
    private readonly deps: {
      readonly accounts: AccountsService;
      readonly metadata: MetadataStore;
      readonly secrets: SecretStore;
      readonly logins: LoginRegistry;
      readonly browser: ExternalBrowser;
      readonly events: EventSink;
      readonly bindings: Bindings;
      readonly options?: CleverCloudOptions;
      /** The app's clock: the revocation retries and the time in each signature. */
      readonly clock?: Clock;
    },
  ) {
    this.records = providerRecords(deps.accounts, 'clever-cloud', AccountDataSchema);
    deps.bindings.addSealer((doc, seal) => sealCleverCloudEntries(doc, seal, deps.options?.baseUrl ?? DEFAULT_API_BASE_URL));
    this.retired = new RetiredTokens({
      metadata: deps.metadata,
      secrets: deps.secrets,
      events: deps.events,
      clock: deps.clock,
      revoke: (retired) => this.revokeRetired(retired),
      stillHeld: (retired) => this.holds(retired),
    });
  }

  // ---- Consumers ----------------------------------------------------------------------------------

  async listConsumers(): Promise<CleverCloudConsumer[]> {
    await this.deps.bindings.ready();
    return this.deps.metadata.document.cleverCloudConsumers.map((c) => this.shownConsumer(c));
  }

  /** Creates or edits a consumer; changing its key, or mending one changed outside Tessera, needs the secret. */
  async saveConsumer(input: CleverCloudConsumerInput): Promise<CleverCloudConsumer> {
    const existing = input.id ? this.consumer(input.id) : undefined;
    if (!existing && !input.secret) throw new AppError('invalid_input', 'Enter the consumer secret.');
    await this.deps.bindings.ready();
    if (existing && !input.secret) {
      if (!this.consumerIntact(existing)) throw new AppError('invalid_input', CONSUMER_CHANGED_OUTSIDE);
      if (existing.key !== input.key) throw new AppError('invalid_input', 'Enter the consumer secret again to change the consumer key.');
    }
    const id = existing?.id ?? randomBytes(9).toString('base64url');
    const consumer: CleverCloudConsumerRecord = { id, name: input.name, key: input.key, callbackPort: input.callbackPort, binding: this.deps.bindings.seal('clever-cloud-consumer', [id, input.key]) };
    if (input.secret) await this.deps.secrets.set(connectionSecretKey(CONSUMER_KIND, consumer.id, 'secret'), input.secret);
    this.deps.metadata.update((doc) => ({
      ...doc,
      cleverCloudConsumers: existing ? doc.cleverCloudConsumers.map((c) => (c.id === consumer.id ? consumer : c)) : [...doc.cleverCloudConsumers, consumer],
    }));
    // Accounts this save made whole again come back.
    if (existing) this.deps.accounts.setStatuses(this.reviewAccounts());
    return this.shownConsumer(consumer);
  }

  /**
   * Accounts whose seals are broken and not yet marked so, and accounts marked so whose seals are
   * whole again: the status changes to make. Reads no secret; only after bindings.ready().
   */
  reviewAccounts(): StatusChange[] {
    const changes: StatusChange[] = [];
    for (const record of this.deps.metadata.accounts) {
      const data = this.records.data(record);
      if (!data) continue;
      const problem = this.sealProblem(record, data);
      if (problem && !(record.status === 'needs-login' && record.statusMessage === problem)) changes.push({ id: record.id, status: 'needs-login', message: problem });
      else if (!problem && record.status === 'needs-login' && SEAL_MESSAGES.has(record.statusMessage ?? '')) changes.push({ id: record.id, status: 'ok', message: null });
    }
    return changes;
  }

  async removeConsumer(id: string): Promise<void> {
    this.consumer(id);
    const users = this.deps.metadata.accounts.filter((a) => this.records.data(a)?.consumerRef === id);
    if (users.length > 0) throw new AppError('conflict', `Log out of the ${users.length} account(s) of this consumer first.`);
    // Revoking a replaced token needs its consumer's secret.
    const waiting = this.retired.waitingFor(id);
    if (waiting > 0) throw new AppError('conflict', `${waiting} replaced token(s) of this consumer could not be revoked yet: retry them first.`);
    await this.deps.secrets.delete(connectionSecretKey(CONSUMER_KIND, id, 'secret'));
    this.deps.metadata.update((doc) => ({ ...doc, cleverCloudConsumers: doc.cleverCloudConsumers.filter((c) => c.id !== id) }));
  }

  private consumer(id: string): CleverCloudConsumerRecord {
    const found = this.deps.metadata.document.cleverCloudConsumers.find((c) => c.id === id);
    if (!found) throw new AppError('not_found', 'This OAuth consumer does not exist (it may have been removed).');
    return found;
  }

  // ---- Logging in ---------------------------------------------------------------------------------

  /** "Log in with Clever Cloud": the console's cli_token flow, nothing to set up. */
  loginWithConsole(loginId: string): Promise<AccountSummary> {
    return this.deps.logins.run(loginId, async (ctx) => {
      const result = await loginWithCliToken({
        api: this.apiBase(),
        consoleUrl: this.deps.options?.consoleUrl ?? DEFAULT_CONSOLE_URL,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: progressTo(ctx),
        signal: ctx.signal,
        timeoutMs: this.deps.options?.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
        pollIntervalMs: this.deps.options?.pollIntervalMs,
      });
      ctx.progress('saving', 'Reading your account and the token’s rights…');
      return this.saveToken('cli', result);
    });
  }

  /** "Use my own OAuth consumer": the three-legged dance with a loopback callback. */
  loginWithOwnConsumer(loginId: string, consumerId: string): Promise<AccountSummary> {
    const consumer = this.consumer(consumerId);
    return this.deps.logins.run(loginId, async (ctx) => {
      const result = await loginWithConsumer({
        api: await this.apiFor(consumer.id),
        callbackPort: consumer.callbackPort,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: progressTo(ctx),
        signal: ctx.signal,
        timeoutMs: this.deps.options?.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
      });
      ctx.progress('saving', 'Reading your account and the token’s rights…');
      return this.saveToken(consumer.id, result);
    });
  }

  // ---- Importing ------------------------------------------------------------------------------------

  /** Every profile of the clever-tools config (the given file, or the default locations). */
  async importCleverTools(path?: string): Promise<ImportResult> {
    const paths = path ? [path] : cleverToolsConfigPaths();
    let lastError: unknown;
    for (const candidate of paths) {
      try {
        return await this.importProfiles(await readCleverToolsConfig(candidate));
      } catch (error) {
        lastError = error;
        if (!(error instanceof AppError && error.code === 'not_found')) throw error;
      }
    }
    throw lastError instanceof AppError ? lastError : new AppError('not_found', 'No clever-tools configuration was found.');
  }

  /** CLEVER_TOKEN / CLEVER_SECRET of Tessera's environment. */
  async importEnvironment(env: Readonly<Record<string, string | undefined>> = process.env): Promise<ImportResult> {
    const profile = profileFromEnv(env);
    if (!profile) throw new AppError('not_found', 'CLEVER_TOKEN and CLEVER_SECRET are not both set in Tessera’s environment.');
    return this.importProfiles([profile]);
  }

  /** A token and secret pasted by the user, issued to clever-tools' consumer or to one of theirs. */
  async importPasted(token: string, secret: string, consumerId?: string): Promise<AccountSummary> {
    if (consumerId) this.consumer(consumerId);
    return this.saveToken(consumerId ?? 'cli', { token, secret, expiresAt: null });
  }

  private async importProfiles(profiles: readonly CleverToolsProfile[]): Promise<ImportResult> {
    const imported: AccountSummary[] = [];
    const failed: ImportResult['failed'][number][] = [];
    for (const profile of profiles) {
      try {
        imported.push(await this.saveToken('cli', { token: profile.token, secret: profile.secret, expiresAt: profile.expiresAt }));
      } catch (error) {
        failed.push(
          error instanceof AppError
            ? { alias: profile.alias, code: error.code, message: error.message }
            : { alias: profile.alias, code: 'internal', message: 'This profile could not be imported.' },
        );
      }
    }
    return { imported, failed };
  }

  // ---- Logging out ------------------------------------------------------------------------------------

  /**
   * Revokes the token (DELETE /self/tokens/{token}, never DELETE /self/tokens), then removes the
   * account. A token Clever Cloud already refuses is removed without a fuss; one that cannot be
   * revoked now (offline, 5xx) fails with that error and changes nothing, unless `localOnly`.
   */
  async logout(accountId: string, localOnly: boolean): Promise<void> {
    const record = this.records.record(accountId);
    if (!localOnly) {
      const api = this.records.data(record) && (await this.accountApi(accountId)).api;
      const credentials = await this.readCredentials(accountId);
      if (api && credentials) await revokeToken(api, credentials);
    }
    await this.deps.accounts.remove(accountId);
  }

  // ---- Credentials to copy ------------------------------------------------------------------------------

  /** Authorization header (PLAINTEXT), env lines, clever-tools profile: for main to copy, never for the window. */
  async copyable(accountId: string): Promise<CopyableCredentials> {
    // The header carries both secrets: only for an account and consumer as Tessera sealed them.
    const { api, record, data } = await this.accountApi(accountId);
    const credentials = await this.readCredentials(accountId);
    if (!credentials) throw new AppError('needs_login', 'This account has no token any more: log in again.');
    return credentialsToCopy(credentials, api.consumer, { expiresAt: record.expiresAt, userId: data.userId, email: data.email });
  }

  // ---- What the account screen shows ----------------------------------------------------------------------

  describe(record: AccountRecord): Pick<AccountDetail, 'facts' | 'provided'> {
    const data = this.records.data(record);
    if (!data) return { facts: [], provided: null };
    const granted = new Set(data.grantedRights);
    const everything = granted.has('almighty');
    const provided: CleverCloudDetail = {
      kind: 'clever-cloud',
      userId: data.userId,
      consumerName: data.consumerName,
      rights: data.availableRights.map((r) => ({ ...r, granted: everything || granted.has(r.name) })),
      tokenCreatedAt: data.tokenCreatedAt,
      lastUsedAt: data.lastUsedAt,
    };
    const consumer =
      data.consumerRef === 'cli' ? 'clever-tools (console login)' : (this.deps.metadata.document.cleverCloudConsumers.find((c) => c.id === data.consumerRef)?.name ?? 'Removed consumer');
    const facts: AccountFact[] = [
      { label: 'User ID', value: data.userId },
      { label: 'Consumer', value: data.consumerName ?? consumer },
      { label: 'Renewal', value: 'OAuth 1.0a tokens cannot be refreshed: log in again before this one expires.' },
    ];
    return { facts, provided };
  }

  // ---- Internals -----------------------------------------------------------------------------------------

  private async saveToken(consumerRef: string, result: { token: string; secret: string; expiresAt: number | null }): Promise<AccountSummary> {
    const credentials: TokenCredentials = { token: result.token, secret: result.secret };
    // Checked against /self before anything is saved: a bad import stores nothing.
    const api = await this.apiFor(consumerRef);
    const info = await describeAccount(api, credentials);
    const apiBaseUrl = api.baseUrl ?? DEFAULT_API_BASE_URL;
    // The same user through the same consumer on the same API is the same account.
    const existing = this.deps.metadata.accounts.find((a) => {
      const d = this.records.data(a);
      return d?.userId === info.userId && d.consumerRef === consumerRef && d.apiBaseUrl === apiBaseUrl;
    });
    // Sealed to the API it logged in with (apiFor made the bindings ready).
    const id = existing?.id ?? newAccountId();
    const data: AccountData = {
      apiBaseUrl,
      binding: this.deps.bindings.seal('clever-cloud-account', [id, consumerRef, apiBaseUrl]),
      userId: info.userId,
      email: info.email,
      consumerRef,
      consumerName: info.consumerName,
      grantedRights: [...info.grantedRights],
      availableRights: info.availableRights.map((r) => ({ name: r.name, description: r.description })),
      tokenCreatedAt: info.createdAt,
      lastUsedAt: info.lastUsedAt,
    };
    // The token this one replaces is kept until it is revoked, once the new one is saved
    // (retired-tokens.ts says in which order, and why). The login waits for that one request (the
    // API has just answered /self): when it says done, the old token is revoked or listed as
    // pending. A failed revocation does not fail the login.
    const replaced = existing ? await this.readCredentials(existing.id) : null;
    const retirement =
      existing && replaced && replaced.token !== credentials.token
        ? await this.retired.retire({ ...replaced, consumerRef, apiBaseUrl, userId: info.userId, accountId: existing.id })
        : undefined;
    let saved: AccountSummary;
    try {
      saved = await this.deps.accounts.save({
        id,
        provider: 'clever-cloud',
        displayName: existing?.displayName ?? (info.name || info.email),
        subtitle: info.email,
        avatarUrl: info.avatarUrl,
        expiresAt: info.expiresAt ?? result.expiresAt,
        data,
        secrets: { [FIELDS.credentials]: encodeCredentials(credentials) },
      });
    } catch (error) {
      await retirement?.abandon();
      throw error;
    }
    await retirement?.revoke();
    return saved;
  }

  /**
   * `DELETE /self/tokens/{token}` for a replaced token, signed with it and its consumer (through
   * apiFor, like every call), and sent only where the keychain says it was issued.
   */
  private async revokeRetired(retired: RetiredToken): Promise<void> {
    const api = await this.apiFor(retired.consumerRef);
    if (api.baseUrl !== retired.apiBaseUrl)
      throw new AppError('invalid_configuration', 'This replaced token was issued by another Clever Cloud API than the one Tessera uses now.');
    await revokeToken(api, { token: retired.token, secret: retired.secret });
  }

  /**
   * Whether an account still holds a replaced token: the account of its user and consumer (the
   * only one a save of that token can reach), or the account it was taken from (which, rebuilt from
   * the keychain, may have lost its details). At most two keychain reads.
   */
  private async holds(retired: RetiredToken): Promise<boolean> {
    const holders = this.deps.metadata.accounts.filter((a) => {
      if (a.provider !== 'clever-cloud') return false;
      const d = this.records.data(a);
      return a.id === retired.accountId || (d?.userId === retired.userId && d.consumerRef === retired.consumerRef);
    });
    for (const holder of holders) {
      try {
        if ((await this.readCredentials(holder.id))?.token === retired.token) return true;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'not_found')) throw error; // removed meanwhile
      }
    }
    return false;
  }

  /** The account's token and secret: one keychain read (two for an account an older Tessera saved). */
  async readCredentials(accountId: string): Promise<TokenCredentials | null> {
    const record = this.records.record(accountId);
    if (record.secretFields.includes(FIELDS.credentials)) return decodeCredentials(await this.deps.accounts.readSecret(accountId, FIELDS.credentials));
    const secrets = await this.deps.accounts.readSecrets(accountId);
    const token = secrets[LEGACY_FIELDS.token];
    const secret = secrets[LEGACY_FIELDS.secret];
    return token && secret ? { token, secret } : null;
  }

  private apiBase(): Omit<CleverCloudApiConfig, 'consumer'> {
    return { ...this.deps.options?.api, clock: this.deps.clock?.now, baseUrl: this.deps.options?.baseUrl ?? DEFAULT_API_BASE_URL };
  }

  /** The signing configuration of a consumer (its seal checked) for the configured API: a login or an import. */
  private async apiFor(consumerRef: string): Promise<CleverCloudApiConfig> {
    await this.deps.bindings.ready();
    return { ...this.apiBase(), consumer: await this.consumerCredentials(consumerRef) };
  }

  /**
   * The one way to sign for an existing account: its own API base URL and its consumer, once the
   * account's and the consumer's seals are checked (a broken one marks the account and throws
   * `changed_outside`: nothing is signed). The record is read after the key is held, so that it
   * is the one the upgrade step sealed.
   */
  private async accountApi(accountId: string): Promise<{ api: CleverCloudApiConfig; record: AccountRecord; data: AccountData }> {
    await this.deps.bindings.ready();
    const record = this.records.record(accountId);
    const data = this.records.requireData(record);
    const problem = this.sealProblem(record, data);
    if (problem) {
      if (record.status !== 'needs-login' || record.statusMessage !== problem) this.deps.accounts.setStatus(accountId, 'needs-login', problem);
      throw new AppError('changed_outside', problem);
    }
    return { api: { ...this.apiBase(), baseUrl: data.apiBaseUrl, consumer: await this.consumerCredentials(data.consumerRef) }, record, data };
  }

  /** Why this account's secrets must not be signed with now; null when its seals are whole. After bindings.ready(). */
  private sealProblem(record: AccountRecord, data: AccountData): string | null {
    if (data.apiBaseUrl === undefined || !this.deps.bindings.verify('clever-cloud-account', [record.id, data.consumerRef, data.apiBaseUrl], data.binding)) return ACCOUNT_CHANGED_OUTSIDE;
    if (data.consumerRef === 'cli') return null;
    const consumer = this.deps.metadata.document.cleverCloudConsumers.find((c) => c.id === data.consumerRef);
    return consumer && !this.consumerIntact(consumer) ? ACCOUNT_CONSUMER_CHANGED_OUTSIDE : null;
  }

  /** True when the consumer is as Tessera sealed it. After bindings.ready(). */
  private consumerIntact(consumer: CleverCloudConsumerRecord): boolean {
    return this.deps.bindings.verify('clever-cloud-consumer', [consumer.id, consumer.key], consumer.binding);
  }

  /** A consumer as the window sees it: no MAC, and whether it is whole. After bindings.ready(). */
  private shownConsumer(c: CleverCloudConsumerRecord): CleverCloudConsumer {
    const intact = this.consumerIntact(c);
    return { id: c.id, name: c.name, key: c.key, callbackPort: c.callbackPort, status: intact ? 'ok' : 'changed-outside', statusMessage: intact ? null : CONSUMER_CHANGED_OUTSIDE };
  }

  /** After bindings.ready(). */
  private async consumerCredentials(consumerRef: string): Promise<ConsumerCredentials> {
    if (consumerRef === 'cli') return CLEVER_TOOLS_CONSUMER;
    const consumer = this.consumer(consumerRef);
    if (!this.consumerIntact(consumer))
      throw new AppError('changed_outside', `The OAuth consumer "${consumer.name}" was changed outside Tessera: nothing was sent. Enter its secret again.`);
    const secret = await this.deps.secrets.get(connectionSecretKey(CONSUMER_KIND, consumer.id, 'secret'));
    if (!secret) throw new AppError('invalid_configuration', `The secret of the consumer "${consumer.name}" is missing from the keychain: enter it again.`);
    return { key: consumer.key, secret };
  }
}

/** The keychain entry holding a token and its secret together. */
function encodeCredentials(credentials: TokenCredentials): string {
  return JSON.stringify({ token: credentials.token, secret: credentials.secret });
}

/**
 * The pair from its entry; null when there is none or it does not parse (the account then needs a
 * new login). The parse error is dropped, not passed on: JSON.parse quotes its input in its message.
 */
function decodeCredentials(entry: string | null): TokenCredentials | null {
  if (entry === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(entry);
  } catch {
    return null;
  }
  const checked = v.safeParse(CredentialsEntrySchema, parsed);
  return checked.success ? { token: checked.output.token, secret: checked.output.secret } : null;
}

/**
 * The upgrade step (src/main/vault/bindings.ts): seals every consumer, and every account with the
 * API base URL it has, or the configured one (accounts from before it was recorded).
 */
function sealCleverCloudEntries(doc: MetadataDocument, seal: Seal, configuredBaseUrl: string): MetadataDocument {
  const cleverCloudConsumers = doc.cleverCloudConsumers.map((c) => ({ ...c, binding: seal('clever-cloud-consumer', [c.id, c.key]) }));
  const accounts = doc.accounts.map((a) => {
    if (a.provider !== 'clever-cloud') return a;
    const parsed = v.safeParse(AccountDataSchema, a.data);
    if (!parsed.success) return a;
    const apiBaseUrl = parsed.output.apiBaseUrl ?? configuredBaseUrl;
    return { ...a, data: { ...a.data, apiBaseUrl, binding: seal('clever-cloud-account', [a.id, parsed.output.consumerRef, apiBaseUrl]) } };
  });
  return { ...doc, cleverCloudConsumers, accounts };
}

function progressTo(ctx: LoginContext): ProgressListener {
  return (p) => ctx.progress(p.phase, p.message, p.timeoutAt);
}
