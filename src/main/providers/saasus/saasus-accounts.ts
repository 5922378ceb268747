/**
 * SaaSus in Tessera: logging users in through the SaaS's hosted page or a pasted code, refreshing
 * their tokens, handing a session to the browser, and what the account screen shows. The protocol
 * lives in the files beside this one (api.ts, login.ts, refresh.ts, hand-off.ts), the SaaS
 * connections in connections.ts; this file stores what they return.
 *
 * Where things live: the refresh token (the durable credential, about 30 days) in the keychain
 * (`account/saasus/<id>/refresh-token`); the ID and access tokens (one hour) in main's memory only
 * (held-tokens.ts says why, and what an account whose login brought no refresh token keeps); the
 * rest (e-mail, tenants and roles, expiries, decoded claims) in the metadata (metadata.ts). The
 * expiry dates there describe the latest tokens Tessera obtained: after a restart those are no
 * longer held, so the next copy or hand-off refreshes first. A recovered account (metadata rebuilt
 * from the keychain) has its refresh token but not its connection: it reads "needs login" until its
 * user logs in again.
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
 * Where the tokens may go (src/main/vault/bindings.ts says why): an account is sealed over its id,
 * its connection's id and the two origins it logged in with (metadata.ts). Before any signed call
 * of an account (refresh, hand-off) its connection's seal is checked (connections.ts,
 * `apiConfig`), and its own seal and that its origins are still its connection's (`route`): a
 * refresh token is only ever sent to the host its user logged in against. A broken seal is a
 * `changed_outside` error, nothing is sent, and the account reads "needs login" with why; nothing
 * is deleted, so restoring the file (or entering the secret key again) brings it back. Accounts
 * whose origins are no longer their connection's (its hosts were changed, with the secret key)
 * must log in again, against the new host.
 */
import type { AccountDetail, AccountScope, DetailFact, AccountSummary, SaasusDetail } from '../../../shared/types';
import { newAccountId, type StatusChange } from '../../accounts/accounts-service';
import { providerRecords, type ProviderRecords, type SealProblem } from '../../accounts/provider-records';
import type { ErrorInfo } from '../../../shared/errors';
import { AppError } from '../../errors';
import { LOGIN_TIMEOUT_MS } from '../../logins/login-registry';
import { errorRemedy } from '../../../shared/error-policy';
import { makeSingleFlight } from '../../util/single-flight';
import type { ProviderContext } from '../provider-module';
import { routeOrigin } from '../../vault/bindings';
import type { AccountRecord, SaasusConnectionRecord } from '../../vault/metadata-schema';
import { decodeClaims, describeAccount, expiresAt } from './account-info';
import type { Credentials, SaasusApiConfig } from './api';
import { SaasusConnections } from './connections';
import { handOff, type HandOff } from './hand-off';
import { earliest, FIELDS, HeldTokens, type Held, type Session } from './held-tokens';
import { DEFAULT_CALLBACK_PATH, exchangeCode, loginViaHostedPage } from './login';
import { accountSealed, AccountDataSchema, apiBaseUrlOf, sealSaasusEntries, type AccountData, type AccountRoute } from './metadata';
import { mergeRefreshed, refreshTokenRotated, refreshTokens } from './refresh';

/** SaaSus does not say when a refresh token dies; its documented lifetime is about 30 days. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 3600 * 1000;

/** Account messages of a broken route; an account marked with one comes back once its route is whole again. */
export const ACCOUNT_CHANGED_OUTSIDE = 'This account was changed outside Tessera: nothing was sent. Log in again.';
export const ACCOUNT_CONNECTION_CHANGED_OUTSIDE =
  'Its SaaS connection was changed outside Tessera: nothing was sent. Enter the connection’s secret key again, or log in again.';
export const ACCOUNT_HOST_CHANGED = 'Its SaaS connection now points to another host: log in again there.';
const ROUTE_MESSAGES: ReadonlySet<string> = new Set([ACCOUNT_CHANGED_OUTSIDE, ACCOUNT_CONNECTION_CHANGED_OUTSIDE, ACCOUNT_HOST_CHANGED]);

/** What a refresh produced: the account as listed, and the tokens it now holds (for the copy that asked). */
export interface Refreshed {
  readonly summary: AccountSummary;
  readonly credentials: Credentials;
}

export class SaasusAccounts {
  /** The SaaS connections its users log in through. */
  readonly connections: SaasusConnections;
  private readonly flights = makeSingleFlight<string, Refreshed>();
  /** What main holds of each account, by account id (see the file comment). */
  private readonly held: HeldTokens;
  private readonly records: ProviderRecords<AccountData>;
  private readonly now: () => number;

