/**
 * The part every kind of saved connection shares, over a real metadata file and the real keychain
 * (the bindings' key): found by id, refused in the kind's own words, a new one only with its secret,
 * saved in place and on disk, and shown as whole or changed outside Tessera. The kinds themselves
 * are tested with their providers (saasus/saasus-accounts.test.ts, clever-cloud/clever-cloud-accounts.test.ts).
 */
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confFactory, makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { failure } from '../../../test/support/failure';
import { Bindings } from '../vault/bindings';
import type { CleverCloudConsumerRecord } from '../vault/metadata-schema';
import { MetadataStore } from '../vault/metadata-store';
import { KeytarSecretStore } from '../vault/secret-store';
import { SavedConnections } from './saved-connections';

let world: TestWorld;
beforeEach(() => {
  world = makeTestWorld();
});
afterEach(() => world.cleanup());

/** A kind of saved connection, with the subclass's part kept to what the window sees. */
class Consumers extends SavedConnections<'cleverCloudConsumers', { id: string; name: string; whole: boolean }> {
  constructor(private readonly deps: { metadata: MetadataStore; bindings: Bindings }) {
    super(deps, {
      list: 'cleverCloudConsumers', purpose: 'clever-cloud-consumer', sealed: (c) => [c.id, c.key], noun: 'test consumer',
      secret: 'test secret',
      words: { notFound: 'cleverCloud.consumerNotFound', enterSecret: 'cleverCloud.enterConsumerSecret' },
    });
  }

  protected shown(c: CleverCloudConsumerRecord) {
    return { id: c.id, name: c.name, whole: this.intact(c) };
  }

  /** A save as a subclass makes one: the edit check, then the sealed record. */
  async save(input: { id?: string; name: string; key: string; secret?: string }): Promise<void> {
    const existing = this.editing(input.id, input.secret);
    await this.deps.bindings.ready();
    const id = existing?.id ?? input.name;
    this.put({ id, name: input.name, key: input.key, callbackPort: 45874, binding: this.deps.bindings.seal('clever-cloud-consumer', [id, input.key]) });
  }

  remove(id: string): void {
    this.drop(id);
  }
}

function open() {
  const secrets = new KeytarSecretStore({ keytar, service: world.service });
  const metadata = MetadataStore.open({ dir: world.dir, factory: confFactory });
  const bindings = new Bindings({ secrets, metadata });
  return { metadata, bindings, consumers: new Consumers({ metadata, bindings }) };
}

describe('SavedConnections', () => {
  it('finds a record by id, and refuses an unknown one in the kind’s words', async () => {
    const { consumers } = open();
    await consumers.save({ name: 'a', key: 'key-a', secret: 's' });
    expect(consumers.get('a')).toMatchObject({ id: 'a', key: 'key-a' });
    expect(consumers.find('b')).toBeUndefined();
    expect(() => consumers.get('b')).toThrow(expect.objectContaining({ code: 'not_found', message: 'This test consumer does not exist (it may have been removed).' }));
  });

  it('takes a new one only with its secret; an edit may come without it, of a record that exists', async () => {
    const { consumers } = open();
    expect(await failure(consumers.save({ name: 'a', key: 'key-a' }))).toMatchObject({ code: 'invalid_input', message: 'Enter the test secret.' });
    expect(await consumers.list()).toEqual([]);
    await consumers.save({ name: 'a', key: 'key-a', secret: 's' });
    await consumers.save({ id: 'a', name: 'renamed', key: 'key-a' });
    expect(await consumers.list()).toEqual([{ id: 'a', name: 'renamed', whole: true }]);
    expect(await failure(consumers.save({ id: 'gone', name: 'x', key: 'k' }))).toMatchObject({ code: 'not_found' });
  });

  it('replaces an edited record in place and removes one, on disk when it returns', async () => {
    const { consumers } = open();
    for (const name of ['a', 'b', 'c']) await consumers.save({ name, key: `key-${name}`, secret: 's' });
    await consumers.save({ id: 'b', name: 'B', key: 'key-b' });
    consumers.remove('a');
    expect((await open().consumers.list()).map((c) => c.name)).toEqual(['B', 'c']);
  });

  it('shows a record whose sealed fields were changed outside Tessera as not whole', async () => {
    const { metadata, consumers } = open();
    await consumers.save({ name: 'a', key: 'key-a', secret: 's' });
    metadata.update((doc) => ({ ...doc, cleverCloudConsumers: doc.cleverCloudConsumers.map((c) => ({ ...c, key: 'someone-else' })) }));
    expect(await consumers.list()).toEqual([{ id: 'a', name: 'a', whole: false }]);
    expect(consumers.intact(consumers.get('a'))).toBe(false);
  });
});
