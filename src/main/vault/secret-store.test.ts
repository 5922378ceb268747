import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestWorld, type TestWorld } from '../test-support/real-stores';
import { accountSecretKey, KeytarSecretStore, parseAccountSecretKey } from './secret-store';

let world: TestWorld;
beforeEach(() => {
  world = makeTestWorld();
});
afterEach(() => world.cleanup());

describe('KeytarSecretStore against the real keychain', () => {
  it('stores, reads, lists and deletes entries under its own service', async () => {
    const store = new KeytarSecretStore({ keytar, service: world.service });
    const key = accountSecretKey('clever-cloud', 'abc', 'token-secret');
    await store.set(key, 's3cr3t');
    expect(await keytar.getPassword(world.service, key)).toBe('s3cr3t');
    expect(await store.get(key)).toBe('s3cr3t');
    expect(await store.list()).toEqual([{ key, value: 's3cr3t' }]);
    expect(await store.delete(key)).toBe(true);
    expect(await store.delete(key)).toBe(false);
    expect(await store.get(key)).toBeNull();
  });

  it('counts reads and writes (the benchmark and startup checks rely on it)', async () => {
    const store = new KeytarSecretStore({ keytar, service: world.service });
    await store.set('account/saasus/x/id-token', 'a');
    await store.get('account/saasus/x/id-token');
    await store.list();
    expect(store.stats).toEqual({ reads: 2, writes: 1 });
  });
});

describe('keychain unreachable', () => {
  it('fails every call with a typed error and reports the status, without leaking the secret', async () => {
    // A process with no D-Bus session cannot reach any Secret Service: the real failure mode of
    // a Linux desktop without a keyring. It runs in a child so this process keeps its keychain.
    const script = path.join(import.meta.dirname, 'test-fixtures/unreachable-keychain.ts');
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tessera-no-bus' };
    delete env.DISPLAY;
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env, timeout: 20_000 });
    const report = JSON.parse(stdout) as { codes: string[]; statuses: boolean[]; messages: string[] };
    expect(report.codes).toEqual(['keychain_unavailable', 'keychain_unavailable', 'keychain_unavailable', 'keychain_unavailable']);
    expect(report.statuses).toEqual([false]);
    for (const message of report.messages) {
      expect(message).toMatch(/keychain/i);
      expect(message).not.toContain('super-secret-value');
    }
  });
});

describe('account key scheme', () => {
  it('round-trips provider, account and field', () => {
    const key = accountSecretKey('saasus', 'A1_b-2', 'refresh-token');
    expect(key).toBe('account/saasus/A1_b-2/refresh-token');
    expect(parseAccountSecretKey(key)).toEqual({ provider: 'saasus', accountId: 'A1_b-2', field: 'refresh-token' });
  });

  it('ignores entries that are not account secrets', () => {
    expect(parseAccountSecretKey('connection/saasus/c1/secret-key')).toBeUndefined();
    expect(parseAccountSecretKey('account/github/x/token')).toBeUndefined();
    expect(parseAccountSecretKey('account/saasus/../token')).toBeUndefined();
    expect(parseAccountSecretKey('probe/availability')).toBeUndefined();
  });
});
