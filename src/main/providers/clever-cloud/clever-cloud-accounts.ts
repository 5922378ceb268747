/**
 * Clever Cloud in Tessera: logging in (the console's cli_token flow, or the user's own OAuth
 * consumer, consumers.ts), importing clever-tools credentials (imports.ts), what the account screen
 * shows (identity, rights, dates), logging out (revoking the token), and the credentials main
 * copies for the user.
 *
 * Where things live: the token and its secret in the keychain, together in one entry
 * (`account/clever-cloud/<id>/credentials`, token-entry.ts says why), a user's own consumer secret
 * too (consumers.ts); identity, rights and dates in the metadata (metadata.ts).
 *
 * OAuth 1.0a tokens cannot be refreshed: before they expire the user logs in again, which replaces
 * the account's token in place (same user, same consumer → same account). The token it replaces
 * is revoked once the new one is saved, and kept until it is (retired-tokens.ts).
 *
 * Where the secrets may go (src/main/vault/bindings.ts says why): PLAINTEXT signatures carry the
 * consumer secret and the token secret, so a consumer is sealed over its id and key (consumers.ts),
 * and an account over its id, its consumer and the API base URL it logged in with, which is also
 * the one its calls use (recorded per account, so that clever-tools profiles with their own API
 * host can follow; an account from before that gets the configured one on upgrade). The whole base URL is sealed, not
 * only its origin: there is no way to edit it, and a path of its own could aim an account's
 * `DELETE /self/tokens/{token}` at another endpoint of the same host. `accountApi` (an account's
 * calls: copy, log out) and `apiFor` (a login's or import's `/self` check) check the seals before
 * anything is signed; a broken one is a `changed_outside` error, nothing is sent, and the account
 * reads "needs login" with why.
 */
import { randomUUID } from 'node:crypto';
import { printable } from '../../../shared/printable';
import type { AccountDetail, AccountFact, AccountScope, AccountSummary, CleverCloudDetail, ImportResult } from '../../../shared/types';
import { newAccountId, type StatusChange } from '../../accounts/accounts-service';
import { providerRecords, type ProviderRecords, type SealProblem } from '../../accounts/provider-records';
import { AppError } from '../../errors';
import { LOGIN_TIMEOUT_MS, type LoginContext } from '../../logins/login-registry';
import type { ProviderContext } from '../provider-module';
import type { AccountRecord } from '../../vault/metadata-schema';
import { credentialsToCopy, describeAccount, type CopyableCredentials } from './account';
import { revokeToken, type CleverCloudApiConfig } from './api';
import { loginWithCliToken } from './cli-token-login';
import { DEFAULT_API_BASE_URL, DEFAULT_BRIDGE_URL, DEFAULT_CONSOLE_URL } from './constants';
import { loginWithConsumer } from './consumer-login';
import { CleverCloudConsumers } from './consumers';
import { importCleverTools, importEnvironment, type ImportedProfile } from './imports';
import { detectCleverToolsVersion, type CleverToolsVersion } from './clever-tools-version';
import { removePlaintextTokens, type PlaintextRemoval, type PlaintextSource } from './clever-tools-plaintext';
import type { ProgressListener } from './login-progress';
import { accountSealed, AccountDataSchema, sealCleverCloudEntries, type AccountData } from './metadata';
import type { TokenCredentials } from './oauth1';
import { RetiredTokens, type RetiredToken } from './retired-tokens';
import { CleverApiTokens, isApiTokenField } from './api-tokens/api-token-service';
import { readTokenEntry, tokenEntrySecrets } from './token-entry';
import { isServiceTokenField, ServiceTokens } from './service-tokens/service';


/** Account messages of a broken seal; an account marked with one comes back once its seals are whole again. */
export const ACCOUNT_CHANGED_OUTSIDE = 'This account was changed outside Tessera: nothing was sent. Log in again.';
export const ACCOUNT_CONSUMER_CHANGED_OUTSIDE = 'Its OAuth consumer was changed outside Tessera: nothing was sent. Enter the consumer secret again.';
const SEAL_MESSAGES: ReadonlySet<string> = new Set([ACCOUNT_CHANGED_OUTSIDE, ACCOUNT_CONSUMER_CHANGED_OUTSIDE]);

