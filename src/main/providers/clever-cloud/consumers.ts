/**
 * A user's own Clever Cloud OAuth consumers: a name, a key and the fixed loopback port of the
 * login callback in the metadata, the secret in the keychain
 * (`connection/clever-cloud-consumer/<id>/secret`).
 *
 * PLAINTEXT signatures carry the consumer secret, so a consumer is sealed over its id and key
 * (metadata.ts; src/main/vault/bindings.ts says why). `credentials`, the one way to its secret,
 * checks the seal first: a broken one is a `changed_outside` error and nothing is signed. Changing
 * the key, or mending a consumer changed outside Tessera, needs the secret again.
 */
import { randomBytes } from 'node:crypto';
import { CLEVER_CLOUD_DEFAULT_CALLBACK_PORT } from '../../../shared/callback-urls';
import type { CleverCloudConsumer } from '../../../shared/types';
import { AppError } from '../../errors';
import type { Bindings } from '../../vault/bindings';
import type { CleverCloudConsumerRecord } from '../../vault/metadata-schema';
import type { MetadataStore } from '../../vault/metadata-store';
import { connectionSecretKey, type SecretStore } from '../../vault/secret-store';
import { SavedConnections } from '../saved-connections';
import { CLEVER_TOOLS_CONSUMER } from './constants';
import { consumerSealed } from './metadata';
import type { ConsumerCredentials } from './oauth1';

const CONSUMER_KIND = 'clever-cloud-consumer';

/** Shown on a consumer whose seal is broken, and said when it refuses a call. */
export const CONSUMER_CHANGED_OUTSIDE = 'Changed outside Tessera: enter the consumer secret again.';

export interface SaveConsumerInput {
  readonly id?: string;
  readonly name: string;
  readonly key: string;
  /** Required for a new consumer; an edit without it keeps the stored one. */
  readonly secret?: string;
  readonly callbackPort: number;
}

export interface CleverCloudConsumersDeps {
  readonly metadata: MetadataStore;
  readonly secrets: SecretStore;
  readonly bindings: Bindings;
  /** How many accounts log in through this consumer (a consumer in use cannot be removed). */
  readonly accountsUsing: (consumerId: string) => number;
  /** How many replaced tokens still wait to be revoked with it (revoking needs its secret). */
  readonly revocationsWaiting: (consumerId: string) => number;
  /** An existing consumer was saved: the accounts' seals are reviewed again. */
  readonly edited: () => void;
}

export class CleverCloudConsumers extends SavedConnections<'cleverCloudConsumers', CleverCloudConsumer> {
  constructor(private readonly deps: CleverCloudConsumersDeps) {
    super(deps, { list: 'cleverCloudConsumers', purpose: 'clever-cloud-consumer', sealed: consumerSealed, noun: 'OAuth consumer',
      secret: 'consumer secret',
      words: { notFound: 'cleverCloud.consumerNotFound', enterSecret: 'cleverCloud.enterConsumerSecret' },
    });
  }

  /** Creates or edits a consumer; changing its key, or mending one changed outside Tessera, needs the secret. */
  async save(input: SaveConsumerInput): Promise<CleverCloudConsumer> {
    const existing = this.editing(input.id, input.secret);
    await this.deps.bindings.ready();
    if (existing && !input.secret) {
      if (!this.intact(existing)) throw new AppError('invalid_input', CONSUMER_CHANGED_OUTSIDE, { key: 'cleverCloud.consumerChanged' });
      if (existing.key !== input.key) throw new AppError('invalid_input', 'Enter the consumer secret again to change the consumer key.', { key: 'cleverCloud.secretToChangeKey' });
    }
    const id = existing?.id ?? randomBytes(9).toString('base64url');
    const consumer: CleverCloudConsumerRecord = {
      id,
      name: input.name,
      key: input.key,
      callbackPort: input.callbackPort,
      binding: this.deps.bindings.seal('clever-cloud-consumer', consumerSealed({ id, key: input.key })),
    };
    if (input.secret) await this.deps.secrets.set(connectionSecretKey(CONSUMER_KIND, consumer.id, 'secret'), input.secret);
    this.put(consumer);
    // Accounts this save made whole again come back.
    if (existing) this.deps.edited();
    return this.shown(consumer);
  }

  /**
   * The saved consumer with this key and secret (its seal whole), or a new one saved under `name`
   * (its secret to the keychain, like any consumer): how a clever-tools profile's
   * OAUTH_CONSUMER_KEY / OAUTH_CONSUMER_SECRET become the consumer of the account imported from it.
   * Returns the consumer's id and whether it was created (an import that then fails removes it).
   */
  async adopt(consumer: ConsumerCredentials, name: string): Promise<{ readonly id: string; readonly created: boolean }> {
    await this.deps.bindings.ready();
    for (const candidate of this.records()) {
      if (candidate.key !== consumer.key || !this.intact(candidate)) continue;
      const secret = await this.deps.secrets.get(connectionSecretKey(CONSUMER_KIND, candidate.id, 'secret'));
      if (secret === consumer.secret) return { id: candidate.id, created: false };
    }
    const saved = await this.save({ name, key: consumer.key, secret: consumer.secret, callbackPort: CLEVER_CLOUD_DEFAULT_CALLBACK_PORT });
    return { id: saved.id, created: true };
  }

  async remove(id: string): Promise<void> {
    this.get(id);
    const users = this.deps.accountsUsing(id);
    if (users > 0) throw new AppError('conflict', `Log out of the ${users} account(s) of this consumer first.`, { key: 'cleverCloud.logOutFirst', params: { n: users, count: String(users) } });
    // Revoking a replaced token needs its consumer's secret.
    const waiting = this.deps.revocationsWaiting(id);
    if (waiting > 0) throw new AppError('conflict', `${waiting} replaced token(s) of this consumer could not be revoked yet: retry them first.`, {
        key: 'cleverCloud.revokeFirst',
        params: { n: waiting, count: String(waiting) },
      });
    await this.deps.secrets.delete(connectionSecretKey(CONSUMER_KIND, id, 'secret'));
    this.drop(id);
  }

  /** The key and secret to sign with: clever-tools' public consumer for 'cli', else a consumer whose seal is whole. After bindings.ready(). */
  async credentials(consumerRef: string): Promise<ConsumerCredentials> {
    if (consumerRef === 'cli') return CLEVER_TOOLS_CONSUMER;
    const consumer = this.get(consumerRef);
    if (!this.intact(consumer))
      throw new AppError('changed_outside', `The OAuth consumer "${consumer.name}" was changed outside Tessera: nothing was sent. Enter its secret again.`, {
        key: 'cleverCloud.consumerChangedOutside',
        params: { name: consumer.name },
      });
    const secret = await this.deps.secrets.get(connectionSecretKey(CONSUMER_KIND, consumer.id, 'secret'));
    if (!secret) throw new AppError('invalid_configuration', `The secret of the consumer "${consumer.name}" is missing from the keychain: enter it again.`, {
        key: 'cleverCloud.consumerSecretMissing',
        params: { name: consumer.name },
      });
    return { key: consumer.key, secret };
  }

  protected shown(c: CleverCloudConsumerRecord): CleverCloudConsumer {
    const intact = this.intact(c);
    const statusReason = intact ? null : ({ code: 'changed_outside', key: 'cleverCloud.consumerChanged' } as const);
    return { id: c.id, name: c.name, key: c.key, callbackPort: c.callbackPort, status: intact ? 'ok' : 'changed-outside', statusMessage: intact ? null : CONSUMER_CHANGED_OUTSIDE, statusReason };
  }
}
