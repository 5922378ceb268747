import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/channels';
import type { ProviderId } from '../../shared/types';
import { AppError } from '../errors';
import { EventHub } from '../ipc/events';
import { confFactory, makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { METADATA_FILE_NAME, MetadataStore } from '../vault/metadata-store';
import type { MetadataDocument, SecretSet } from '../vault/metadata-schema';
import { accountSecretKey, KeytarSecretStore, type KeytarLike } from '../vault/secret-store';
import { AccountsService, CHANGE_WINDOW_MS } from './accounts-service';

let world: TestWorld;
beforeEach(() => {
  world = makeTestWorld();
});
afterEach(() => world.cleanup());

function open() {
  const events = new EventHub();
  const seen: { event: EventName; payload: unknown }[] = [];
  events.attach((event, payload) => seen.push({ event, payload }));
  const secrets = new KeytarSecretStore({ keytar, service: world.service });
  const metadata = MetadataStore.open({ dir: world.dir, factory: confFactory });
  return { accounts: new AccountsService({ metadata, secrets, events }), secrets, metadata, seen };
}

const alice = {
  provider: 'clever-cloud' as const,
  displayName: 'Alice',
  subtitle: 'alice@example.com',
  expiresAt: 1_900_000_000_000,
  secrets: { token: 'tok-alice', 'token-secret': 'sec-alice' },
};

describe('AccountsService', () => {
  it('saves secrets to the keychain and only their names to the metadata file', async () => {
    const { accounts } = open();
    const saved = await accounts.save(alice);
    const keychain = await world.keychain();
    expect(keychain.get(`account/clever-cloud/${saved.id}/token`)).toBe('tok-alice');
    expect(keychain.get(`account/clever-cloud/${saved.id}/token-secret`)).toBe('sec-alice');
    const onDisk = readMetadata();
    expect(onDisk).not.toContain('tok-alice');
    expect(onDisk).not.toContain('sec-alice');
    expect(open().accounts.list()).toEqual([expect.objectContaining({ id: saved.id, displayName: 'Alice', status: 'ok' })]);
  });

  it('lists accounts without reading the keychain', async () => {
    await open().accounts.save(alice);
    const { accounts, secrets } = open();
    expect(accounts.list()).toHaveLength(1);
    expect(secrets.stats.reads).toBe(0);
  });

  it('replaces an account in place when it logs in again, dropping fields it no longer has', async () => {
    const { accounts } = open();
    const first = await accounts.save({ ...alice, secrets: { ...alice.secrets, extra: 'x' } });
    await accounts.save({ ...alice, id: first.id, displayName: 'Alice B', secrets: { token: 'tok-2', 'token-secret': 'sec-2' } });
    expect(accounts.list().map((a) => [a.id, a.displayName])).toEqual([[first.id, 'Alice B']]);
    expect([...(await world.keychain()).keys()].sort()).toEqual([
      `account/clever-cloud/${first.id}/token`,
      `account/clever-cloud/${first.id}/token-secret`,
    ]);
    expect(await accounts.readSecrets(first.id)).toEqual({ token: 'tok-2', 'token-secret': 'sec-2' });
  });

  it('a refresh that drops fields stops naming them on disk before deleting them; the next start deletes what a failure left', async () => {
    const { accounts } = open();
    const saasus = { ...alice, provider: 'saasus' as const, secrets: { 'id-token': 'i', 'access-token': 'a', 'refresh-token': 'r' } };
    const first = await accounts.save(saasus);
    const entries = async () => [...(await world.keychain()).keys()].sort();
    await accounts.saveRefreshed(first.id, { expiresAt: null, data: {}, changedSecrets: {}, droppedSecrets: ['id-token', 'access-token'] });
    expect(await entries()).toEqual([`account/saasus/${first.id}/refresh-token`]);
    expect(open().accounts.record(first.id).secretFields).toEqual(['refresh-token']);

    // The keychain refuses the deletes: the metadata already stopped naming the entries, and its
    // journal keeps them for the next start, which deletes them.
    const second = await accounts.save(saasus);
    const refusing = new KeytarSecretStore({ keytar: { ...keytar, deletePassword: () => Promise.reject(new Error('locked')) }, service: world.service });
    const metadata = MetadataStore.open({ dir: world.dir, factory: confFactory });
    await new AccountsService({ metadata, secrets: refusing, events: new EventHub() }).saveRefreshed(second.id, {
      expiresAt: null,
      data: {},
      changedSecrets: {},
      droppedSecrets: ['id-token', 'access-token'],
    });
    expect(open().accounts.record(second.id).secretFields).toEqual(['refresh-token']);
    expect((await entries()).filter((k) => k.includes(second.id))).toHaveLength(3);
    const restarted = open();
    await restarted.accounts.recoverIfNeeded();
    expect(await entries()).toEqual([`account/saasus/${first.id}/refresh-token`, `account/saasus/${second.id}/refresh-token`].sort());
    expect(restarted.metadata.document.journal).toEqual({ saving: [], removing: [] });
  });

  it('renames, and tells the renderer', async () => {
    const { accounts, seen } = open();
    const { id } = await accounts.save(alice);
    expect(accounts.rename(id, 'Work').displayName).toBe('Work');
    expect(open().accounts.get(id).displayName).toBe('Work');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ event: 'accountsChanged', payload: [expect.objectContaining({ id, displayName: 'Work' })] }));
  });

  it('tells the renderer once, with the latest list, about many changes made together', async () => {
    const { accounts, seen } = open();
    const { id } = await accounts.save(alice);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    for (let i = 0; i < 50; i += 1) accounts.rename(id, `Name ${i}`);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen[1]).toEqual({ event: 'accountsChanged', payload: [expect.objectContaining({ id, displayName: 'Name 49' })] });
  });

  it('finishes an interrupted removal and first save at startup, by deleting entries by name only', async () => {
    const { accounts, metadata } = open();
    const kept = await accounts.save(alice);
    // What a crash leaves: an account taken off the list whose entries were not deleted yet, and
    // entries of a first save whose account was never listed. Both are in the journal.
    await keytar.setPassword(world.service, 'account/clever-cloud/gone/token', 't');
    await keytar.setPassword(world.service, 'account/saasus/half/id-token', 'i');
    await keytar.setPassword(world.service, 'account/saasus/half/refresh-token', 'r');
    metadata.update((doc) => ({
      ...doc,
      recoveryPending: false,
      journal: {
        saving: [{ provider: 'saasus', id: 'half', fields: ['access-token', 'id-token', 'refresh-token'] }],
        removing: [{ provider: 'clever-cloud', id: 'gone', fields: ['token', 'token-secret'] }],
      },
    }));
    const restarted = open();
    expect(restarted.accounts.list().map((a) => a.id)).toEqual([kept.id]);
    await restarted.accounts.recoverIfNeeded();
    expect(restarted.secrets.stats.reads).toBe(0);
    expect([...(await world.keychain()).keys()].sort()).toEqual([`account/clever-cloud/${kept.id}/token`, `account/clever-cloud/${kept.id}/token-secret`]);
    expect(open().metadata.document.journal).toEqual({ saving: [], removing: [] });
  });

  it('puts an account back when the keychain refuses to delete its entries', async () => {
    const { accounts, metadata, seen } = open();
    const { id } = await accounts.save(alice);
    const refusing = new AccountsService({ metadata, events: new EventHub(), secrets: new KeytarSecretStore({ keytar: { ...keytar, deletePassword: () => Promise.reject(new Error('locked')) }, service: world.service }) });
    await expect(refusing.remove(id)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(open().accounts.list().map((a) => a.id)).toEqual([id]);
    expect(open().metadata.document.journal.removing).toEqual([]);
    expect(await accounts.readSecrets(id)).toEqual(alice.secrets);
    await accounts.remove(id);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual({ event: 'accountsChanged', payload: [] }));
  });

  it('removes the keychain entries and then the metadata', async () => {
    const { accounts } = open();
    const { id } = await accounts.save(alice);
    await accounts.remove(id);
    expect((await world.keychain()).size).toBe(0);
    expect(open().accounts.list()).toEqual([]);
    expect(() => accounts.get(id)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('rebuilds the list from the keychain when the metadata file is corrupt', async () => {
    const { accounts } = open();
    const a = await accounts.save(alice);
    const b = await accounts.save({ ...alice, provider: 'saasus', secrets: { 'id-token': 'i', 'access-token': 'a', 'refresh-token': 'r' } });
    await keytar.setPassword(world.service, 'connection/saasus/c1/secret-key', 'not an account');
    writeFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), '{ this is not json');

    const reopened = open();
    expect(reopened.accounts.list()).toEqual([]);
    expect(await reopened.accounts.recoverIfNeeded()).toBe(2);
    const list = reopened.accounts.list();
    expect(list.map((x) => [x.id, x.provider, x.status]).sort()).toEqual(
      [
        [a.id, 'clever-cloud', 'recovered'],
        [b.id, 'saasus', 'recovered'],
      ].sort(),
    );
    // The recovered accounts are usable: their secrets are found again.
    expect(await reopened.accounts.readSecrets(b.id)).toEqual({ 'access-token': 'a', 'id-token': 'i', 'refresh-token': 'r' });
    // Rebuilt once: a restart does not rebuild again.
    expect(await open().accounts.recoverIfNeeded()).toBe(0);
  });

  it('marks an account as needing a login without touching its secrets, keeping why as words and as data', async () => {
    const { accounts } = open();
    const { id } = await accounts.save(alice);
    const why = new AppError('needs_login', 'SaaSus refused the refresh token (expired or revoked): log in again.', { key: 'saasus.refreshRefused' });
    const marked = accounts.setStatus(id, 'needs-login', why.toInfo());
    const reason = { code: 'needs_login', key: 'saasus.refreshRefused' };
    expect(marked).toMatchObject({ status: 'needs-login', statusMessage: why.message, statusReason: reason });
    // Kept in the metadata file: a restart still knows why, and a new login clears it.
    expect(open().accounts.get(id)).toMatchObject({ status: 'needs-login', statusReason: reason });
    expect(await accounts.save({ ...alice, id })).toMatchObject({ status: 'ok', statusMessage: null, statusReason: null });
    expect(await accounts.readSecrets(id)).toEqual(alice.secrets);
  });

  it('keeps settings with the metadata', () => {
    const { accounts, seen } = open();
    expect(accounts.settings().expiryWarningDays).toBe(14);
    accounts.updateSettings({ expiryWarningDays: 3 });
    expect(open().accounts.settings().expiryWarningDays).toBe(3);
    expect(seen.at(-1)).toEqual({ event: 'settingsChanged', payload: expect.objectContaining({ expiryWarningDays: 3, clipboardClearSeconds: 30 }) });
  });
});