/** How many imports' "remove the plaintext tokens" offers are kept. */
const MAX_PLAINTEXT_OFFERS = 8;

export interface CleverCloudOptions {
  readonly baseUrl?: string;
  readonly consoleUrl?: string;
  /** The API bridge (API tokens); default https://api-bridge.clever-cloud.com. */
  readonly bridgeUrl?: string;
  /** Test knobs for every call. */
  readonly api?: Pick<CleverCloudApiConfig, 'fetch' | 'timeoutMs' | 'signatureMethod'>;
  readonly loginTimeoutMs?: number;
  readonly pollIntervalMs?: number;
  /** Where clever-tools keeps its configuration (default: clever-tools-paths.ts, in this process's environment). */
  readonly cleverToolsConfigPaths?: readonly string[];
}

export class CleverCloudAccounts {
  private readonly records: ProviderRecords<AccountData>;
  /** The user's own OAuth consumers. */
  readonly consumers: CleverCloudConsumers;
  /** Replaced tokens until Clever Cloud has revoked them. */
  readonly retired: RetiredTokens;
  /** Imported clever-tools files whose tokens the user may still ask to remove, by import id (never a secret). */
  private readonly plaintextSources = new Map<string, PlaintextSource>();
  /** Organisations and their service tokens (service-tokens/service.ts). */
  readonly serviceTokens: ServiceTokens;
  /** The accounts' API tokens (api-tokens/api-token-service.ts). */
  readonly apiTokens: CleverApiTokens;

  constructor(
    private readonly deps: ProviderContext & { readonly options?: CleverCloudOptions },
  ) {
    this.records = providerRecords(deps.accounts, 'clever-cloud', AccountDataSchema);
    deps.bindings.addSealer((doc, seal) => sealCleverCloudEntries(doc, seal, deps.options?.baseUrl ?? DEFAULT_API_BASE_URL));
    this.consumers = new CleverCloudConsumers({
      metadata: deps.metadata,
      secrets: deps.secrets,
      bindings: deps.bindings,
      accountsUsing: (id) => this.records.withData().filter(({ data }) => data.consumerRef === id).length,
      revocationsWaiting: (id) => this.retired.waitingFor(id),
      edited: () => deps.accounts.setStatuses(this.reviewAccounts()),
    });
    this.retired = new RetiredTokens({
      metadata: deps.metadata,
      secrets: deps.secrets,
      events: deps.events,
      clock: deps.clock,
      revoke: (retired) => this.revokeRetired(retired),
      stillHeld: (retired) => this.holds(retired),
    });
    this.serviceTokens = new ServiceTokens({ accounts: deps.accounts, signing: (id) => this.signing(id), now: deps.clock.now });
    this.apiTokens = new CleverApiTokens({
      accounts: deps.accounts,
      now: deps.clock.now,
      access: async (accountId) => {
        // Seals checked first (the bridge is sealed with the account): nothing is sent otherwise.
        const { api, data } = await this.accountApi(accountId);
        const credentials = await this.readCredentials(accountId);
        if (!credentials) throw new AppError('needs_login', 'This account has no token any more: log in again.');
        return { api: { ...api, bridgeUrl: data.bridgeUrl ?? this.configuredBridge() }, credentials, email: data.email };
      },
    });
    // A metadata file rebuilt from the keychain gets its replaced tokens back as pending revocations.
    deps.accounts.onRebuild((keys, now) => this.retired.adopt(keys, now));
  }

