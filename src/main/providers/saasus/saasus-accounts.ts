/**
 * SaaSus in Tessera: connections (a SaaS's ID, API key and secret key), logging users in through
 * the SaaS's hosted page or a pasted code, refreshing their tokens, handing a session to the
 * browser, and what the account screen shows. The protocol lives in the files beside this one;
 * this file stores what they return.
 *
 * Where things live:
 * - the secret key: keychain (`connection/saasus/<id>/secret-key`), kept in memory per connection
 *   after its first read;
 * - the refresh token (the durable credential, about 30 days): keychain
 *   (`account/saasus/<id>/refresh-token`), kept in memory after its first read or after the login
 *   or refresh that produced it;
 * - the ID and access tokens (one hour): main-process memory only. Fewer bearer tokens at rest,
 *   and a refresh costs no keychain write unless SaaSus rotated the refresh token (GNOME Keyring
 *   rewrites its whole file on each write: those writes, not the network, bounded "refresh all").
 *   After a restart no ID or access token is held: whatever needs one (a copy, a hand-off)
 *   refreshes first, one network call. An account whose login answer carried no refresh token
 *   cannot refresh, so it keeps its ID and access tokens in the keychain as before. Entries an
 *   older Tessera wrote (`id-token`, `access-token` beside a refresh token) are read once as the
 *   held value when still valid, and dropped by the account's next refresh or login;
 * - everything else (connection fields, e-mail, tenants and roles, expiries, decoded claims): the
 *   metadata. The expiry dates there (account detail, tray, scheduler) describe the latest tokens
 *   Tessera obtained; after a restart those are no longer held, which only means that the next
 *   copy or hand-off refreshes first.
 * The memory is dropped when an account leaves the list (removal, log out) and replaced when its
 * user logs in again; a refresh that was running meanwhile does not put its result back. A
 * recovered account (metadata rebuilt from the keychain) has its refresh token but not its
 * connection: it reads "needs login" until its user logs in again.
 *
 * Refresh, and why nothing is lost on a crash (the rules are in accounts-service.ts): a refresh
 * of a known account reads nothing from the keychain. A rotated refresh token is written (alone)
 * before anything else is recorded; an unrotated one is not rewritten. A crash before that write
 * leaves the old refresh token, which SaaSus still accepts unless it rotated it, in which case the
 * account reads "needs login" after the next refresh attempt, its stored refresh token intact; a
 * crash after it leaves the new one. The new expiry dates go to the metadata through the deferred
 * write: a crash that loses them only makes the next refresh happen early.
 *
 * Refreshes run as one flight per account: the UI, the tray, copies and the scheduler asking at
 * once share one request and one result.
 *
 * Where the tokens may go (src/main/vault/bindings.ts says why): a connection is sealed over its
 * id, SaaS ID, API key and the origins of its API base URL and login page (not its name or port);
 * an account over its id, its connection's id and the two origins it logged in with. Before any
 * signed call (connection test, login, code exchange, refresh, hand-off) the connection's seal is
 * checked, and for an account's calls its own seal and that its origins are still its
 * connection's: a refresh token is only ever sent to the host its user logged in against. A broken
 * seal is a `changed_outside` error, nothing is sent, and the account reads "needs login" with why;
 * nothing is deleted, so restoring the file (or entering the secret key again) brings it back.
 * Changing a sealed field of a connection needs its secret key again; accounts whose origins are
 * then no longer the connection's must log in again, against the new host.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import { errorRemedy } from '../../../shared/error-policy';
import type { AccountDetail, AccountFact, AccountSummary, SaasusConnection, SaasusDetail } from '../../../shared/types';
import { newAccountId, type AccountsService, type StatusChange } from '../../accounts/accounts-service';
import { providerRecords, type ProviderRecords } from '../../accounts/provider-records';
import type { ExternalBrowser } from '../../desktop/ports';
import { AppError } from '../../errors';
import type { LoginRegistry } from '../../logins/login-registry';
import { isLoopbackHost } from '../../net/loopback';
import { makeSingleFlight } from '../../util/single-flight';
import { routeOrigin, type Bindings, type Seal } from '../../vault/bindings';
import type { AccountRecord, MetadataDocument, SaasusConnectionRecord } from '../../vault/metadata-schema';
import type { MetadataStore } from '../../vault/metadata-store';
import { connectionSecretKey, type SecretStore } from '../../vault/secret-store';
import { decodeClaims, describeAccount, expiresAt } from './account-info';
import type { Credentials, SaasusApiConfig } from './api';
import { DEFAULT_BASE_URL } from './constants';
import { testConnection, type ConnectionCheck } from './connection';
import { handOff, type HandOff } from './hand-off';
import { DEFAULT_CALLBACK_PATH, exchangeCode, loginViaHostedPage } from './login';
import { mergeRefreshed, refreshTokenRotated, refreshTokens } from './refresh';

export const DEFAULT_CALLBACK_PORT = 45873;
/** SaaSus does not say when a refresh token dies; its documented lifetime is about 30 days. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;
export const LOGIN_TIMEOUT_MS = 5 * 60 * 1000;

const FIELDS = { idToken: 'id-token', accessToken: 'access-token', refreshToken: 'refresh-token' } as const;

/** An ID and access token pair held in memory, and when the first of them expires. */
type Session = FreshTokens;

