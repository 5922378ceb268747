import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { confFactory, makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { CURRENT_VERSION, type AccountRecord } from './metadata-schema';
import { METADATA_FILE_NAME, MetadataStore, type JsonFileStoreFactory } from './metadata-store';

let world: TestWorld;
beforeEach(() => {
  world = makeTestWorld();
});
afterEach(() => world.cleanup());

const file = (): string => path.join(world.dir, `${METADATA_FILE_NAME}.json`);
const open = (): MetadataStore => MetadataStore.open({ dir: world.dir, factory: confFactory, now: () => 1_700_000_000_000 });
const record = (id: string): AccountRecord => ({
  id,
  provider: 'clever-cloud',
  displayName: `Account ${id}`,
  subtitle: `${id}@example.com`,
  avatarUrl: null,
  expiresAt: null,
  status: 'ok',
  statusMessage: null,
  createdAt: 1,
  updatedAt: 1,
  secretFields: ['token', 'token-secret'],
  data: {},
});


/** The real conf file store, with `beforeWrite` run before every write (to count or slow them). */
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

describe('MetadataStore', () => {
  it('starts empty on first run, asks for a keychain rebuild, and writes a versioned file', () => {
    const store = open();
    expect(store.accounts).toEqual([]);
    expect(store.recovery).toEqual({ reason: 'missing' });
    expect(store.document.recoveryPending).toBe(true);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ schemaVersion: CURRENT_VERSION, accounts: [] });
  });

  it('persists updates across reopen', () => {
    open().update((doc) => ({ ...doc, accounts: [record('a')], recoveryPending: false }));
    const again = open();
    expect(again.recovery).toBeNull();
    expect(again.accounts.map((a) => a.id)).toEqual(['a']);
  });

  it.each([
    ['not JSON', '{"schemaVersion": 1, "accounts": [', 'not valid JSON'],
    ['the wrong shape', JSON.stringify({ schemaVersion: 1, accounts: [{ id: 42 }] }), 'does not match the schema'],
    ['a future version', JSON.stringify({ schemaVersion: 99, accounts: [] }), 'written by a newer Tessera (version 99)'],
    ['duplicate ids', JSON.stringify({ schemaVersion: 1, accounts: [record('a'), record('a')] }), 'duplicate account ids'],
  ])('moves a file that is %s aside and starts a rebuild', (_what, content, detail) => {
    writeFileSync(file(), content);
    const store = open();
    expect(store.accounts).toEqual([]);
    expect(store.recovery).toEqual({ reason: 'corrupt', movedTo: path.join(world.dir, `${METADATA_FILE_NAME}.corrupt-1700000000000.json`), detail });
    expect(store.document.recoveryPending).toBe(true);
    // The bad file is kept, byte for byte, for the user and for bug reports.
    expect(readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.corrupt-1700000000000.json`), 'utf8')).toBe(content);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ schemaVersion: CURRENT_VERSION, accounts: [] });
  });

  it('migrates a version-0 file (no schemaVersion) in place', () => {
    writeFileSync(file(), JSON.stringify({ accounts: [record('a')] }));
    const store = open();
    expect(store.recovery).toBeNull();
    expect(store.accounts.map((a) => a.id)).toEqual(['a']);
    expect(JSON.parse(readFileSync(file(), 'utf8')).schemaVersion).toBe(CURRENT_VERSION);
  });

  it('migrates a version-1 file (before the journal) with an empty journal', () => {
    writeFileSync(file(), JSON.stringify({ schemaVersion: 1, accounts: [record('a')] }));
    const store = open();
    expect(store.document.journal).toEqual({ saving: [], removing: [] });
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ schemaVersion: CURRENT_VERSION, journal: { saving: [], removing: [] } });
  });

  it('migrates a version-2 file (before pending revocations) with none pending', () => {
    writeFileSync(file(), JSON.stringify({ schemaVersion: 2, accounts: [record('a')], journal: { saving: [], removing: [] } }));
    const store = open();
    expect(store.recovery).toBeNull();
    expect(store.document.pendingRevocations).toEqual([]);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ schemaVersion: CURRENT_VERSION, accounts: [{ id: 'a' }], pendingRevocations: [] });
  });

  it('writes deferred changes once per window, and with the next durable update or flush', async () => {
    let writes = 0;
    const store = MetadataStore.open({ dir: world.dir, factory: observedConf(() => (writes += 1)) });
    writes = 0;
    const written = (): string[] => (JSON.parse(readFileSync(file(), 'utf8')) as { accounts: AccountRecord[] }).accounts.map((a) => a.id);
    for (const id of ['a', 'b', 'c']) store.updateSoon((doc) => ({ ...doc, accounts: [...doc.accounts, record(id)] }));
    // Memory has them at once; the file not yet.
    expect(store.accounts.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(written()).toEqual([]);
    await vi.waitFor(() => expect(written()).toEqual(['a', 'b', 'c']), { timeout: 1000, interval: 5 });
    expect(writes).toBe(1);

    store.updateSoon((doc) => ({ ...doc, accounts: [...doc.accounts, record('d')] }));
    store.update((doc) => ({ ...doc, recoveryPending: false }));
    expect(written()).toEqual(['a', 'b', 'c', 'd']);

    store.updateSoon((doc) => ({ ...doc, accounts: doc.accounts.slice(1) }));
    store.flush();
    expect(written()).toEqual(['b', 'c', 'd']);
  });

  it('waits longer between deferred writes when writing the file is slow (a large account list)', async () => {
    // A disk (or a file) on which every write takes 10 ms: deferred writes wait about 40 times that.
    const slow = observedConf(() => {
      const until = performance.now() + 10;
      while (performance.now() < until) {
        /* the write's cost */
      }
    });
    const store = MetadataStore.open({ dir: world.dir, factory: slow });
    store.update((doc) => ({ ...doc, accounts: [record('a')] }));
    const written = (): string[] => (JSON.parse(readFileSync(file(), 'utf8')) as { accounts: AccountRecord[] }).accounts.map((a) => a.id);
    const asked = performance.now();
    store.updateSoon((doc) => ({ ...doc, accounts: [...doc.accounts, record('b')] }));
    await vi.waitFor(() => expect(written()).toEqual(['a', 'b']), { timeout: 2000, interval: 5 });
    // Not after the shortest window (50 ms): after about 400 ms, and never more than a second.
    expect(performance.now() - asked).toBeGreaterThan(300);
  });

  it('keeps the previous document when a write fails, and says so with a typed error', () => {
    const store = open();
    store.update((doc) => ({ ...doc, accounts: [record('a')] }));
    // A directory where the file should be: the atomic rename fails (as on a full or read-only disk).
    rmSync(file());
    mkdirSync(file());
    expect(() => store.update((doc) => ({ ...doc, accounts: [] }))).toThrow(expect.objectContaining({ code: 'metadata_error' }));
    expect(store.accounts.map((a) => a.id)).toEqual(['a']);
  });
});
