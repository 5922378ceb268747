/**
 * The bindings primitive over the real keychain and a real metadata file: seal and verify (every
 * field, the purpose and the field boundaries matter), the key read once, and the upgrade step
 * (the key absent: seal what the file says, write it, then store the key; the key present: a
 * missing MAC is refused, never sealed).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountsService } from '../accounts/accounts-service';
import { EventHub } from '../ipc/events';
import { confFactory, makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { BINDING_KEY_ENTRY, bindingMac, bindingMatches, Bindings, routeOrigin, type Sealer } from './bindings';
import { METADATA_FILE_NAME, MetadataStore, type JsonFileStoreFactory } from './metadata-store';
import { KeytarSecretStore } from './secret-store';

let world: TestWorld;
beforeEach(() => {
  world = makeTestWorld();
});
afterEach(() => world.cleanup());

const KEY = Buffer.alloc(32, 7);
const fileText = (): string => readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');

/** Seals every consumer of the document over its id and key, as a provider's sealer does. */
const sealConsumers: Sealer = (doc, seal) => ({
  ...doc,
  cleverCloudConsumers: doc.cleverCloudConsumers.map((c) => ({ ...c, binding: seal('clever-cloud-consumer', [c.id, c.key]) })),
});

/** The real conf store, with `beforeWrite` run before every write of the file. */
function observedConf(beforeWrite: () => void): JsonFileStoreFactory {
  return (opts) => {
    const conf = confFactory(opts);
    return {
      path: conf.path,
      get store() {
        return conf.store;
      },
      set store(value) {
        beforeWrite();
        conf.store = value;
      },
    };
  };
}

/** Bindings over this test's keychain service and folder, as the app builds them after a (re)start. */
function open(factory: JsonFileStoreFactory = confFactory) {
  const secrets = new KeytarSecretStore({ keytar, service: world.service });
  const metadata = MetadataStore.open({ dir: world.dir, factory });
  const bindings = new Bindings({ secrets, metadata });
  bindings.addSealer(sealConsumers);
  return { secrets, metadata, bindings };
}

function addConsumer(metadata: MetadataStore, id: string, key: string, binding?: string): void {
  metadata.update((doc) => ({ ...doc, cleverCloudConsumers: [...doc.cleverCloudConsumers, { id, name: id, key, callbackPort: 28000, ...(binding ? { binding } : {}) }] }));
}

describe('seal and verify', () => {
  const fields = ['conn-1', 'saas', 'api-key', 'https://api.example.com', 'https://login.example.com'];

  it('accepts exactly what it sealed', () => {
    expect(bindingMatches(KEY, 'saasus-connection', fields, bindingMac(KEY, 'saasus-connection', fields))).toBe(true);
  });

  it('refuses a change to any one field', () => {
    const mac = bindingMac(KEY, 'saasus-connection', fields);
    for (let i = 0; i < fields.length; i += 1) {
      const changed = fields.map((f, j) => (j === i ? `${f}x` : f));
      expect(bindingMatches(KEY, 'saasus-connection', changed, mac), `field ${i}`).toBe(false);
    }
    expect(bindingMatches(KEY, 'saasus-connection', fields.slice(0, -1), mac)).toBe(false);
    expect(bindingMatches(KEY, 'saasus-connection', [...fields, ''], mac)).toBe(false);
  });

  it('refuses a MAC sealed for another purpose, under another key, or over the same characters split differently', () => {
    const mac = bindingMac(KEY, 'saasus-connection', ['ab', 'c']);
    expect(bindingMatches(KEY, 'saasus-account', ['ab', 'c'], mac)).toBe(false);
    expect(bindingMatches(Buffer.alloc(32, 8), 'saasus-connection', ['ab', 'c'], mac)).toBe(false);
    expect(bindingMatches(KEY, 'saasus-connection', ['a', 'bc'], mac)).toBe(false);
    expect(bindingMatches(KEY, 'saasus-connection', ['ab","c'], mac)).toBe(false);
  });

  it('refuses a missing, empty, truncated, padded or non-string MAC', () => {
    const mac = bindingMac(KEY, 'clever-cloud-consumer', ['c', 'k']);
    for (const bad of [undefined, null, '', mac.slice(0, -1), `${mac}=`, `${mac}A`, mac.toUpperCase(), 42, { mac }])
      expect(bindingMatches(KEY, 'clever-cloud-consumer', ['c', 'k'], bad)).toBe(false);
  });

  it('reads the origin of a URL, and keeps anything else apart from every origin', () => {
    expect(routeOrigin('https://api.example.com/v1/auth?x=1')).toBe('https://api.example.com');
    expect(routeOrigin('https://api.example.com@evil.example/v1')).toBe('https://evil.example');
    expect(routeOrigin('HTTPS://API.example.com:443/')).toBe('https://api.example.com');
    expect(routeOrigin('not a url')).toBe('unparsed:not a url');
    expect(routeOrigin('javascript:alert(1)')).toBe('unparsed:javascript:alert(1)');
  });
});

