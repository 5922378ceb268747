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

describe('listings apart from writes', () => {
  /** The real keychain, each write, delete and listing held until the test lets it go; `log` says what reached keytar. */
  const held = () => {
    const log: string[] = [];
    const gates: (() => void)[] = [];
    const hold = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
      log.push(`${what} started`);
      await new Promise<void>((resolve) => gates.push(resolve));
      const result = await run();
      log.push(`${what} done`);
      return result;
    };
    const keychain: KeytarLike = {
      getPassword: (service, account) => keytar.getPassword(service, account),
      setPassword: (service, account, password) => hold(`set ${account}`, () => keytar.setPassword(service, account, password)),
      deletePassword: (service, account) => hold(`delete ${account}`, () => keytar.deletePassword(service, account)),
      findCredentials: (service) => hold('list', () => keytar.findCredentials(service)),
    };
    const letGo = async () => {
      // Whatever reached keytar by now goes on; the calls it let in get their turn next time.
      await new Promise((resolve) => setImmediate(resolve));
      for (const go of gates.splice(0)) go();
    };
    return { keychain, log, letGo };
  };

  // keytar's findCredentials crashes the process when an entry changes while it loads the values
  // (libsecret hands it no value): a listing must never run alongside a write or a delete.
  it('a listing waits for the writes and deletes under way, and the ones asked for meanwhile wait for it', async () => {
    await keytar.setPassword(world.service, 'account/saasus/a/id-token', 'a');
    const { keychain, log, letGo } = held();
    const store = new KeytarSecretStore({ keytar: keychain, service: world.service });
    const removal = store.delete('account/saasus/a/id-token');
    const listed = store.list();
    const write = store.set('account/saasus/b/id-token', 'b');
    await letGo();
    await removal;
    expect(log).toEqual(['delete account/saasus/a/id-token started', 'delete account/saasus/a/id-token done']);
    await letGo();
    expect(await listed).toEqual([]);
    await letGo();
    await write;
    expect(log).toEqual([
      'delete account/saasus/a/id-token started',
      'delete account/saasus/a/id-token done',
      'list started',
      'list done',
      'set account/saasus/b/id-token started',
      'set account/saasus/b/id-token done',
    ]);
  });

  it('lets writes run together when nothing lists, and reads alongside a listing', async () => {
    const { keychain, log, letGo } = held();
    const store = new KeytarSecretStore({ keytar: keychain, service: world.service });
    const writes = [store.set('account/saasus/a/id-token', 'a'), store.set('account/saasus/b/id-token', 'b')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['set account/saasus/a/id-token started', 'set account/saasus/b/id-token started']);
    await letGo();
    await Promise.all(writes);
    const listed = store.list();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.get('account/saasus/a/id-token')).toBe('a');
    await letGo();
    expect((await listed).map((e) => e.key).sort()).toEqual(['account/saasus/a/id-token', 'account/saasus/b/id-token']);
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
