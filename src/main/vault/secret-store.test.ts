import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import type { AppError } from '../errors';
import { accountSecretKey, KeytarSecretStore, parseAccountSecretKey, type KeytarLike } from './secret-store';

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

describe('the queue in front of the keychain', () => {
  /** The real keychain behind a Secret Service that takes writes one at a time, each `ms` long. */
  const slowWrites = (ms: number, calls: string[] = []): KeytarLike => {
    let busy: Promise<unknown> = Promise.resolve();
    return {
      ...keytar,
      getPassword: async (service, account) => (calls.push(`get ${account}`), keytar.getPassword(service, account)),
      setPassword: (service, account, password) => {
        calls.push(`set ${account}`);
        const done = busy.then(() => new Promise((resolve) => setTimeout(resolve, ms))).then(() => keytar.setPassword(service, account, password));
        busy = done.catch(() => undefined);
        return done;
      },
    };
  };

  it('times a call from when it reaches the keychain, not from when it joined the queue', async () => {
    const store = new KeytarSecretStore({ keytar: slowWrites(20), service: world.service, timeoutMs: 300, maxInFlight: 1 });
    // 40 writes of at least 20 ms each: the last waits far longer than the timeout, and succeeds.
    await Promise.all(Array.from({ length: 40 }, (_, i) => store.set(`account/saasus/q/field-${i}`, `v${i}`)));
    expect((await world.keychain()).size).toBe(40);
  });

  it('lets a read (a copy) pass the writes that wait', async () => {
    const calls: string[] = [];
    const store = new KeytarSecretStore({ keytar: slowWrites(5, calls), service: world.service, maxInFlight: 1 });
    const writes = Array.from({ length: 10 }, (_, i) => store.set(`account/saasus/q/field-${i}`, 'v'));
    const read = store.get('account/saasus/q/field-0');
    await Promise.all([...writes, read]);
    expect(calls.slice(0, 2)).toEqual(['set account/saasus/q/field-0', 'get account/saasus/q/field-0']);
  });

  it('fails the calls waiting behind a keychain that does not answer, without sending them', async () => {
    const sent: string[] = [];
    const hung: KeytarLike = { ...keytar, getPassword: (_service, account) => (sent.push(account), new Promise<never>(() => undefined)) };
    const store = new KeytarSecretStore({ keytar: hung, service: world.service, timeoutMs: 100, maxInFlight: 1 });
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => store.get(`account/saasus/q/field-${i}`)));
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as AppError).code : 'answered'))).toEqual(Array(5).fill('keychain_unavailable'));
    expect(sent).toEqual(['account/saasus/q/field-0']);
  });
});

describe('keychain unreachable', () => {
  it('fails every call with a typed error and reports the status, without leaking the secret', async () => {
    // A process with no D-Bus session cannot reach any Secret Service: the real failure mode of
    // a Linux desktop without a keyring. It runs in a child so this process keeps its keychain.
    const script = path.join(import.meta.dirname, '../../../test/support/unreachable-keychain.ts');
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