/** What main holds of one account (see the file comment). Replaced, never reused, when the account is forgotten. */
interface Held {
  /** Undefined until read from the keychain or received. */
  refreshToken?: string;
  /** Undefined until looked for; null when the keychain held no usable pair. */
  session?: Session | null;
}

const RoleSchema = v.object({ roleName: v.string(), displayName: v.string() });
const TenantSchema = v.object({
  id: v.string(),
  name: v.string(),
  planId: v.nullable(v.string()),
  envs: v.array(v.object({ id: v.string(), name: v.string(), roles: v.array(RoleSchema) })),
});
/** What a SaaSus account keeps in the metadata (`record.data`). Nothing here is a secret. */
const AccountDataSchema = v.object({
  connectionId: v.string(),
  /** The origins of the connection's API base URL and login page when this user logged in. */
  apiOrigin: v.optional(v.string()),
  loginOrigin: v.optional(v.string()),
  /** MAC over the id, connectionId and the two origins (see the file comment). */
  binding: v.optional(v.string()),
  userId: v.string(),
  email: v.string(),
  tenants: v.array(TenantSchema),
  claims: v.record(v.string(), v.unknown()),
  idTokenExpiresAt: v.nullable(v.number()),
  accessTokenExpiresAt: v.nullable(v.number()),
  refreshTokenObtainedAt: v.nullable(v.number()),
});
type AccountData = v.InferOutput<typeof AccountDataSchema>;

/** Shown on a connection whose seal is broken, and said when it refuses a call. */
export const CONNECTION_CHANGED_OUTSIDE = 'Changed outside Tessera: enter the secret key again.';
/** Account messages of a broken route; an account marked with one comes back once its route is whole again. */
export const ACCOUNT_CHANGED_OUTSIDE = 'This account was changed outside Tessera: nothing was sent. Log in again.';
export const ACCOUNT_CONNECTION_CHANGED_OUTSIDE =
  'Its SaaS connection was changed outside Tessera: nothing was sent. Enter the connection’s secret key again, or log in again.';
export const ACCOUNT_HOST_CHANGED = 'Its SaaS connection now points to another host: log in again there.';
const ROUTE_MESSAGES: ReadonlySet<string> = new Set([ACCOUNT_CHANGED_OUTSIDE, ACCOUNT_CONNECTION_CHANGED_OUTSIDE, ACCOUNT_HOST_CHANGED]);

/** Why an account's tokens must not be sent now. */
interface RouteProblem {
  readonly code: 'changed_outside' | 'needs_login';
  readonly message: string;
}

/** What an account is sealed over (see the file comment). */
type AccountRoute = Pick<AccountData, 'connectionId' | 'apiOrigin' | 'loginOrigin'>;

export interface SaveConnectionInput {
  readonly id?: string;
  readonly name: string;
  readonly saasId: string;
  readonly apiKey: string;
  /** Required for a new connection; an edit without it keeps the stored one. */
  readonly secretKey?: string;
  readonly apiBaseUrl: string;
  readonly loginUrl: string;
  readonly callbackPort: number;
}

export interface ConnectionTest extends ConnectionCheck {
  /** The callback address Tessera listens on for this connection. */
  readonly expectedCallbackUrl: string;
}

/** What a refresh produced: the account as listed, and the tokens it now holds (for the copy that asked). */
export interface Refreshed {
  readonly summary: AccountSummary;
  readonly credentials: Credentials;
}