describe('the key', () => {
  it('is read from the keychain once, then held', async () => {
    await keytar.setPassword(world.service, BINDING_KEY_ENTRY, KEY.toString('base64'));
    const { secrets, bindings } = open();
    expect(() => bindings.seal('clever-cloud-consumer', ['c', 'k'])).toThrow();
    await Promise.all([bindings.ready(), bindings.ready(), bindings.ready()]);
    await bindings.ready();
    expect(secrets.stats).toEqual({ reads: 1, writes: 0 });
    expect(bindings.seal('clever-cloud-consumer', ['c', 'k'])).toBe(bindingMac(KEY, 'clever-cloud-consumer', ['c', 'k']));
  });

  it('is never rebuilt into an account when the metadata file is lost', async () => {
    const { secrets, metadata, bindings } = open();
    await bindings.ready();
    expect((await world.keychain()).has(BINDING_KEY_ENTRY)).toBe(true);
    const accounts = new AccountsService({ metadata, secrets, events: new EventHub() });
    expect(metadata.document.recoveryPending).toBe(true);
    expect(await accounts.recoverIfNeeded()).toBe(0);
    expect(accounts.list()).toEqual([]);
  });
});

describe('the upgrade step', () => {
  it('with no key in the keychain: seals every entry, writes the file, and only then stores the key', async () => {
    const before = open();
    addConsumer(before.metadata, 'c1', 'key-1');
    addConsumer(before.metadata, 'c2', 'key-2');
    let keychainWritesAtFileWrite: number[] = [];
    const { secrets, metadata, bindings } = open(observedConf(() => keychainWritesAtFileWrite.push(secrets.stats.writes)));
    keychainWritesAtFileWrite = [];
    await bindings.ready();
    // One file write, before the one keychain write (the key).
    expect(keychainWritesAtFileWrite).toEqual([0]);
    expect(secrets.stats.writes).toBe(1);
    const key = Buffer.from((await world.keychain()).get(BINDING_KEY_ENTRY)!, 'base64');
    expect(key).toHaveLength(32);
    const onDisk = JSON.parse(fileText()) as { cleverCloudConsumers: { id: string; key: string; binding?: string }[] };
    for (const c of onDisk.cleverCloudConsumers) expect(bindingMatches(key, 'clever-cloud-consumer', [c.id, c.key], c.binding), c.id).toBe(true);
    for (const c of metadata.document.cleverCloudConsumers) expect(bindings.verify('clever-cloud-consumer', [c.id, c.key], c.binding)).toBe(true);
    // The key never reaches the file.
    expect(fileText()).not.toContain(key.toString('base64'));
  });

  it('runs again after a crash between the file write and the key (the key was never stored)', async () => {
    const first = open();
    addConsumer(first.metadata, 'c1', 'key-1');
    await first.bindings.ready();
    const lostKeyMac = first.metadata.document.cleverCloudConsumers[0]!.binding;
    // What a crash before the keychain write leaves: a sealed file and no key.
    await keytar.deletePassword(world.service, BINDING_KEY_ENTRY);
    const again = open();
    await again.bindings.ready();
    const consumer = again.metadata.document.cleverCloudConsumers[0]!;
    expect(consumer.binding).not.toBe(lostKeyMac);
    expect(again.bindings.verify('clever-cloud-consumer', [consumer.id, consumer.key], consumer.binding)).toBe(true);
  });

  it('with a stored value that is no key: treated as absent', async () => {
    await keytar.setPassword(world.service, BINDING_KEY_ENTRY, 'c2hvcnQ=');
    const { metadata, bindings } = open();
    addConsumer(metadata, 'c1', 'key-1');
    await bindings.ready();
    expect(Buffer.from((await world.keychain()).get(BINDING_KEY_ENTRY)!, 'base64')).toHaveLength(32);
    const consumer = metadata.document.cleverCloudConsumers[0]!;
    expect(bindings.verify('clever-cloud-consumer', [consumer.id, consumer.key], consumer.binding)).toBe(true);
  });

  it('with the key present: an entry without a MAC (stripped from the file) is refused, and nothing is sealed', async () => {
    const first = open();
    addConsumer(first.metadata, 'c1', 'key-1');
    await first.bindings.ready();
    // Someone strips the MAC from the file and changes the key.
    first.metadata.update((doc) => ({ ...doc, cleverCloudConsumers: [{ id: 'c1', name: 'c1', key: 'attacker-key', callbackPort: 28000 }] }));
    const stripped = fileText();
    const { secrets, metadata, bindings } = open();
    await bindings.ready();
    expect(secrets.stats).toEqual({ reads: 1, writes: 0 });
    const consumer = metadata.document.cleverCloudConsumers[0]!;
    expect(consumer.binding).toBeUndefined();
    expect(bindings.verify('clever-cloud-consumer', [consumer.id, consumer.key], consumer.binding)).toBe(false);
    expect(fileText()).toBe(stripped);
  });
});