function readMetadata(): string {
  return readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');
}

/**
 * The write order, observed at every keychain call: a wrapper around the real keytar reads the
 * metadata file on disk just before each write or delete reaches the keychain. That file is what a
 * crash at that instant would leave for the next start, so each call can be checked against the
 * rules at the top of accounts-service.ts (the crash test kills a real process at random instants;
 * this looks at every instant of one operation). A test can also hold a call there.
 */
interface KeychainCall {
  readonly kind: 'set' | 'delete';
  readonly key: string;
  /** Entries that accounts listed in the file on disk name at that moment. */
  readonly listed: ReadonlySet<string>;
  /** Entries the journal in the file on disk names at that moment. */
  readonly journaled: ReadonlySet<string>;
  readonly disk: DiskDocument;
}

interface DiskDocument {
  accounts: { id: string; provider: ProviderId; secretFields: string[]; expiresAt: number | null }[];
  journal: { saving: SecretSet[]; removing: SecretSet[] };
}

const names = (sets: readonly SecretSet[]) => new Set(sets.flatMap((s) => s.fields.map((f) => accountSecretKey(s.provider, s.id, f))));

function onDisk(): DiskDocument {
  return JSON.parse(readMetadata()) as DiskDocument;
}

function openWatched(opts: { before?: (call: KeychainCall) => Promise<void> | void; failSet?: (key: string) => boolean; failDelete?: boolean } = {}) {
  const calls: KeychainCall[] = [];
  const look = async (kind: KeychainCall['kind'], key: string) => {
    const disk = onDisk();
    const call: KeychainCall = {
      kind,
      key,
      disk,
      listed: names(disk.accounts.map((a) => ({ provider: a.provider, id: a.id, fields: a.secretFields }))),
      journaled: names([...disk.journal.saving, ...disk.journal.removing]),
    };
    calls.push(call);
    await opts.before?.(call);
  };
  const watched: KeytarLike = {
    getPassword: (service, key) => keytar.getPassword(service, key),
    findCredentials: (service) => keytar.findCredentials(service),
    setPassword: async (service, key, value) => {
      await look('set', key);
      if (opts.failSet?.(key)) throw new Error('locked');
      await keytar.setPassword(service, key, value);
    },
    deletePassword: async (service, key) => {
      await look('delete', key);
      if (opts.failDelete) throw new Error('locked');
      return keytar.deletePassword(service, key);
    },
  };
  const secrets = new KeytarSecretStore({ keytar: watched, service: world.service });
  const metadata = MetadataStore.open({ dir: world.dir, factory: confFactory });
  return { accounts: new AccountsService({ metadata, secrets, events: new EventHub() }), metadata, calls };
}

