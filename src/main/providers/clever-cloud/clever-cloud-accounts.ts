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
 * host can follow; an account from before that gets the configured one on upgrade).
 * account-access.ts is the one way to sign: `accountApi` (an account's calls: copy, log out) and
 * `apiFor` (a login's or import's `/self` check) check the seals before anything is signed.
 */
import type { AccountDetail, DetailFact, AccountScope, AccountSummary, CleverCloudDetail, ImportResult } from '../../../shared/types';
import type { StatusChange } from '../../accounts/accounts-service';
import { providerRecords, type ProviderRecords } from '../../accounts/provider-records';
import { AppError } from '../../errors';
import { LOGIN_TIMEOUT_MS, type LoginContext } from '../../logins/login-registry';
import type { ProviderContext } from '../provider-module';
import type { AccountRecord } from '../../vault/metadata-schema';
import { credentialsToCopy, type CopyableCredentials } from './account';
import { revokeToken, type CleverCloudApiConfig } from './api';
import { loginWithCliToken } from './cli-token-login';
import { DEFAULT_API_BASE_URL, DEFAULT_CONSOLE_URL } from './constants';
import { loginWithConsumer } from './consumer-login';
import { CleverCloudConsumers } from './consumers';
import { importCleverTools, importEnvironment } from './imports';
import { detectCleverToolsVersion, runCleverVersion, type CleverToolsVersion } from './clever-tools-version';
import { PlaintextOffers, type PlaintextRemoval } from './clever-tools-plaintext';
import type { ProgressListener } from './login-progress';
import { CleverCloudAccess } from './account-access';
import { CleverCloudSaves } from './save-token';
import { AccountDataSchema, sealCleverCloudEntries, type AccountData } from './metadata';
import type { TokenCredentials } from './oauth1';
import { RetiredTokens, type RetiredToken } from './retired-tokens';
import { apiTokenIdOf, CleverApiTokens, isApiTokenField } from './api-tokens/api-token-service';
import { ServiceTokens } from './service-tokens/service';

export { ACCOUNT_CHANGED_OUTSIDE, ACCOUNT_CONSUMER_CHANGED_OUTSIDE } from './account-access';

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
  /** Imported clever-tools files whose tokens the user may still ask to remove (clever-tools-plaintext.ts). */
  private readonly plaintextOffers = new PlaintextOffers();
  /** The seals and the API an account or a login signs for (account-access.ts). */
  private readonly access: CleverCloudAccess;
  /** A checked token saved as an account (save-token.ts). */
  private readonly saves: CleverCloudSaves;
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
    const { baseUrl, bridgeUrl, api } = deps.options ?? {};
    this.access = new CleverCloudAccess({ context: deps, records: this.records, consumers: this.consumers, baseUrl, bridgeUrl, api });
    this.retired = new RetiredTokens({
      metadata: deps.metadata,
      secrets: deps.secrets,
      events: deps.events,
      clock: deps.clock,
      revoke: (retired) => this.revokeRetired(retired),
      stillHeld: (retired) => this.holds(retired),
    });
    this.saves = new CleverCloudSaves({ context: deps, records: this.records, consumers: this.consumers, access: this.access, retired: this.retired });
    this.serviceTokens = new ServiceTokens({ accounts: deps.accounts, signing: (id) => this.signing(id), now: deps.clock.now });
    this.apiTokens = new CleverApiTokens({
      accounts: deps.accounts,
      now: deps.clock.now,
      access: async (accountId) => {
        // Seals checked first (the bridge is sealed with the account): nothing is sent otherwise.
        const { api, credentials, data } = await this.access.signing(accountId);
        return { api: { ...api, bridgeUrl: data.bridgeUrl ?? this.access.configuredBridge() }, credentials, email: data.email };
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
    return this.access.review();
  }

  // ---- Logging in ---------------------------------------------------------------------------------

  /** "Log in with Clever Cloud": the console's cli_token flow, nothing to set up. */
  loginWithConsole(loginId: string): Promise<AccountSummary> {
    return this.deps.logins.run(loginId, async (ctx) => {
      const result = await loginWithCliToken({
        api: this.access.apiBase(),
        consoleUrl: this.deps.options?.consoleUrl ?? DEFAULT_CONSOLE_URL,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: progressTo(ctx),
        signal: ctx.signal,
        timeoutMs: this.deps.options?.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
        pollIntervalMs: this.deps.options?.pollIntervalMs,
      });
      ctx.progress('reading-clever-account');
      return this.saves.save('cli', result);
    });
  }

  /** "Use my own OAuth consumer": the three-legged dance with a loopback callback. */
  loginWithOwnConsumer(loginId: string, consumerId: string): Promise<AccountSummary> {
    const consumer = this.consumers.get(consumerId);
    return this.deps.logins.run(loginId, async (ctx) => {
      const result = await loginWithConsumer({
        api: await this.access.apiFor(consumer.id),
        callbackPort: consumer.callbackPort,
        locale: this.deps.locale,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: progressTo(ctx),
        signal: ctx.signal,
        timeoutMs: this.deps.options?.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
      });
      ctx.progress('reading-clever-account');
      return this.saves.save(consumer.id, result);
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
    const { result, file, importedAliases } = await importCleverTools((consumerRef, token, profile) => this.saves.save(consumerRef, token, profile), path, opts);
    if (importedAliases.length === 0) return result;
    const importId = this.plaintextOffers.offer({ path: file.path, format: file.format, contentHash: file.contentHash, aliases: importedAliases });
    return { ...result, plaintext: { importId, path: file.path, aliases: importedAliases } };
  }

  /**
   * Removes from the clever-tools file the tokens of the profiles an import of this run took, with
   * a backup beside it; refused (`conflict`) when the file changed since (clever-tools-plaintext.ts).
   * An offer is used once.
   */
  removePlaintext(importId: string): Promise<PlaintextRemoval> {
    return this.plaintextOffers.take(importId, this.deps.clock.now());
  }

  /**
   * CLEVER_TOKEN / CLEVER_SECRET of Tessera's environment, or of the one given (`where` names it),
   * with its API_HOST, OAuth consumer… as a profile's overrides (imports.ts).
   */
  importEnvironment(env: Readonly<Record<string, string | undefined>> = process.env, where?: string): Promise<ImportResult> {
    return importEnvironment((consumerRef, token, profile) => this.saves.save(consumerRef, token, profile), env, where);
  }

  /** A token and secret pasted by the user, issued to clever-tools' consumer or to one of theirs. */
  async importPasted(token: string, secret: string, consumerId?: string): Promise<AccountSummary> {
    if (consumerId) this.consumers.get(consumerId);
    return this.saves.save(consumerId ?? 'cli', { token, secret, expiresAt: null });
  }

  /**
   * Which clever-tools the user has, for "Copy as clever-tools profile" (clever-tools-version.ts).
   * The window asks each time it shows a Clever Cloud account: the configuration file is read each
   * time (cheap, and it changes when clever-tools does), `clever version` (a whole Node program) runs
   * once per session.
   */
  detectCleverToolsVersion(): Promise<CleverToolsVersion> {
    const paths = this.deps.options?.cleverToolsConfigPaths;
    return detectCleverToolsVersion({ ...(paths ? { paths } : {}), cleverVersion: () => (this.cleverVersionOutput ??= runCleverVersion()) });
  }
  private cleverVersionOutput: Promise<string | null> | undefined;

  // ---- Logging out ------------------------------------------------------------------------------------

  /**
   * Revokes the token (DELETE /self/tokens/{token}, never DELETE /self/tokens), then removes the
   * account. A token Clever Cloud already refuses is removed without a fuss; one that cannot be
   * revoked now (offline, 5xx) fails with that error and changes nothing, unless `localOnly`.
   */
  async logout(accountId: string, localOnly: boolean): Promise<void> {
    const record = this.records.record(accountId);
    if (!localOnly) {
      const api = this.records.data(record) && (await this.access.accountApi(accountId)).api;
      const credentials = await this.readCredentials(accountId);
      if (api && credentials) await revokeToken(api, credentials);
    }
    await this.deps.accounts.remove(accountId);
  }

  // ---- Credentials to copy ------------------------------------------------------------------------------

  /** Authorization header (PLAINTEXT), env lines, clever-tools profile: for main to copy, never for the window. */
  async copyable(accountId: string): Promise<CopyableCredentials> {
    // The header carries both secrets: only for an account and consumer as Tessera sealed them.
    const { api, credentials, data } = await this.access.signing(accountId);
    return credentialsToCopy(credentials, api.consumer, {
      alias: data.profileAlias,
      expiresAt: this.records.record(accountId).expiresAt,
      userId: data.userId,
      email: data.email,
      apiBaseUrl: data.apiBaseUrl,
      authBridgeHost: data.bridgeUrl,
      consoleUrl: data.consoleUrl,
      sshGateway: data.sshGateway,
    });
  }

  // ---- What the account screen shows ----------------------------------------------------------------------

  /**
   * The consumer and how many rights the token holds (`almighty` holds them all); nothing renews it.
   * And the dates of the API tokens it holds a value for: a keychain field names each
   * (`isApiTokenField`), the metadata keeps their dates; no value is read.
   */
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
      heldApiTokens: record.secretFields.filter(isApiTokenField).map((field) => data.apiTokens?.[apiTokenIdOf(field)] ?? { createdAt: null, expiresAt: null }),
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
    const consumer: DetailFact['value'] =
      data.consumerRef === 'cli' ? { words: 'cliConsumer' } : (this.consumers.find(data.consumerRef)?.name ?? { words: 'removedConsumer' });
    const facts: DetailFact[] = [
      { label: 'userId', value: data.userId },
      { label: 'consumer', value: data.consumerName ?? consumer },
      { label: 'renewal', value: { words: 'cannotRefresh' } },
    ];
    return { facts, provided };
  }

  // ---- Internals -----------------------------------------------------------------------------------------

  /**
   * `DELETE /self/tokens/{token}` for a replaced token, signed with it and its consumer (through
   * apiFor, like every call), and sent only where the keychain says it was issued.
   */
  private async revokeRetired(retired: RetiredToken): Promise<void> {
    const api = await this.access.apiFor(retired.consumerRef);
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
  readCredentials(accountId: string): Promise<TokenCredentials | null> {
    return this.access.readCredentials(accountId);
  }

  /** What another call made as this user needs (service-tokens/service.ts), its seals checked (account-access.ts). */
  signing(accountId: string): ReturnType<CleverCloudAccess['signing']> {
    return this.access.signing(accountId);
  }
}

function progressTo(ctx: LoginContext): ProgressListener {
  return (p) => ctx.progress(p.step, p.timeoutAt);
}