/** ID and access tokens ready for use, and until when they work. */
export interface FreshTokens {
  readonly idToken: string;
  readonly accessToken: string;
  readonly expiresAt: number | null;
}

export class SaasusAccounts {
  private readonly flights = makeSingleFlight<string, Refreshed>();
  /** Secret keys by connection id, read once (a "refresh all" of 1,000 accounts reads one); dropped when the connection is saved or removed. */
  private readonly secretKeys = new Map<string, Promise<string | null>>();
  /** What main holds of each account, by account id (see the file comment). */
  private readonly held = new Map<string, Held>();
  private readonly records: ProviderRecords<AccountData>;
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      readonly accounts: AccountsService;
      readonly metadata: MetadataStore;
      readonly secrets: SecretStore;
      readonly logins: LoginRegistry;
      readonly browser: ExternalBrowser;
      readonly bindings: Bindings;
      /** Test and benchmark knobs for every SaaSus call. */
      readonly api?: Pick<SaasusApiConfig, 'fetch' | 'timeoutMs' | 'clock'>;
      readonly now?: () => number;
      readonly loginTimeoutMs?: number;
    },
  ) {
    this.now = deps.now ?? Date.now;
    this.records = providerRecords(deps.accounts, 'saasus', AccountDataSchema);
    // Removal and log out: the tokens leave memory with the account.
    deps.accounts.onRemoved((id) => this.held.delete(id));
    deps.bindings.addSealer(sealSaasusEntries);
  }

  // ---- Connections ------------------------------------------------------------------------------

  async listConnections(): Promise<SaasusConnection[]> {
    await this.deps.bindings.ready();
    return this.deps.metadata.document.saasusConnections.map((c) => this.shown(c));
  }

  connection(id: string): SaasusConnectionRecord {
    const found = this.deps.metadata.document.saasusConnections.find((c) => c.id === id);
    if (!found) throw new AppError('not_found', 'This SaaS connection does not exist (it may have been removed).');
    return found;
  }

  /**
   * Creates or edits a connection. Without the secret key, an edit may change only what is not
   * sealed (name, callback port, a URL's path), and only of a connection whose seal is whole:
   * whoever may change where the secret key signs for must know it.
   */
  async saveConnection(input: SaveConnectionInput): Promise<SaasusConnection> {
    const existing = input.id ? this.connection(input.id) : undefined;
    if (!existing && !input.secretKey) throw new AppError('invalid_input', 'Enter the secret key of this SaaS.');
    checkUrl(input.apiBaseUrl, 'API base URL');
    checkUrl(input.loginUrl, 'login page URL');
    await this.deps.bindings.ready();
    const fields = {
      id: existing?.id ?? randomBytes(9).toString('base64url'),
      name: input.name,
      saasId: input.saasId,
      apiKey: input.apiKey,
      apiBaseUrl: input.apiBaseUrl,
      loginUrl: input.loginUrl,
      callbackPort: input.callbackPort,
    };
    if (existing && !input.secretKey) {
      if (!this.intact(existing)) throw new AppError('invalid_input', CONNECTION_CHANGED_OUTSIDE);
      const changed = sealedChanges(existing, fields);
      if (changed.length > 0) throw new AppError('invalid_input', `Enter the secret key again to change the ${changed.join(' and the ')}.`);
    }
    const connection: SaasusConnectionRecord = { ...fields, binding: this.deps.bindings.seal('saasus-connection', connectionSealed(fields)) };
    // The keychain first: the metadata never names a connection whose key was not stored.
    if (input.secretKey) await this.deps.secrets.set(connectionSecretKey('saasus', connection.id, 'secret-key'), input.secretKey);
    this.secretKeys.delete(connection.id);
    this.deps.metadata.update((doc) => ({
      ...doc,
      saasusConnections: existing ? doc.saasusConnections.map((c) => (c.id === connection.id ? connection : c)) : [...doc.saasusConnections, connection],
    }));
    // Accounts logged in against other hosts must log in again; ones this save made whole come back.
    if (existing) this.deps.accounts.setStatuses(this.reviewAccounts(connection.id));
    return this.shown(connection);
  }

  async removeConnection(id: string): Promise<void> {
    this.connection(id);
    const users = this.deps.metadata.accounts.filter((a) => this.records.data(a)?.connectionId === id);
    if (users.length > 0) throw new AppError('conflict', `Remove the ${users.length} account(s) of this SaaS first.`);
    await this.deps.secrets.delete(connectionSecretKey('saasus', id, 'secret-key'));
    this.secretKeys.delete(id);
    this.deps.metadata.update((doc) => ({ ...doc, saasusConnections: doc.saasusConnections.filter((c) => c.id !== id) }));
  }

  /**
   * Accounts whose route is broken and not yet marked so, and accounts marked so whose route is
   * whole again (the file was restored, the secret key entered again): the status changes to make.
   * All accounts, or those of one connection. Reads no secret; only after bindings.ready().
   */
  reviewAccounts(connectionId?: string): StatusChange[] {
    const changes: StatusChange[] = [];
    for (const record of this.deps.metadata.accounts) {
      const data = this.records.data(record);
      if (!data || (connectionId !== undefined && data.connectionId !== connectionId)) continue;
      const problem = this.routeProblem(record, data);
      if (problem && !(record.status === 'needs-login' && record.statusMessage === problem.message))
        changes.push({ id: record.id, status: 'needs-login', message: problem.message });
      else if (!problem && record.status === 'needs-login' && ROUTE_MESSAGES.has(record.statusMessage ?? '')) changes.push({ id: record.id, status: 'ok', message: null });
    }
    return changes;
  }

  async testConnection(id: string): Promise<ConnectionTest> {
    const connection = this.connection(id);
    const expectedCallbackUrl = callbackUrlOf(connection);
    return { ...(await testConnection(await this.apiConfig(connection), expectedCallbackUrl)), expectedCallbackUrl };
  }

  // ---- Logging in ---------------------------------------------------------------------------------

  login(loginId: string, connectionId: string): Promise<AccountSummary> {
    const connection = this.connection(connectionId);
    return this.deps.logins.run(loginId, async (ctx) => {
      const api = await this.apiConfig(connection);
      const credentials = await loginViaHostedPage({
        api,
        loginUrl: connection.loginUrl,
        callbackPort: connection.callbackPort,
        callbackPath: DEFAULT_CALLBACK_PATH,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: ctx.progress,
        signal: ctx.signal,
        timeoutMs: this.deps.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
      });
      ctx.progress('saving', 'Reading your tenants and roles…');
      return this.saveSession(connection, api, credentials);
    });
  }

  async exchangePastedCode(connectionId: string, pasted: string): Promise<AccountSummary> {
    const connection = this.connection(connectionId);
    const api = await this.apiConfig(connection);
    return this.saveSession(connection, api, await exchangeCode(api, pasted));
  }

  // ---- Refresh --------------------------------------------------------------------------------------

  /** Refreshes one account's tokens; concurrent callers share one request. */
  async refresh(accountId: string): Promise<AccountSummary> {
    return (await this.refreshWithTokens(accountId)).summary;
  }

  /** The same refresh, also giving the tokens it obtained, so a copy does not read them back. */
  private refreshWithTokens(accountId: string): Promise<Refreshed> {
    return this.flights.run(accountId, () => this.refreshNow(accountId));
  }

  private async refreshNow(accountId: string): Promise<Refreshed> {
    const { record, data, connection } = await this.route(accountId);
    const held = this.holding(accountId);
    const [refreshToken, api] = await Promise.all([this.refreshTokenOf(accountId, held), this.apiConfig(connection)]);
    if (!refreshToken) {
      this.deps.accounts.setStatus(accountId, 'needs-login', 'This account has no refresh token: log in again.');
      throw new AppError('needs_login', 'This account has no refresh token: log in again.');
    }
    let answer: Credentials;
    try {
      answer = await refreshTokens(api, refreshToken);
    } catch (error) {
      // 404 (the refresh token is expired or revoked) and 401 (SaaSus refused the call) both
      // need the user: the account is marked and keeps what it has until they decide.
      if (error instanceof AppError && errorRemedy(error.code) === 'user') {
        if (error.code === 'invalid_configuration') {
          // A refused signature may be a stale secret key: read it again next time.
          this.secretKeys.delete(connection.id);
          this.deps.accounts.setStatus(accountId, 'needs-login', error.message);
          throw error;
        }
        const message = 'SaaSus refused the refresh token (expired or revoked): log in again.';
        this.deps.accounts.setStatus(accountId, 'needs-login', message);
        throw new AppError('needs_login', message, { cause: error });
      }
      if (error instanceof AppError) this.deps.accounts.setStatus(accountId, 'failed', `Refresh failed: ${error.message}`);
      throw error;
    }
    // Only the refresh token was needed: it is all the merge needs of the old credentials.
    const old: Credentials = { idToken: '', accessToken: '', refreshToken };
    const merged = mergeRefreshed(old, answer);
    const idClaims = decodeClaims(merged.idToken);
    if (!idClaims) {
      // Like every other failed refresh: the account says so and keeps the tokens it had.
      const error = new AppError('bad_response', 'SaaSus returned an ID token Tessera cannot read.');
      this.deps.accounts.setStatus(accountId, 'failed', `Refresh failed: ${error.message}`);
      throw error;
    }
    const next: AccountData = {
      ...data,
      claims: idClaims,
      idTokenExpiresAt: expiresAt(idClaims),
      accessTokenExpiresAt: expiresAt(decodeClaims(merged.accessToken)),
      refreshTokenObtainedAt: answer.refreshToken ? this.now() : data.refreshTokenObtainedAt,
    };
    const rotated = refreshTokenRotated(old, answer);
    // Until the rotated one is stored, the keychain is the one to ask.
    if (rotated) held.refreshToken = undefined;
    const summary = await this.deps.accounts.saveRefreshed(record.id, {
      expiresAt: earliest(next.idTokenExpiresAt, next.accessTokenExpiresAt),
      data: next,
      // An unrotated refresh token is already stored: nothing is written. The ID and access
      // tokens stay in memory; entries an older Tessera kept for them go.
      changedSecrets: rotated && merged.refreshToken ? { [FIELDS.refreshToken]: merged.refreshToken } : {},
      writeFirst: FIELDS.refreshToken,
      droppedSecrets: [FIELDS.idToken, FIELDS.accessToken],
    });
    // Not when the account was forgotten (logged in again, removed) meanwhile: its new state wins.
    if (this.held.get(accountId) === held) {
      held.refreshToken = merged.refreshToken;
      held.session = { idToken: merged.idToken, accessToken: merged.accessToken, expiresAt: summary.expiresAt };
    }
    return { summary, credentials: merged };
  }

  /**
   * ID and access tokens that work for at least `leadMs` more: the held ones, or else (expiring,
   * or none held, as after a restart) the ones a refresh brings, shared with any refresh running.
   */
  async freshTokens(accountId: string, leadMs: number): Promise<FreshTokens> {
    const session = await this.session(accountId);
    if (session && (session.expiresAt === null || session.expiresAt - this.now() >= leadMs)) return session;
    const { summary, credentials } = await this.refreshWithTokens(accountId);
    return { idToken: credentials.idToken, accessToken: credentials.accessToken, expiresAt: summary.expiresAt };
  }

  // ---- Hand-off ---------------------------------------------------------------------------------------

  /** A 10-second code for this session, and the callback URL that redeems it. */
  async handOff(accountId: string): Promise<HandOff> {
    this.records.requireData(this.records.record(accountId));
    // The browser session starts from these tokens: not ones about to expire (or not held).
    const { idToken, accessToken } = await this.freshTokens(accountId, this.deps.accounts.settings().refreshLeadSeconds * 1000);
    const refreshToken = await this.refreshTokenOf(accountId, this.holding(accountId));
    const credentials: Credentials = refreshToken ? { idToken, accessToken, refreshToken } : { idToken, accessToken };
    // Checked right before the send: held tokens reach this point without a refresh.
    const { connection } = await this.route(accountId);
    return handOff(await this.apiConfig(connection), credentials);
  }

  async openInBrowser(accountId: string): Promise<{ expiresAt: number }> {
    const { url, expiresAt: until } = await this.handOff(accountId);
    await this.deps.browser.open(url);
    return { expiresAt: until };
  }

  // ---- What the account screen shows ----------------------------------------------------------------

  describe(record: AccountRecord): Pick<AccountDetail, 'facts' | 'provided'> {
    const data = this.records.data(record);
    if (!data) return { facts: [], provided: null };
    const connection = this.deps.metadata.document.saasusConnections.find((c) => c.id === data.connectionId);
    const provided: SaasusDetail = {
      kind: 'saasus',
      connectionId: data.connectionId,
      connectionName: connection?.name ?? 'Removed connection',
      userId: data.userId,
      tenants: data.tenants,
      claims: Object.entries(data.claims).map(([label, value]) => ({ label, value: typeof value === 'string' ? value : JSON.stringify(value) })),
      idTokenExpiresAt: data.idTokenExpiresAt,
      accessTokenExpiresAt: data.accessTokenExpiresAt,
      refreshTokenExpiresAt: data.refreshTokenObtainedAt === null ? null : data.refreshTokenObtainedAt + REFRESH_TOKEN_LIFETIME_MS,
    };
    const facts: AccountFact[] = [
      { label: 'SaaS', value: provided.connectionName },
      { label: 'User ID', value: data.userId },
    ];
    return { facts, provided };
  }

  /**
   * The tokens the account holds now (the ID and access tokens from memory, the refresh token from
   * memory or the keychain), whatever their expiry, or null when it holds no ID or access token
   * (as after a restart). For provider calls and tests; never for display.
   */
  async readCredentials(accountId: string): Promise<Credentials | null> {
    const session = await this.session(accountId);
    if (!session) return null;
    const refreshToken = await this.refreshTokenOf(accountId, this.holding(accountId));
    const { idToken, accessToken } = session;
    return refreshToken ? { idToken, accessToken, refreshToken } : { idToken, accessToken };
  }

  // ---- Internals ----------------------------------------------------------------------------------------

  /** What main holds of an account, created empty on first use. */
  private holding(accountId: string): Held {
    let held = this.held.get(accountId);
    if (!held) {
      held = {};
      this.held.set(accountId, held);
    }
    return held;
  }

  /** The refresh token: held, or read from the keychain (one read) and then held. */
  private async refreshTokenOf(accountId: string, held: Held): Promise<string | null> {
    if (held.refreshToken !== undefined) return held.refreshToken;
    const read = await this.deps.accounts.readSecret(accountId, FIELDS.refreshToken);
    if (read && this.held.get(accountId) === held) held.refreshToken ??= read;
    return read;
  }

  /**
   * The held ID and access tokens. Not held yet: the keychain has them only for an account without
   * a refresh token, or from an older Tessera; they are read once, and kept if still valid.
   */
  private async session(accountId: string): Promise<Session | null> {
    const record = this.records.record(accountId);
    const held = this.holding(accountId);
    if (held.session !== undefined) return held.session;
    let found: Session | null = null;
    if (record.secretFields.includes(FIELDS.idToken) && record.secretFields.includes(FIELDS.accessToken)) {
      const read = (field: string): Promise<string | null> => this.deps.accounts.readSecret(accountId, field);
      const [idToken, accessToken] = await Promise.all([read(FIELDS.idToken), read(FIELDS.accessToken)]);
      const until = idToken && accessToken ? earliest(expiresAt(decodeClaims(idToken)), expiresAt(decodeClaims(accessToken))) : null;
      if (idToken && accessToken && (until === null || until > this.now())) found = { idToken, accessToken, expiresAt: until };
    }
    // A refresh or login that finished meanwhile has newer tokens: they win.
    if (this.held.get(accountId) === held) held.session ??= found;
    return held.session ?? found;
  }

  private async saveSession(connection: SaasusConnectionRecord, api: SaasusApiConfig, credentials: Credentials): Promise<AccountSummary> {
    const info = await describeAccount(api, credentials);
    // The same user of the same SaaS logging in again replaces that account in place.
    const existing = this.deps.metadata.accounts.find((a) => {
      const d = this.records.data(a);
      return d?.connectionId === connection.id && d.userId === info.userId;
    });
    // Sealed to the hosts this user logged in against (apiConfig checked the connection's seal).
    const id = existing?.id ?? newAccountId();
    const route: AccountRoute = { connectionId: connection.id, apiOrigin: routeOrigin(apiBaseUrlOf(connection)), loginOrigin: routeOrigin(connection.loginUrl) };
    const data: AccountData = {
      ...route,
      binding: this.deps.bindings.seal('saasus-account', accountSealed(id, route)),
      userId: info.userId,
      email: info.email,
      tenants: info.tenants.map((t) => ({ ...t, envs: t.envs.map((e) => ({ ...e, roles: [...e.roles] })) })),
      claims: { ...info.idTokenClaims },
      idTokenExpiresAt: info.idTokenExpiresAt,
      accessTokenExpiresAt: info.accessTokenExpiresAt,
      refreshTokenObtainedAt: credentials.refreshToken ? this.now() : null,
    };
    // The old session goes now: a refresh still running for it must not put its tokens back.
    if (existing) this.held.delete(existing.id);
    const summary = await this.deps.accounts.save({
      id,
      provider: 'saasus',
      displayName: existing?.displayName ?? info.name ?? info.email,
      subtitle: `${info.email} · ${connection.name}`,
      expiresAt: earliest(info.idTokenExpiresAt, info.accessTokenExpiresAt),
      data,
      // With a refresh token, only it is stored (the save drops older ID and access token
      // entries); without one, the ID and access tokens are all there is to keep across a restart.
      secrets: credentials.refreshToken ? { [FIELDS.refreshToken]: credentials.refreshToken } : secretsOf(credentials),
      writeFirst: FIELDS.refreshToken,
    });
    const held: Held = { session: { idToken: credentials.idToken, accessToken: credentials.accessToken, expiresAt: summary.expiresAt } };
    if (credentials.refreshToken) held.refreshToken = credentials.refreshToken;
    this.held.set(summary.id, held);
    return summary;
  }

  /**
   * The account, its data and its connection, once its route is checked (see the file comment):
   * a broken one marks the account "needs login" with why and throws; nothing is sent.
   */
  private async route(accountId: string): Promise<{ record: AccountRecord; data: AccountData; connection: SaasusConnectionRecord }> {
    await this.deps.bindings.ready();
    const record = this.records.record(accountId);
    const data = this.records.requireData(record);
    const problem = this.routeProblem(record, data);
    if (problem) {
      if (record.status !== 'needs-login' || record.statusMessage !== problem.message) this.deps.accounts.setStatus(accountId, 'needs-login', problem.message);
      throw new AppError(problem.code, problem.message);
    }
    return { record, data, connection: this.connection(data.connectionId) };
  }

  /** Why this account's tokens must not be sent now; null when its route is whole. After bindings.ready(). */
  private routeProblem(record: AccountRecord, data: AccountData): RouteProblem | null {
    if (!this.deps.bindings.verify('saasus-account', accountSealed(record.id, data), data.binding)) return { code: 'changed_outside', message: ACCOUNT_CHANGED_OUTSIDE };
    const connection = this.deps.metadata.document.saasusConnections.find((c) => c.id === data.connectionId);
    // A missing connection sends nothing: connection() says so where it is needed.
    if (!connection) return null;
    if (!this.intact(connection)) return { code: 'changed_outside', message: ACCOUNT_CONNECTION_CHANGED_OUTSIDE };
    if (data.apiOrigin !== routeOrigin(apiBaseUrlOf(connection)) || data.loginOrigin !== routeOrigin(connection.loginUrl)) return { code: 'needs_login', message: ACCOUNT_HOST_CHANGED };
    return null;
  }

  /** True when the connection is as Tessera sealed it. After bindings.ready(). */
  private intact(connection: SaasusConnectionRecord): boolean {
    return this.deps.bindings.verify('saasus-connection', connectionSealed(connection), connection.binding);
  }

  /** A connection as the window sees it: no MAC, and whether it is whole. After bindings.ready(). */
  private shown(c: SaasusConnectionRecord): SaasusConnection {
    const intact = this.intact(c);
    return {
      id: c.id,
      name: c.name,
      saasId: c.saasId,
      apiKey: c.apiKey,
      apiBaseUrl: c.apiBaseUrl,
      loginUrl: c.loginUrl,
      callbackPort: c.callbackPort,
      status: intact ? 'ok' : 'changed-outside',
      statusMessage: intact ? null : CONNECTION_CHANGED_OUTSIDE,
    };
  }

  /** The signing configuration of a connection whose seal is whole; every SaaSus call starts here. */
  private async apiConfig(connection: SaasusConnectionRecord): Promise<SaasusApiConfig> {
    await this.deps.bindings.ready();
    if (!this.intact(connection))
      throw new AppError('changed_outside', `The SaaS connection "${connection.name}" was changed outside Tessera: nothing was sent. Enter its secret key again.`);
    let read = this.secretKeys.get(connection.id);
    if (!read) {
      const started = this.deps.secrets.get(connectionSecretKey('saasus', connection.id, 'secret-key'));
      read = started;
      this.secretKeys.set(connection.id, started);
      // A failed or empty read is not kept: the next call asks the keychain again.
      const forget = (): void => void (this.secretKeys.get(connection.id) === started && this.secretKeys.delete(connection.id));
      started.then((value) => value || forget(), forget);
    }
    const secretKey = await read;
    if (!secretKey) throw new AppError('invalid_configuration', `The secret key of "${connection.name}" is missing from the keychain: enter it again in the connection.`);
    return { ...this.deps.api, baseUrl: apiBaseUrlOf(connection), saasId: connection.saasId, apiKey: connection.apiKey, secretKey };
  }
}