  /**
   * Accounts whose seals are broken and not yet marked so, and accounts marked so whose seals are
   * whole again: the status changes to make. Reads no secret; only after bindings.ready().
   */
  reviewAccounts(): StatusChange[] {
    return this.records.review((record, data) => this.sealProblem(record, data), SEAL_MESSAGES);
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
      ctx.progress('reading-clever-account');
      return this.saveToken('cli', result);
    });
  }

  /** "Use my own OAuth consumer": the three-legged dance with a loopback callback. */
  loginWithOwnConsumer(loginId: string, consumerId: string): Promise<AccountSummary> {
    const consumer = this.consumers.get(consumerId);
    return this.deps.logins.run(loginId, async (ctx) => {
      const result = await loginWithConsumer({
        api: await this.apiFor(consumer.id),
        callbackPort: consumer.callbackPort,
        locale: this.deps.locale,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: progressTo(ctx),
        signal: ctx.signal,
        timeoutMs: this.deps.options?.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
      });
      ctx.progress('reading-clever-account');
      return this.saveToken(consumer.id, result);
    });
  }

  // ---- Importing ------------------------------------------------------------------------------------

  /**
   * Every profile (or the one named) of the clever-tools config (the given file or files, or the
   * default locations), with their overrides. When profiles were imported, the result names the
   * file (`plaintext`): {@link removePlaintext} with its id removes their tokens from it, if the
   * user asks, as long as the file is still what was read (clever-tools-plaintext.ts).
   */
  async importCleverTools(path?: string | readonly string[], opts?: { readonly profile?: string | null }): Promise<ImportResult> {
    const { result, file, importedAliases } = await importCleverTools((consumerRef, token, profile) => this.saveToken(consumerRef, token, profile), path, opts);
    if (importedAliases.length === 0) return result;
    const importId = randomUUID();
    this.plaintextSources.set(importId, { path: file.path, format: file.format, contentHash: file.contentHash, aliases: importedAliases });
    // A handful at most: the newest imports are the ones the user may still act on.
    for (const old of this.plaintextSources.keys()) if (this.plaintextSources.size > MAX_PLAINTEXT_OFFERS) this.plaintextSources.delete(old);
    return { ...result, plaintext: { importId, path: file.path, aliases: importedAliases } };
  }

  /**
   * Removes from the clever-tools file the tokens of the profiles an import of this run took, with
   * a backup beside it; refused (`conflict`) when the file changed since (clever-tools-plaintext.ts).
   * An offer is used once.
   */
  async removePlaintext(importId: string): Promise<PlaintextRemoval> {
    const source = this.plaintextSources.get(importId);
    if (!source) throw new AppError('not_found', 'This import is not known any more: import the clever-tools configuration again to remove its plaintext tokens.');
    const removal = await removePlaintextTokens(source, this.deps.clock.now());
    this.plaintextSources.delete(importId);
    return removal;
  }

  /**
   * CLEVER_TOKEN / CLEVER_SECRET of Tessera's environment, or of the one given (`where` names it);
   * refused when its API_HOST or OAuth consumer is not what Tessera signs with (imports.ts).
   */
  importEnvironment(env: Readonly<Record<string, string | undefined>> = process.env, where?: string): Promise<ImportResult> {
    return importEnvironment((consumerRef, token) => this.saveToken(consumerRef, token), env, this.apiBase().baseUrl ?? DEFAULT_API_BASE_URL, where);
  }

  /** A token and secret pasted by the user, issued to clever-tools' consumer or to one of theirs. */
  async importPasted(token: string, secret: string, consumerId?: string): Promise<AccountSummary> {
    if (consumerId) this.consumers.get(consumerId);
    return this.saveToken(consumerId ?? 'cli', { token, secret, expiresAt: null });
  }

  /** Which clever-tools the user has, for "Copy as clever-tools profile" (clever-tools-version.ts). */
  detectCleverToolsVersion(): Promise<CleverToolsVersion> {
    return detectCleverToolsVersion(this.deps.options?.cleverToolsConfigPaths ? { paths: this.deps.options.cleverToolsConfigPaths } : {});
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
    if (!credentials) throw new AppError('needs_login', 'This account has no token any more: log in again.', { key: 'cleverCloud.noToken' });
    return credentialsToCopy(credentials, api.consumer, {
      alias: data.profileAlias,
      expiresAt: record.expiresAt,
      userId: data.userId,
      email: data.email,
      apiBaseUrl: data.apiBaseUrl,
      authBridgeHost: data.bridgeUrl,
      consoleUrl: data.consoleUrl,
      sshGateway: data.sshGateway,
    });
  }

  // ---- What the account screen shows ----------------------------------------------------------------------

  /** The consumer and how many rights the token holds (`almighty` holds them all); nothing renews it. */
  scope(record: AccountRecord): AccountScope | undefined {
    const data = this.records.data(record);
    if (!data) return undefined;
    const granted = new Set(data.grantedRights);
    const total = data.availableRights.length;
    const held = granted.has('almighty') ? total : data.availableRights.filter((r) => granted.has(r.name)).length;
    return {
      via: data.consumerName ?? (data.consumerRef === 'cli' ? 'clever-tools' : (this.consumers.find(data.consumerRef)?.name ?? null)),
      rights: total === 0 ? null : { granted: held, total },
      tenants: [],
      sessionEndsAt: null,
    };
  }

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
      data.consumerRef === 'cli' ? 'clever-tools (console login)' : (this.consumers.find(data.consumerRef)?.name ?? 'Removed consumer');
    const facts: AccountFact[] = [
      { label: 'User ID', value: data.userId },
      { label: 'Consumer', value: data.consumerName ?? consumer },
      { label: 'Renewal', value: 'OAuth 1.0a tokens cannot be refreshed: log in again before this one expires.' },
    ];
    return { facts, provided };
  }

  // ---- Internals -----------------------------------------------------------------------------------------

  /**
   * Checks a token against /self and saves it as an account. A clever-tools profile's overrides
   * (`profile`) say where and how: its API host is the account's API base URL, its consumer is
   * found among the user's saved consumers or saved as a new one (secret to the keychain) once
   * /self has accepted the token, and its API bridge, console and SSH gateway are kept with the
   * account (the bridge sealed with it).
   */
  private async saveToken(
    consumerRef: string,
    result: { token: string; secret: string; expiresAt: number | null },
    profile?: ImportedProfile,
  ): Promise<AccountSummary> {
    const credentials: TokenCredentials = { token: result.token, secret: result.secret };
    const overrides = profile?.overrides ?? {};
    // Checked against /self before anything is saved: a bad import stores nothing.
    const base = overrides.consumer ? { ...(await this.apiFor('cli')), consumer: overrides.consumer } : await this.apiFor(consumerRef);
    const api: CleverCloudApiConfig = overrides.apiHost ? { ...base, baseUrl: `${overrides.apiHost}/v2` } : base;
    const info = await describeAccount(api, credentials);
    const apiBaseUrl = api.baseUrl ?? DEFAULT_API_BASE_URL;
    let adopted: { id: string; created: boolean } | undefined;
    if (overrides.consumer) {
      adopted = await this.consumers.adopt(overrides.consumer, `clever-tools profile “${printable(profile?.alias ?? 'default').slice(0, 60)}”`);
      consumerRef = adopted.id;
    }
    try {
      return await this.saveChecked(consumerRef, result, credentials, info, apiBaseUrl, profile);
    } catch (error) {
      // A consumer saved for this import alone goes with it.
      if (adopted?.created && this.records.withData().every(({ data }) => data.consumerRef !== adopted.id)) await this.consumers.remove(adopted.id).catch(() => undefined);
      throw error;
    }
  }

  private async saveChecked(
    consumerRef: string,
    result: { expiresAt: number | null },
    credentials: TokenCredentials,
    info: Awaited<ReturnType<typeof describeAccount>>,
    apiBaseUrl: string,
    profile: ImportedProfile | undefined,
  ): Promise<AccountSummary> {
    const overrides = profile?.overrides ?? {};
    // The same user through the same consumer on the same API is the same account.
    const existing = this.records
      .withData()
      .find(({ data: d }) => d.userId === info.userId && d.consumerRef === consumerRef && d.apiBaseUrl === apiBaseUrl)?.record;
    // Sealed to the API it logged in with (apiFor made the bindings ready).
    const id = existing?.id ?? newAccountId();
    // A profile import says what its overrides are (absent = clever-tools' default); a login or a
    // paste keeps what an earlier profile import of the same account brought.
    const earlier = existing ? this.records.data(existing) : null;
    const from = profile ? overrides : { authBridgeHost: earlier?.bridgeUrl, consoleUrl: earlier?.consoleUrl, sshGateway: earlier?.sshGateway };
    // Where its API tokens are made: the profile's own bridge, else the one Tessera is configured with.
    const bridgeUrl = from.authBridgeHost ?? this.configuredBridge();
    const kept = definedOnly({ consoleUrl: from.consoleUrl, sshGateway: from.sshGateway, profileAlias: profile?.alias ?? earlier?.profileAlias });
    const data: AccountData = {
      apiBaseUrl,
      bridgeUrl,
      binding: this.deps.bindings.seal('clever-cloud-account', accountSealed(id, consumerRef, apiBaseUrl, bridgeUrl)),
      ...kept,
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
        // API token values the account holds stay with it across a new login.
        secrets: { ...(existing ? await this.heldApiTokens(existing.id) : {}), ...tokenEntrySecrets(credentials) },
        // A new login of the same user keeps the service tokens Tessera created with the old one.
        keeps: isServiceTokenField,
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
      throw new AppError('invalid_configuration', 'This replaced token was issued by another Clever Cloud API than the one Tessera uses now.', { key: 'cleverCloud.otherApi' });
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
    return readTokenEntry(this.deps.accounts, this.records.record(accountId));
  }

  /**
   * What another call made as this user needs (service-tokens/service.ts): the API and consumer the
   * account's seals vouch for, its token, and the user's id. `needs_login` when it has no token.
   */
  async signing(accountId: string): Promise<{ readonly api: CleverCloudApiConfig; readonly credentials: TokenCredentials; readonly userId: string }> {
    const { api, data } = await this.accountApi(accountId);
    const credentials = await this.readCredentials(accountId);
    if (!credentials) throw new AppError('needs_login', 'This account has no token any more: log in again.');
    return { api, credentials, userId: data.userId };
  }

  /** The API token entries an account holds (api-tokens/api-token-service.ts), to carry over a new login. */
  private async heldApiTokens(accountId: string): Promise<Record<string, string>> {
    const kept: Record<string, string> = {};
    for (const field of this.records.record(accountId).secretFields.filter(isApiTokenField)) {
      const value = await this.deps.accounts.readSecret(accountId, field);
      if (value !== null) kept[field] = value;
    }
    return kept;
  }

  private configuredBridge(): string {
    return this.deps.options?.bridgeUrl ?? DEFAULT_BRIDGE_URL;
  }

  private apiBase(): Omit<CleverCloudApiConfig, 'consumer'> {
    return { ...this.deps.options?.api, clock: this.deps.clock.now, baseUrl: this.deps.options?.baseUrl ?? DEFAULT_API_BASE_URL };
  }

  /** The signing configuration of a consumer (its seal checked) for the configured API: a login or an import. */
  private async apiFor(consumerRef: string): Promise<CleverCloudApiConfig> {
    await this.deps.bindings.ready();
    return { ...this.apiBase(), consumer: await this.consumers.credentials(consumerRef) };
  }

  /**
   * The one way to sign for an existing account: its own API base URL and its consumer, once the
   * account's and the consumer's seals are checked (a broken one marks the account and throws
   * `changed_outside`: nothing is signed). The record is read after the key is held, so that it
   * is the one the upgrade step sealed.
   */
  private async accountApi(accountId: string): Promise<{ api: CleverCloudApiConfig; record: AccountRecord; data: AccountData }> {
    await this.deps.bindings.ready();
    const { record, data } = this.records.checked(accountId, (r, d) => this.sealProblem(r, d));
    return { api: { ...this.apiBase(), baseUrl: data.apiBaseUrl, consumer: await this.consumers.credentials(data.consumerRef) }, record, data };
  }

  /** Why this account's secrets must not be signed with now; null when its seals are whole. After bindings.ready(). */
  private sealProblem(record: AccountRecord, data: AccountData): SealProblem | null {
    if (data.apiBaseUrl === undefined || !this.deps.bindings.verify('clever-cloud-account', accountSealed(record.id, data.consumerRef, data.apiBaseUrl, data.bridgeUrl), data.binding))
      return { code: 'changed_outside', message: ACCOUNT_CHANGED_OUTSIDE };
    if (data.consumerRef === 'cli') return null;
    const consumer = this.consumers.find(data.consumerRef);
    return consumer && !this.consumers.intact(consumer) ? { code: 'changed_outside', message: ACCOUNT_CONSUMER_CHANGED_OUTSIDE } : null;
  }
}

/** The fields whose value is defined (the metadata schema's optional fields are absent, not undefined). */
function definedOnly<T extends Record<string, string | undefined>>(o: T): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: string };
}

function progressTo(ctx: LoginContext): ProgressListener {
  return (p) => ctx.progress(p.step, p.timeoutAt);
}
