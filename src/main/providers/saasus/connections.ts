/**
 * SaaS connections: a SaaS's ID, API key and secret key, its API base URL and login page, and the
 * loopback port Tessera listens on for its login callback. The secret key lives in the keychain
 * (`connection/saasus/<id>/secret-key`), and in memory per connection after its first read (a
 * "refresh all" of 1,000 accounts reads it once); everything else in the metadata.
 *
 * A connection is sealed over its id, SaaS ID, API key and the origins of its API base URL and
 * login page, not its name or port (metadata.ts; src/main/vault/bindings.ts says why). Every
 * signed SaaSus call starts from `apiConfig`, which checks the seal first: a broken one is a
 * `changed_outside` error and nothing is sent. Changing a sealed field needs the secret key again:
 * whoever may change where the secret key signs for must know it.
 */
import { randomBytes } from 'node:crypto';
import { saasusCallbackUrl } from '../../../shared/callback-urls';
import type { SaasusConnectionInput } from '../../../shared/model';
import type { SaasusConnection, SaasusConnectionTest } from '../../../shared/types';
import { AppError } from '../../errors';
import { isLoopbackHost } from '../../net/loopback';
import { routeOrigin, type Bindings } from '../../vault/bindings';
import type { SaasusConnectionRecord } from '../../vault/metadata-schema';
import type { MetadataStore } from '../../vault/metadata-store';
import { connectionSecretKey, type SecretStore } from '../../vault/secret-store';
import { SavedConnections } from '../saved-connections';
import type { SaasusApiConfig } from './api';
import { testConnection } from './connection';
import { apiBaseUrlOf, connectionSealed } from './metadata';

/** Shown on a connection whose seal is broken, and said when it refuses a call. */
export const CONNECTION_CHANGED_OUTSIDE = 'Changed outside Tessera: enter the secret key again.';

export interface SaasusConnectionsDeps {
  readonly metadata: MetadataStore;
  readonly secrets: SecretStore;
  readonly bindings: Bindings;
  /** Test and benchmark knobs for every SaaSus call. */
  readonly api?: Pick<SaasusApiConfig, 'fetch' | 'timeoutMs'>;
  /** The app's clock: the time in each signature. */
  readonly now: () => number;
  /** How many accounts logged in through this connection (a connection in use cannot be removed). */
  readonly accountsUsing: (connectionId: string) => number;
  /** An existing connection was saved: the routes of its accounts are reviewed again. */
  readonly edited: (connectionId: string) => void;
}

export class SaasusConnections extends SavedConnections<'saasusConnections', SaasusConnection> {
  /** Secret keys by connection id, read once; dropped when the connection is saved or removed. */
  private readonly secretKeys = new Map<string, Promise<string | null>>();

  constructor(private readonly deps: SaasusConnectionsDeps) {
    super(deps, { list: 'saasusConnections', purpose: 'saasus-connection', sealed: connectionSealed, noun: 'SaaS connection',
      secret: 'secret key of this SaaS',
      words: { notFound: 'saasus.connectionNotFound', enterSecret: 'saasus.enterSecretKey' },
    });
  }

  /**
   * Creates or edits a connection. Without the secret key, an edit may change only what is not
   * sealed (name, callback port, a URL's path), and only of a connection whose seal is whole.
   * With `check`, the connection is tested first (one signed call, as "Test connection" makes)
   * and nothing is stored, in the keychain or the metadata, when SaaSus refuses it or cannot be
   * reached: the form keeps what the user typed and shows the error at its fields.
   */
  async save(input: SaasusConnectionInput): Promise<SaasusConnection> {
    const existing = this.editing(input.id, input.secretKey);
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
      if (!this.intact(existing)) throw new AppError('invalid_input', CONNECTION_CHANGED_OUTSIDE, { key: 'saasus.changedOutside' });
      const changed = sealedChanges(existing, fields);
      if (changed.length > 0) throw new AppError('invalid_input', `Enter the secret key again to change the ${changed.join(' and the ')}.`, { key: 'saasus.secretKeyToChange' });
    }
    if (input.check) {
      const signing = input.secretKey
        ? { ...this.deps.api, clock: this.deps.now, saasId: fields.saasId, apiKey: fields.apiKey, secretKey: input.secretKey }
        : await this.apiConfig(existing!);
      await testConnection({ ...signing, baseUrl: apiBaseUrlOf(fields) }, callbackUrlOf(fields));
    }
    const connection: SaasusConnectionRecord = { ...fields, binding: this.deps.bindings.seal('saasus-connection', connectionSealed(fields)) };
    // The keychain first: the metadata never names a connection whose key was not stored.
    if (input.secretKey) await this.deps.secrets.set(connectionSecretKey('saasus', connection.id, 'secret-key'), input.secretKey);
    this.secretKeys.delete(connection.id);
    this.put(connection);
    // Accounts logged in against other hosts must log in again; ones this save made whole come back.
    if (existing) this.deps.edited(connection.id);
    return this.shown(connection);
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    const users = this.deps.accountsUsing(id);
    if (users > 0) throw new AppError('conflict', `Remove the ${users} account(s) of this SaaS first.`, { key: 'saasus.removeAccountsFirst', params: { n: users, count: String(users) } });
    await this.deps.secrets.delete(connectionSecretKey('saasus', id, 'secret-key'));
    this.secretKeys.delete(id);
    this.drop(id);
  }

  /** "Test connection": one signed call, and whether the SaaS's callback is Tessera's. */
  async test(id: string): Promise<SaasusConnectionTest> {
    const connection = this.get(id);
    const expectedCallbackUrl = callbackUrlOf(connection);
    return { ...(await testConnection(await this.apiConfig(connection), expectedCallbackUrl)), expectedCallbackUrl };
  }

  /** The signing configuration of a connection whose seal is whole; every SaaSus call starts here. */
  async apiConfig(connection: SaasusConnectionRecord): Promise<SaasusApiConfig> {
    await this.deps.bindings.ready();
    if (!this.intact(connection))
      throw new AppError('changed_outside', `The SaaS connection "${connection.name}" was changed outside Tessera: nothing was sent. Enter its secret key again.`, {
        key: 'saasus.connectionChangedOutside',
        params: { name: connection.name },
      });
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
    if (!secretKey) throw new AppError('invalid_configuration', `The secret key of "${connection.name}" is missing from the keychain: enter it again in the connection.`, {
        key: 'saasus.secretKeyMissing',
        params: { name: connection.name },
      });
    return { ...this.deps.api, clock: this.deps.now, baseUrl: apiBaseUrlOf(connection), saasId: connection.saasId, apiKey: connection.apiKey, secretKey };
  }

  /** A refused signature may be a stale secret key: the next call reads it again. */
  forgetSecretKey(connectionId: string): void {
    this.secretKeys.delete(connectionId);
  }

  protected shown(c: SaasusConnectionRecord): SaasusConnection {
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
      statusReason: intact ? null : { code: 'changed_outside', key: 'saasus.changedOutside' },
    };
  }
}

export function callbackUrlOf(connection: Pick<SaasusConnection, 'callbackPort'>): string {
  return saasusCallbackUrl(connection.callbackPort);
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

function checkUrl(value: string, what: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('invalid_input', `The ${what} is not a valid URL.`, { key: 'saasus.badUrl' });
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new AppError('invalid_input', `The ${what} must use https.`, { key: 'saasus.badUrl' });
}
