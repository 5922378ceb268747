/**
 * The one way to sign for a Clever Cloud account (clever-cloud-accounts.ts says what the seals
 * protect): the API and consumer a login or an import checks a token with (`apiFor`), and those an
 * existing account's calls go to (`accountApi`, `signing`), once the account's and its consumer's
 * seals are checked.
 *
 * Where the secrets may go (src/main/vault/bindings.ts says why): PLAINTEXT signatures carry the
 * consumer secret and the token secret, so an account is sealed over its id, its consumer and the
 * API base URL it logged in with, which is also the one its calls use. The whole base URL is
 * sealed, not only its origin: there is no way to edit it, and a path of its own could aim an
 * account's `DELETE /self/tokens/{token}` at another endpoint of the same host. A broken seal is a
 * `changed_outside` error, nothing is sent, and the account reads "needs login" with why; it comes
 * back by itself once its seals are whole again (`review`).
 */
import type { StatusChange } from '../../accounts/accounts-service';
import type { ProviderRecords, SealProblem } from '../../accounts/provider-records';
import { AppError } from '../../errors';
import type { ProviderContext } from '../provider-module';
import type { AccountRecord } from '../../vault/metadata-schema';
import type { CleverCloudApiConfig } from './api';
import { DEFAULT_API_BASE_URL, DEFAULT_BRIDGE_URL } from './constants';
import type { CleverCloudConsumers } from './consumers';
import { accountSealed, type AccountData } from './metadata';
import type { TokenCredentials } from './oauth1';
import { readTokenEntry } from './token-entry';

/** Account messages of a broken seal; an account marked with one comes back once its seals are whole again. */
export const ACCOUNT_CHANGED_OUTSIDE = 'This account was changed outside Tessera: nothing was sent. Log in again.';
export const ACCOUNT_CONSUMER_CHANGED_OUTSIDE = 'Its OAuth consumer was changed outside Tessera: nothing was sent. Enter the consumer secret again.';
const SEAL_MESSAGES: ReadonlySet<string> = new Set([ACCOUNT_CHANGED_OUTSIDE, ACCOUNT_CONSUMER_CHANGED_OUTSIDE]);

export interface CleverCloudAccessDeps {
  readonly context: Pick<ProviderContext, 'accounts' | 'bindings' | 'clock'>;
  readonly records: ProviderRecords<AccountData>;
  readonly consumers: CleverCloudConsumers;
  /** The configured API, its test knobs, and the configured API bridge. */
  readonly baseUrl?: string;
  readonly bridgeUrl?: string;
  readonly api?: Pick<CleverCloudApiConfig, 'fetch' | 'timeoutMs' | 'signatureMethod'>;
}

export class CleverCloudAccess {
  constructor(private readonly deps: CleverCloudAccessDeps) {}

  /**
   * Accounts whose seals are broken and not yet marked so, and accounts marked so whose seals are
   * whole again: the status changes to make. Reads no secret; only after bindings.ready().
   */
  review(): StatusChange[] {
    return this.deps.records.review((record, data) => this.sealProblem(record, data), SEAL_MESSAGES);
  }

  /** The account's token and secret: one keychain read (two for an account an older Tessera saved). */
  readCredentials(accountId: string): Promise<TokenCredentials | null> {
    return readTokenEntry(this.deps.context.accounts, this.deps.records.record(accountId));
  }

  /**
   * What another call made as this user needs (service-tokens/service.ts): the API and consumer the
   * account's seals vouch for, its token, and the user's id. `needs_login` when it has no token.
   */
  async signing(accountId: string): Promise<{ readonly api: CleverCloudApiConfig; readonly credentials: TokenCredentials; readonly userId: string; readonly data: AccountData }> {
    const { api, data } = await this.accountApi(accountId);
    const credentials = await this.readCredentials(accountId);
    if (!credentials) throw new AppError('needs_login', 'This account has no token any more: log in again.', { key: 'cleverCloud.noToken' });
    return { api, credentials, userId: data.userId, data };
  }

  configuredBridge(): string {
    return this.deps.bridgeUrl ?? DEFAULT_BRIDGE_URL;
  }

  /** The configured API, without a consumer. */
  apiBase(): Omit<CleverCloudApiConfig, 'consumer'> {
    return { ...this.deps.api, clock: this.deps.context.clock.now, baseUrl: this.deps.baseUrl ?? DEFAULT_API_BASE_URL };
  }

  /** The signing configuration of a consumer (its seal checked) for the configured API: a login or an import. */
  async apiFor(consumerRef: string): Promise<CleverCloudApiConfig> {
    await this.deps.context.bindings.ready();
    return { ...this.apiBase(), consumer: await this.deps.consumers.credentials(consumerRef) };
  }

  /**
   * The one way to sign for an existing account: its own API base URL and its consumer, once the
   * account's and the consumer's seals are checked (a broken one marks the account and throws
   * `changed_outside`: nothing is signed). The record is read after the key is held, so that it
   * is the one the upgrade step sealed.
   */
  async accountApi(accountId: string): Promise<{ api: CleverCloudApiConfig; record: AccountRecord; data: AccountData }> {
    await this.deps.context.bindings.ready();
    const { record, data } = this.deps.records.checked(accountId, (r, d) => this.sealProblem(r, d));
    return { api: { ...this.apiBase(), baseUrl: data.apiBaseUrl, consumer: await this.deps.consumers.credentials(data.consumerRef) }, record, data };
  }

  /** Why this account's secrets must not be signed with now; null when its seals are whole. After bindings.ready(). */
  private sealProblem(record: AccountRecord, data: AccountData): SealProblem | null {
    const { bindings } = this.deps.context;
    if (data.apiBaseUrl === undefined || !bindings.verify('clever-cloud-account', accountSealed(record.id, data.consumerRef, data.apiBaseUrl, data.bridgeUrl), data.binding))
      return { code: 'changed_outside', message: ACCOUNT_CHANGED_OUTSIDE, key: 'account.changedOutside' };
    if (data.consumerRef === 'cli') return null;
    const consumer = this.deps.consumers.find(data.consumerRef);
    return consumer && !this.deps.consumers.intact(consumer) ? { code: 'changed_outside', message: ACCOUNT_CONSUMER_CHANGED_OUTSIDE, key: 'cleverCloud.accountConsumerChanged' } : null;
  }
}