  constructor(
    private readonly deps: ProviderContext & {
      /** Test and benchmark knobs for every SaaSus call. */
      readonly api?: Pick<SaasusApiConfig, 'fetch' | 'timeoutMs'>;
    },
  ) {
    this.now = deps.clock.now;
    this.records = providerRecords(deps.accounts, 'saasus', AccountDataSchema);
    this.held = new HeldTokens({
      readSecret: (id, field) => deps.accounts.readSecret(id, field),
      secretFields: (id) => this.records.record(id).secretFields,
      now: this.now,
    });
    this.connections = new SaasusConnections({
      metadata: deps.metadata,
      secrets: deps.secrets,
      bindings: deps.bindings,
      api: deps.api,
      now: this.now,
      accountsUsing: (id) => this.records.withData().filter(({ data }) => data.connectionId === id).length,
      edited: (id) => deps.accounts.setStatuses(this.reviewAccounts(id)),
    });
    // Removal and log out: the tokens leave memory with the account.
    deps.accounts.onRemoved((id) => this.held.forget(id));
    deps.bindings.addSealer(sealSaasusEntries);
  }

  /**
   * Accounts whose route is broken and not yet marked so, and accounts marked so whose route is
   * whole again (the file was restored, the secret key entered again): the status changes to make.
   * All accounts, or those of one connection. Reads no secret; only after bindings.ready().
   */
  reviewAccounts(connectionId?: string): StatusChange[] {
    const only = connectionId === undefined ? undefined : (data: AccountData) => data.connectionId === connectionId;
    return this.records.review((record, data) => this.routeProblem(record, data), ROUTE_MESSAGES, only);
  }

  // ---- Logging in ---------------------------------------------------------------------------------

  login(loginId: string, connectionId: string): Promise<AccountSummary> {
    const connection = this.connections.get(connectionId);
    return this.deps.logins.run(loginId, async (ctx) => {
      const api = await this.connections.apiConfig(connection);
      const credentials = await loginViaHostedPage({
        api,
        loginUrl: connection.loginUrl,
        callbackPort: connection.callbackPort,
        callbackPath: DEFAULT_CALLBACK_PATH,
        openBrowser: (url) => this.deps.browser.open(url),
        onProgress: ctx.progress,
        signal: ctx.signal,
        timeoutMs: this.deps.loginTimeoutMs ?? LOGIN_TIMEOUT_MS,
        locale: this.deps.locale,
      });
      ctx.progress('reading-tenants');
      return this.saveSession(connection, api, credentials);
    });
  }