/**
 * Each call against the rules: an entry is written only while the file on disk names it (a listed
 * account's, or the journal's, so the next start keeps or deletes it), and deleted only once no
 * listed account names it and the journal does (so a crash before the delete is finished later).
 */
function expectCrashSafe(calls: readonly KeychainCall[]) {
  expect(calls.length).toBeGreaterThan(0);
  for (const call of calls) {
    if (call.kind === 'set') expect(call.listed.has(call.key) || call.journaled.has(call.key), `write of ${call.key}: nothing on disk names it`).toBe(true);
    else {
      expect(call.listed.has(call.key), `delete of ${call.key}: a listed account on disk still names it`).toBe(false);
      expect(call.journaled.has(call.key), `delete of ${call.key}: the journal on disk does not name it`).toBe(true);
    }
  }
}

const saasusSecrets = { 'id-token': 'i1', 'access-token': 'a1', 'refresh-token': 'r1' };
const entriesOf = async (id: string) => [...(await world.keychain()).entries()].filter(([k]) => k.includes(`/${id}/`)).sort();

describe('AccountsService: the write order at every keychain call', () => {
  it('first save: each entry is journaled on disk before it is written, then listed with the journal emptied', async () => {
    const { accounts, metadata, calls } = openWatched();
    const { id } = await accounts.save(alice);
    expect(calls.map((c) => c.kind)).toEqual(['set', 'set']);
    expectCrashSafe(calls);
    for (const call of calls) expect(call.listed.has(call.key)).toBe(false);
    expect(onDisk().journal).toEqual({ saving: [], removing: [] });
    expect(onDisk().accounts.map((a) => a.id)).toEqual([id]);
    expect(metadata.document.journal).toEqual({ saving: [], removing: [] });
  });

  it('logging in again in place: replaced entries stay listed, a new one is journaled, a dropped one goes after the disk stops naming it; other accounts are untouched', async () => {
    const bob = await open().accounts.save({ ...alice, displayName: 'Bob', secrets: { token: 'tok-bob', 'token-secret': 'sec-bob' } });
    const first = await open().accounts.save({ ...alice, secrets: { ...alice.secrets, extra: 'x' } });
    const { accounts, metadata, calls } = openWatched();
    await accounts.save({ ...alice, id: first.id, displayName: 'Alice B', secrets: { 'token-secret': 'sec-2', token: 'tok-2', 'new-field': 'n' } });
    expectCrashSafe(calls);
    const byKey = new Map(calls.map((c) => [c.key, c]));
    expect(byKey.get(`account/clever-cloud/${first.id}/token`)?.listed.has(`account/clever-cloud/${first.id}/token`)).toBe(true);
    expect(byKey.get(`account/clever-cloud/${first.id}/new-field`)?.journaled.has(`account/clever-cloud/${first.id}/new-field`)).toBe(true);
    expect(calls.filter((c) => c.kind === 'delete').map((c) => c.key)).toEqual([`account/clever-cloud/${first.id}/extra`]);
    // The metadata lists the fields in one order whatever order the provider gave them in.
    expect(accounts.record(first.id).secretFields).toEqual(['new-field', 'token', 'token-secret']);
    expect(metadata.document.journal).toEqual({ saving: [], removing: [] });
    expect(accounts.list().map((a) => [a.id, a.displayName]).sort()).toEqual([[bob.id, 'Bob'], [first.id, 'Alice B']].sort());
    expect(await open().accounts.readSecrets(bob.id)).toEqual({ token: 'tok-bob', 'token-secret': 'sec-bob' });
  });

  it('refuses to save over an account of another provider, changing nothing', async () => {
    const { id } = await open().accounts.save(alice);
    const before = readMetadata();
    const { accounts, calls } = openWatched();
    await expect(accounts.save({ ...alice, provider: 'saasus', id, secrets: saasusSecrets })).rejects.toMatchObject({
      code: 'conflict',
      message: 'This account belongs to another provider.',
    });
    expect(calls).toEqual([]);
    expect(readMetadata()).toBe(before);
  });

  it('refresh: the rotated refresh token is written first and alone; nothing is journaled; the new dates reach the disk through the deferred write', async () => {
    const { id } = await open().accounts.save({ ...alice, provider: 'saasus', secrets: saasusSecrets });
    const events: string[] = [];
    const { accounts, metadata, calls } = openWatched({ before: (call) => void events.push(call.key.split('/').at(-1)!) });
    const done = accounts.saveRefreshed(id, {
      expiresAt: 2_000_000_000_000,
      data: { tenant: 't' },
      changedSecrets: { 'id-token': 'i2', 'access-token': 'a2', 'refresh-token': 'r2' },
      writeFirst: 'refresh-token',
    });
    await done;
    // Only once the refresh token is stored do the others start.
    expect(events[0]).toBe('refresh-token');
    expect(events.slice(1).sort()).toEqual(['access-token', 'id-token']);
    expect(calls.map((c) => c.kind)).toEqual(['set', 'set', 'set']);
    expectCrashSafe(calls);
    for (const call of calls) expect(call.disk.journal).toEqual({ saving: [], removing: [] });
    expect(await entriesOf(id)).toEqual([
      [`account/saasus/${id}/access-token`, 'a2'],
      [`account/saasus/${id}/id-token`, 'i2'],
      [`account/saasus/${id}/refresh-token`, 'r2'],
    ]);
    expect(accounts.record(id)).toMatchObject({ expiresAt: 2_000_000_000_000, status: 'ok', data: { tenant: 't' } });
    expect(metadata.hasPendingChanges).toBe(true);
    expect(onDisk().accounts[0]?.expiresAt).toBe(alice.expiresAt);
    metadata.flush();
    expect(onDisk().accounts[0]?.expiresAt).toBe(2_000_000_000_000);
  });

  it('refresh without a rotated refresh token leaves the stored one alone and writes what changed once', async () => {
    const { id } = await open().accounts.save({ ...alice, provider: 'saasus', secrets: saasusSecrets });
    const { accounts, calls } = openWatched();
    await accounts.saveRefreshed(id, { expiresAt: null, data: {}, changedSecrets: { 'access-token': 'a3' }, writeFirst: 'refresh-token' });
    expect(calls.map((c) => [c.kind, c.key])).toEqual([['set', `account/saasus/${id}/access-token`]]);
    expect(await entriesOf(id)).toEqual([
      [`account/saasus/${id}/access-token`, 'a3'],
      [`account/saasus/${id}/id-token`, 'i1'],
      [`account/saasus/${id}/refresh-token`, 'r1'],
    ]);
  });

  it('refresh that brings a new field: journaled before it is written, then listed on disk at once', async () => {
    const { id } = await open().accounts.save({ ...alice, provider: 'saasus', secrets: { 'refresh-token': 'r1' } });
    const { accounts, metadata, calls } = openWatched();
    await accounts.saveRefreshed(id, { expiresAt: null, data: {}, changedSecrets: { 'access-token': 'a1' } });
    expectCrashSafe(calls);
    expect(calls[0]?.listed.has(`account/saasus/${id}/access-token`)).toBe(false);
    expect(onDisk().accounts[0]?.secretFields).toEqual(['access-token', 'refresh-token']);
    expect(onDisk().journal).toEqual({ saving: [], removing: [] });
    expect(metadata.hasPendingChanges).toBe(false);
  });

  it('refresh that drops fields: deleted once the disk no longer lists them; refused deletes stay journaled, even while other saves come and go', async () => {
    const { id } = await open().accounts.save({ ...alice, provider: 'saasus', secrets: saasusSecrets });
    const watched = openWatched();
    await watched.accounts.saveRefreshed(id, { expiresAt: null, data: {}, changedSecrets: {}, droppedSecrets: ['id-token', 'access-token'] });
    expectCrashSafe(watched.calls);
    expect(watched.calls.map((c) => c.kind)).toEqual(['delete', 'delete']);
    expect(watched.metadata.document.journal).toEqual({ saving: [], removing: [] });
    watched.metadata.flush();

    const second = await open().accounts.save({ ...alice, provider: 'saasus', secrets: saasusSecrets });
    const refusing = openWatched({ failDelete: true });
    await refusing.accounts.saveRefreshed(second.id, { expiresAt: null, data: {}, changedSecrets: {}, droppedSecrets: ['id-token', 'access-token'] });
    const leftover = [{ provider: 'saasus', id: second.id, fields: ['access-token', 'id-token'] }];
    expect(refusing.metadata.document.journal.removing).toEqual(leftover);
    // Another account's first save clears its own journal entry, not this one.
    await refusing.accounts.save({ ...alice, displayName: 'Carol', secrets: { token: 'tok-carol', 'token-secret': 'sec-carol' } }).catch(() => undefined);
    await open().accounts.save({ ...alice, displayName: 'Dave' });
    expect(onDisk().journal.removing).toEqual(leftover);
  });

  it('removal: the account leaves the disk and the journal names its entries before any is deleted; other accounts keep theirs', async () => {
    const bob = await open().accounts.save({ ...alice, displayName: 'Bob', secrets: { token: 'tok-bob', 'token-secret': 'sec-bob' } });
    const { id } = await open().accounts.save(alice);
    const { accounts, metadata, calls } = openWatched();
    await accounts.remove(id);
    expect(calls.map((c) => c.kind)).toEqual(['delete', 'delete']);
    expectCrashSafe(calls);
    expect(accounts.list().map((a) => a.id)).toEqual([bob.id]);
    expect(metadata.document.journal).toEqual({ saving: [], removing: [] });
    expect(await entriesOf(id)).toEqual([]);
    expect(await open().accounts.readSecrets(bob.id)).toEqual({ token: 'tok-bob', 'token-secret': 'sec-bob' });
  });

  it('two first saves at once: one finishing does not clear the other’s journal entry', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let holding = true;
    const { accounts, calls } = openWatched({
      before: async (call) => {
        if (holding && call.key.endsWith('/token')) {
          holding = false;
          await held;
        }
      },
    });
    const slow = accounts.save(alice);
    await vi.waitFor(() => expect(calls.length).toBeGreaterThan(0));
    const slowId = calls[0]!.key.split('/')[2]!;
    const fast = await accounts.save({ ...alice, displayName: 'Bob', secrets: { token: 'tok-bob', 'token-secret': 'sec-bob' } });
    expect(onDisk().accounts.map((a) => a.id)).toEqual([fast.id]);
    expect(names(onDisk().journal.saving).has(`account/clever-cloud/${slowId}/token`)).toBe(true);
    release();
    await slow;
    expect(onDisk().journal).toEqual({ saving: [], removing: [] });
    expect(accounts.list().map((a) => a.id).sort()).toEqual([fast.id, slowId].sort());
  });
});