function apiBaseUrlOf(connection: Pick<SaasusConnectionRecord, 'apiBaseUrl'>): string {
  return connection.apiBaseUrl || DEFAULT_BASE_URL;
}

/** What a connection is sealed over, in order: where its secret key signs for. */
function connectionSealed(c: Pick<SaasusConnectionRecord, 'id' | 'saasId' | 'apiKey' | 'apiBaseUrl' | 'loginUrl'>): string[] {
  return [c.id, c.saasId, c.apiKey, routeOrigin(apiBaseUrlOf(c)), routeOrigin(c.loginUrl)];
}

/** What an account is sealed over, in order: where its tokens may go. */
function accountSealed(accountId: string, route: AccountRoute): string[] {
  return [accountId, route.connectionId, route.apiOrigin ?? '', route.loginOrigin ?? ''];
}

/** The sealed fields an edit changes, named for the user. */
function sealedChanges(before: SaasusConnectionRecord, after: Pick<SaasusConnectionRecord, 'saasId' | 'apiKey' | 'apiBaseUrl' | 'loginUrl'>): string[] {
  const changes: string[] = [];
  if (before.saasId !== after.saasId) changes.push('SaaS ID');
  if (before.apiKey !== after.apiKey) changes.push('API key');
  if (routeOrigin(apiBaseUrlOf(before)) !== routeOrigin(apiBaseUrlOf(after))) changes.push('API base URL’s host');
  if (routeOrigin(before.loginUrl) !== routeOrigin(after.loginUrl)) changes.push('login page URL’s host');
  return changes;
}