  async exchangePastedCode(connectionId: string, pasted: string): Promise<AccountSummary> {
    const connection = this.connections.get(connectionId);
    const api = await this.connections.apiConfig(connection);
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
    const held = this.held.of(accountId);
    const [refreshToken, api] = await Promise.all([this.held.refreshToken(accountId, held), this.connections.apiConfig(connection)]);
    if (!refreshToken) {
      const error = new AppError('needs_login', 'This account has no refresh token: log in again.', { key: 'saasus.noRefreshToken' });
      this.deps.accounts.setStatus(accountId, 'needs-login', error.toInfo());
      throw error;
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
          this.connections.forgetSecretKey(connection.id);
          this.deps.accounts.setStatus(accountId, 'needs-login', error.toInfo());
          throw error;
        }
        const refused = new AppError('needs_login', 'SaaSus refused the refresh token (expired or revoked): log in again.', { cause: error, key: 'saasus.refreshRefused' });
        this.deps.accounts.setStatus(accountId, 'needs-login', refused.toInfo());
        throw refused;
      }
      if (error instanceof AppError) this.deps.accounts.setStatus(accountId, 'failed', refreshFailed(error));
      throw error;
    }
    // Only the refresh token was needed: it is all the merge needs of the old credentials.
    const old: Credentials = { idToken: '', accessToken: '', refreshToken };
    const merged = mergeRefreshed(old, answer);
    const idClaims = decodeClaims(merged.idToken);
    if (!idClaims) {
      // Like every other failed refresh: the account says so and keeps the tokens it had.
      const error = new AppError('bad_response', 'SaaSus returned an ID token Tessera cannot read.', { key: 'saasus.idTokenUnreadable' });
      this.deps.accounts.setStatus(accountId, 'failed', refreshFailed(error));
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
    if (this.held.current(accountId, held)) {
      held.refreshToken = merged.refreshToken;
      held.session = { idToken: merged.idToken, accessToken: merged.accessToken, expiresAt: summary.expiresAt };
    }
    return { summary, credentials: merged };
  }

  /**
   * ID and access tokens that work for at least `leadMs` more: the held ones, or else (expiring,
   * or none held, as after a restart) the ones a refresh brings, shared with any refresh running.
   */
  async freshTokens(accountId: string, leadMs: number): Promise<Session> {
    const session = await this.held.session(accountId);
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
    const refreshToken = await this.held.refreshToken(accountId);
    const credentials: Credentials = refreshToken ? { idToken, accessToken, refreshToken } : { idToken, accessToken };
    // Checked right before the send: held tokens reach this point without a refresh.
    const { connection } = await this.route(accountId);
    return handOff(await this.connections.apiConfig(connection), credentials);
  }

  async openInBrowser(accountId: string): Promise<{ expiresAt: number }> {
    const { url, expiresAt: until } = await this.handOff(accountId);
    await this.deps.browser.open(url);
    return { expiresAt: until };
  }

  // ---- What the account screen shows ----------------------------------------------------------------

  /**
   * The tenants, and when the session ends: while a refresh token is held, tokens renew themselves
   * until then. The SaaS is already in the subtitle ("e-mail · SaaS"), so not again here.
   */
  scope(record: AccountRecord): AccountScope | undefined {
    const data = this.records.data(record);
    if (!data) return undefined;
    return {
      via: null,
      rights: null,
      tenants: data.tenants.map((t) => t.name),
      sessionEndsAt: data.refreshTokenObtainedAt === null ? null : data.refreshTokenObtainedAt + REFRESH_TOKEN_LIFETIME_MS,
    };
  }

  describe(record: AccountRecord): Pick<AccountDetail, 'facts' | 'provided'> {
    const data = this.records.data(record);
    if (!data) return { facts: [], provided: null };
    const provided: SaasusDetail = {
      kind: 'saasus',
      connectionId: data.connectionId,
      connectionName: this.connections.find(data.connectionId)?.name ?? 'Removed connection',
      userId: data.userId,
      tenants: data.tenants,
      claims: Object.entries(data.claims).map(([label, value]) => ({ label, value: typeof value === 'string' ? value : JSON.stringify(value) })),
      idTokenExpiresAt: data.idTokenExpiresAt,
      accessTokenExpiresAt: data.accessTokenExpiresAt,
      refreshTokenExpiresAt: data.refreshTokenObtainedAt === null ? null : data.refreshTokenObtainedAt + REFRESH_TOKEN_LIFETIME_MS,
    };
    const facts: DetailFact[] = [
      { label: 'saas', value: provided.connectionName },
      { label: 'userId', value: data.userId },
    ];
    return { facts, provided };
  }

  /**
   * The tokens the account holds now (the ID and access tokens from memory, the refresh token from
   * memory or the keychain), whatever their expiry, or null when it holds no ID or access token
   * (as after a restart). For provider calls and tests; never for display.
   */
  async readCredentials(accountId: string): Promise<Credentials | null> {
    const session = await this.held.session(accountId);
    if (!session) return null;
    const refreshToken = await this.held.refreshToken(accountId);
    const { idToken, accessToken } = session;
    return refreshToken ? { idToken, accessToken, refreshToken } : { idToken, accessToken };
  }

  // ---- Internals ----------------------------------------------------------------------------------------

  private async saveSession(connection: SaasusConnectionRecord, api: SaasusApiConfig, credentials: Credentials): Promise<AccountSummary> {
    const info = await describeAccount(api, credentials);
    // The same user of the same SaaS logging in again replaces that account in place.
    const existing = this.records.withData().find(({ data: d }) => d.connectionId === connection.id && d.userId === info.userId)?.record;
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
    if (existing) this.held.forget(existing.id);
    const summary = await this.deps.accounts.save({
      id,
      provider: 'saasus',
      displayName: existing?.displayName || info.name || info.email, // '' = rebuilt, no name of its own yet
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
    this.held.replace(summary.id, held);
    return summary;
  }

  /**
   * The account, its data and its connection, once its route is checked (see the file comment):
   * a broken one marks the account "needs login" with why and throws; nothing is sent.
   */
  private async route(accountId: string): Promise<{ record: AccountRecord; data: AccountData; connection: SaasusConnectionRecord }> {
    await this.deps.bindings.ready();
    const { record, data } = this.records.checked(accountId, (r, d) => this.routeProblem(r, d));
    return { record, data, connection: this.connections.get(data.connectionId) };
  }

  /** Why this account's tokens must not be sent now; null when its route is whole. After bindings.ready(). */
  private routeProblem(record: AccountRecord, data: AccountData): SealProblem | null {
    if (!this.deps.bindings.verify('saasus-account', accountSealed(record.id, data), data.binding)) return { code: 'changed_outside', message: ACCOUNT_CHANGED_OUTSIDE, key: 'account.changedOutside' };
    const connection = this.connections.find(data.connectionId);
    // A missing connection sends nothing: connections.get() says so where it is needed.
    if (!connection) return null;
    if (!this.connections.intact(connection)) return { code: 'changed_outside', message: ACCOUNT_CONNECTION_CHANGED_OUTSIDE, key: 'saasus.accountConnectionChanged' };
    if (data.apiOrigin !== routeOrigin(apiBaseUrlOf(connection)) || data.loginOrigin !== routeOrigin(connection.loginUrl)) return { code: 'needs_login', message: ACCOUNT_HOST_CHANGED, key: 'saasus.accountHostChanged' };
    return null;
  }
}

function secretsOf(c: Credentials): Record<string, string> {
  return {
    [FIELDS.idToken]: c.idToken,
    [FIELDS.accessToken]: c.accessToken,
    ...(c.refreshToken ? { [FIELDS.refreshToken]: c.refreshToken } : {}),
  };
}

/** A failed refresh as the account keeps it: "Refresh failed: …" for the command line, the error's own words for the window. */
function refreshFailed(error: AppError): ErrorInfo {
  return { ...error.toInfo(), message: `Refresh failed: ${error.message}` };
}