describe('AccountsService: a keychain that fails halfway', () => {
  it('a first save that fails leaves nothing: its written entries are deleted, nothing is listed, the journal is empty', async () => {
    const { accounts, metadata, calls } = openWatched({ failSet: (key) => key.endsWith('/token-secret') });
    await expect(accounts.save(alice)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    const id = calls[0]!.key.split('/')[2]!;
    expect(await entriesOf(id)).toEqual([]);
    expect(accounts.list()).toEqual([]);
    expect(metadata.document.journal).toEqual({ saving: [], removing: [] });
    expect(onDisk().journal).toEqual({ saving: [], removing: [] });
    expectCrashSafe(calls);
  });

  it('…and if it cannot delete them either, the journal keeps their names and the next start deletes them', async () => {
    const { accounts, calls } = openWatched({ failSet: (key) => key.endsWith('/token-secret'), failDelete: true });
    await expect(accounts.save(alice)).rejects.toMatchObject({ code: 'keychain_unavailable' });
    const id = calls[0]!.key.split('/')[2]!;
    expect(await entriesOf(id)).toEqual([[`account/clever-cloud/${id}/token`, 'tok-alice']]);
    expect(names(onDisk().journal.saving)).toEqual(new Set([`account/clever-cloud/${id}/token`, `account/clever-cloud/${id}/token-secret`]));
    const restarted = open();
    await restarted.accounts.recoverIfNeeded();
    expect(await entriesOf(id)).toEqual([]);
    expect(restarted.metadata.document.journal).toEqual({ saving: [], removing: [] });
  });

  it('a refresh whose write fails reports the keychain’s error and keeps the account and its entries', async () => {
    const { id } = await open().accounts.save({ ...alice, provider: 'saasus', secrets: saasusSecrets });
    const { accounts } = openWatched({ failSet: () => true });
    await expect(
      accounts.saveRefreshed(id, { expiresAt: null, data: {}, changedSecrets: { 'refresh-token': 'r2' }, writeFirst: 'refresh-token' }),
    ).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect(accounts.list().map((a) => a.id)).toEqual([id]);
    expect(await entriesOf(id)).toHaveLength(3);
  });

  it('an account removed while its refresh is being written: the refresh fails with not_found and leaves no entry and no journal', async () => {
    const { id } = await open().accounts.save({ ...alice, provider: 'saasus', secrets: saasusSecrets });
    let removing = true;
    const watched = openWatched({
      before: async (call) => {
        if (removing && call.kind === 'set') {
          removing = false;
          await watched.accounts.remove(id);
        }
      },
    });
    await expect(
      watched.accounts.saveRefreshed(id, { expiresAt: null, data: {}, changedSecrets: { 'refresh-token': 'r2', 'new-field': 'n' }, writeFirst: 'refresh-token' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await entriesOf(id)).toEqual([]);
    expect(watched.accounts.list()).toEqual([]);
    expect(watched.metadata.document.journal).toEqual({ saving: [], removing: [] });
  });
});

describe('AccountsService: the startup step', () => {
  it('shares one run between callers, runs again when asked again, and never deletes what a listed account names', async () => {
    const { id } = await open().accounts.save(alice);
    const journalOf = (sets: SecretSet[]) => (doc: MetadataDocument) => ({ ...doc, journal: { saving: sets, removing: [] } });
    await keytar.setPassword(world.service, 'account/saasus/orphan/id-token', 'i');
    // The journal also names one of the listed account's entries: that one must stay.
    open().metadata.update(journalOf([{ provider: 'saasus', id: 'orphan', fields: ['id-token'] }, { provider: 'clever-cloud', id, fields: ['token'] }]));
    // The keychain is locked for the first run (it answers again later: the app then asks again).
    let locked = true;
    const { accounts, metadata, calls } = openWatched({
      before: (call) => {
        if (locked && call.kind === 'delete') throw new Error('locked');
      },
    });
    const [a, b] = [accounts.recoverIfNeeded(), accounts.recoverIfNeeded()];
    expect(a).toBe(b);
    await expect(a).rejects.toMatchObject({ code: 'keychain_unavailable' });
    expect((await world.keychain()).has('account/saasus/orphan/id-token')).toBe(true);
    expect(metadata.document.journal.saving).toHaveLength(2);

    locked = false;
    calls.length = 0;
    await accounts.recoverIfNeeded();
    expect(calls.map((c) => [c.kind, c.key])).toEqual([['delete', 'account/saasus/orphan/id-token']]);
    expect((await world.keychain()).has('account/saasus/orphan/id-token')).toBe(false);
    expect(await accounts.readSecrets(id)).toEqual(alice.secrets);
    expect(metadata.document.journal).toEqual({ saving: [], removing: [] });
  });

  it('leaves this run’s saves alone: run between two writes of a save, it finishes the previous run’s work and the account keeps its secrets', async () => {
    // What a previous run left: an entry only the journal names.
    await keytar.setPassword(world.service, 'account/saasus/orphan/id-token', 'i');
    open().metadata.update((doc) => ({ ...doc, journal: { saving: [{ provider: 'saasus', id: 'orphan', fields: ['id-token'] }], removing: [] } }));
    // An agent serves a command's import from its first moment; its startup step comes after the
    // save wrote its first entry and before the save lists the account.
    let recovery: Promise<number> | undefined;
    const { accounts, metadata } = openWatched({
      before: (call) => {
        if (call.kind === 'set' && call.key.endsWith('/token-secret')) recovery ??= accounts.recoverIfNeeded();
      },
    });
    const { id } = await accounts.save(alice);
    expect(recovery).toBeDefined();
    await recovery;
    expect(await accounts.readSecrets(id)).toEqual(alice.secrets);
    expect((await world.keychain()).has('account/saasus/orphan/id-token')).toBe(false);
    expect(metadata.document.journal).toEqual({ saving: [], removing: [] });
    expect(onDisk().journal).toEqual({ saving: [], removing: [] });
  });

  it('does not rewrite the metadata file when there is nothing to finish', async () => {
    const setup = open();
    await setup.accounts.recoverIfNeeded();
    await setup.accounts.save(alice);
    const file = path.join(world.dir, `${METADATA_FILE_NAME}.json`);
    const { accounts, calls } = openWatched();
    const before = statSync(file);
    await accounts.recoverIfNeeded();
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(calls).toEqual([]);
  });
});

describe('AccountsService: what the startup step tells the window', () => {
  it('the accounts it rebuilt from the keychain, in one event; nothing when it rebuilt nothing', async () => {
    const { accounts } = open();
    const saved = await accounts.save(alice);
    writeFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), '{ this is not json');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const rebuilt = open();
      expect(await rebuilt.accounts.recoverIfNeeded()).toBe(1);
      vi.advanceTimersByTime(CHANGE_WINDOW_MS);
      expect(rebuilt.seen).toEqual([{ event: 'accountsChanged', payload: [expect.objectContaining({ id: saved.id, status: 'recovered' })] }]);

      // The next start finds the list in the file: nothing to rebuild, nothing to say.
      const next = open();
      expect(await next.accounts.recoverIfNeeded()).toBe(0);
      vi.advanceTimersByTime(CHANGE_WINDOW_MS);
      expect(next.seen).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