/**
 * The upgrade step (src/main/vault/bindings.ts): seals every connection, and every account with
 * the origins of its connection as they are now (an account sealed before keeps its own).
 */
function sealSaasusEntries(doc: MetadataDocument, seal: Seal): MetadataDocument {
  const saasusConnections = doc.saasusConnections.map((c) => ({ ...c, binding: seal('saasus-connection', connectionSealed(c)) }));
  const accounts = doc.accounts.map((a) => {
    if (a.provider !== 'saasus') return a;
    const parsed = v.safeParse(AccountDataSchema, a.data);
    if (!parsed.success) return a;
    // Without its connection (which nothing should allow) it can send nothing anyway: sealed to no host.
    const connection = saasusConnections.find((c) => c.id === parsed.output.connectionId);
    const apiOrigin = parsed.output.apiOrigin ?? (connection ? routeOrigin(apiBaseUrlOf(connection)) : '');
    const loginOrigin = parsed.output.loginOrigin ?? (connection ? routeOrigin(connection.loginUrl) : '');
    const route: AccountRoute = { connectionId: parsed.output.connectionId, apiOrigin, loginOrigin };
    return { ...a, data: { ...a.data, apiOrigin, loginOrigin, binding: seal('saasus-account', accountSealed(a.id, route)) } };
  });
  return { ...doc, saasusConnections, accounts };
}

export function callbackUrlOf(connection: Pick<SaasusConnection, 'callbackPort'>): string {
  return `http://127.0.0.1:${connection.callbackPort}${DEFAULT_CALLBACK_PATH}`;
}

function secretsOf(c: Credentials): Record<string, string> {
  return {
    [FIELDS.idToken]: c.idToken,
    [FIELDS.accessToken]: c.accessToken,
    ...(c.refreshToken ? { [FIELDS.refreshToken]: c.refreshToken } : {}),
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

function checkUrl(value: string, what: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalid_input', `The ${what} is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) throw new AppError('invalid_input', `The ${what} must use https.`);
}
