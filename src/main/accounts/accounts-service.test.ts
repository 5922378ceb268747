import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../shared/channels';
import { EventHub } from '../ipc/events';
import { confFactory, makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { METADATA_FILE_NAME, MetadataStore } from '../vault/metadata-store';
import { KeytarSecretStore } from '../vault/secret-store';
import { AccountsService } from './accounts-service';

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

  it('marks an account as needing a login without touching its secrets', async () => {
    const { accounts } = open();
    const { id } = await accounts.save(alice);
    const marked = accounts.setStatus(id, 'needs-login', 'The refresh token was revoked: log in again.');
    expect(marked).toMatchObject({ status: 'needs-login', statusMessage: 'The refresh token was revoked: log in again.' });
    expect(open().accounts.get(id).status).toBe('needs-login');
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