describe('MACs stored by an earlier run', () => {
  // The MACs of the canonical encoding (JSON of [format tag, purpose, ...fields], as UTF-8) under
  // KEY, computed once: a change of the encoding would make every entry of every user's file read
  // "changed outside Tessera" after an update.
  it('still verify: the encoding is the documented one, with its format tag and non-ASCII fields as UTF-8', () => {
    const connection = ['conn-1', 'saas', 'api-key', 'https://api.example.com', 'https://login.example.com'];
    expect(bindingMac(KEY, 'saasus-connection', connection)).toBe('l3vES5gp-3iMudmKlqQyruOLXzsh27trqgSp24R0cMU');
    expect(bindingMatches(KEY, 'clever-cloud-account', ['acc-é', 'cons', 'https://api.clever-cloud.com/v2'], 'eONdQH0JC71Ei6c65pVsr93EBAwsJvIk22SARbjbRp4')).toBe(true);
  });
});

describe('before the key is held', () => {
  it('seals and verifies nothing: a typed internal error, and isReady says so until ready() resolves', async () => {
    const { bindings } = open();
    expect(bindings.isReady).toBe(false);
    const internal = { code: 'internal', message: 'Something went wrong inside Tessera. Please try again.' };
    expect(() => bindings.seal('clever-cloud-consumer', ['c', 'k'])).toThrow(expect.objectContaining(internal));
    expect(() => bindings.verify('clever-cloud-consumer', ['c', 'k'], 'mac')).toThrow(expect.objectContaining(internal));
    const loading = bindings.ready();
    expect(bindings.isReady).toBe(false);
    await loading;
    expect(bindings.isReady).toBe(true);
  });

  it('a keychain that fails the first read: ready() fails with it, and the next ready() reads again and holds the key', async () => {
    await keytar.setPassword(world.service, BINDING_KEY_ENTRY, KEY.toString('base64'));
    let refusals = 1;
    const flaky = {
      ...keytar,
      getPassword: (service: string, key: string) => (refusals-- > 0 ? Promise.reject(new Error('locked')) : keytar.getPassword(service, key)),
    };
    const secrets = new KeytarSecretStore({ keytar: flaky, service: world.service });
    const bindings = new Bindings({ secrets, metadata: MetadataStore.open({ dir: world.dir, factory: confFactory }) });
    await expect(bindings.ready()).rejects.toBeInstanceOf(Error);
    expect(bindings.isReady).toBe(false);
    await bindings.ready();
    expect(bindings.isReady).toBe(true);
    expect(secrets.stats.reads).toBe(2);
    // The stored key, not a new one: nothing was sealed again.
    expect(bindings.seal('clever-cloud-consumer', ['c', 'k'])).toBe(bindingMac(KEY, 'clever-cloud-consumer', ['c', 'k']));
    expect(secrets.stats.writes).toBe(0);
  });
});
