/**
 * Clever Cloud accounts in plain Node: the real services over the real keychain and metadata
 * file, against the Clever Cloud emulator over HTTP, with the emulator's test browser standing in
 * for the system browser (it fills the console, login and rights pages and follows the redirects).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../e2e/emulators/clever-cloud/server';
import { TestBrowser } from '../../../../e2e/emulators/clever-cloud/testing';
import type { AppServices } from '../../app-services';
import { makeTestWorld, type TestWorld } from '../../test-support/real-stores';
import { createTestApp, testDesktop } from '../../test-support/test-app';
import { METADATA_FILE_NAME } from '../../vault/metadata-store';
import type { KeytarLike } from '../../vault/secret-store';

let world: TestWorld;
let emulator: CleverCloudEmulator;
let app: AppServices;
let browse: (url: string) => Promise<void>;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startCleverCloudEmulator();
  const browser = new TestBrowser(emulator.config.consoleUrl, { email: emulator.config.user.email, password: emulator.config.user.password });
  browse = async (url) => void (await browser.open(url));
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop((url) => browse(url)),
  });
});
afterEach(async () => {
  await emulator.close();
  await world.cleanup();
});

const metadataText = (): string => readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');

describe('Clever Cloud logins', () => {
  it('logs in through the console (cli_token) and shows identity, rights and expiry', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0001');
    expect(account).toMatchObject({ provider: 'clever-cloud', subtitle: emulator.config.user.email, status: 'ok' });
    expect(account.expiresAt).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    const detail = app.cleverCloud.describe(app.accounts.record(account.id)).provided;
    expect(detail).toMatchObject({ kind: 'clever-cloud', userId: expect.any(String) });
    expect(detail?.kind === 'clever-cloud' && detail.rights.length).toBeGreaterThan(5);
    const credentials = await app.cleverCloud.readCredentials(account.id);
    expect(credentials?.token).toBeTruthy();
    expect(metadataText()).not.toContain(credentials!.secret);
    expect(metadataText()).not.toContain(credentials!.token);
  });

  it('logs in with the user’s own consumer through the loopback callback, and again in place', async () => {
    const consumer = await app.cleverCloud.saveConsumer({
      name: 'My consumer',
      key: emulator.config.consumer.key,
      secret: emulator.config.consumer.secret,
      callbackPort: 40000 + Math.floor(Math.random() * 20000),
    });
    expect((await world.keychain()).get(`connection/clever-cloud-consumer/${consumer.id}/secret`)).toBe(emulator.config.consumer.secret);
    expect(metadataText()).not.toContain(emulator.config.consumer.secret);
    const first = await app.cleverCloud.loginWithOwnConsumer('login-cc-0002', consumer.id);
    const detail = app.cleverCloud.describe(app.accounts.record(first.id)).provided;
    expect(detail?.kind === 'clever-cloud' && detail.consumerName).toBe('Tessera Demo');
    const again = await app.cleverCloud.loginWithOwnConsumer('login-cc-0003', consumer.id);
    expect(again.id).toBe(first.id);
    expect(app.accounts.list()).toHaveLength(1);
  });
});

describe('Clever Cloud imports', () => {
  it('imports every profile of a clever-tools file after checking it with /self', async () => {
    // A token issued to the CLI consumer, as clever-tools would have stored it.
    const cli = await app.cleverCloud.loginWithConsole('login-cc-0004');
    const good = await app.cleverCloud.readCredentials(cli.id);
    await app.accounts.remove(cli.id);
    const dir = mkdtempSync(path.join(tmpdir(), 'clever-tools-'));
    const file = path.join(dir, 'clever-tools.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        profiles: [
          { alias: 'work', token: good!.token, secret: good!.secret },
          { alias: 'stale', token: 'not-a-token', secret: 'nope' },
        ],
      }),
    );
    const outcome = await app.cleverCloud.importCleverTools(file);
    expect(outcome.imported).toHaveLength(1);
    expect(outcome.failed).toEqual([{ alias: 'stale', code: 'unauthorized', message: expect.stringMatching(/log in again/) }]);
    expect(JSON.stringify(outcome)).not.toContain('not-a-token');
    expect(app.accounts.list()).toHaveLength(1);
  });

  it('imports CLEVER_TOKEN / CLEVER_SECRET, and a pasted token of the user’s consumer', async () => {
    await expect(app.cleverCloud.importEnvironment({})).rejects.toMatchObject({ code: 'not_found' });
    const consumer = await app.cleverCloud.saveConsumer({ name: 'Demo', key: emulator.config.consumer.key, secret: emulator.config.consumer.secret, callbackPort: 45001 });
    const pasted = await app.cleverCloud.importPasted(emulator.config.token.token, emulator.config.token.secret, consumer.id);
    expect(pasted.subtitle).toBe(emulator.config.user.email);
    // The seeded token belongs to the demo consumer: claimed as a clever-tools token, /self refuses it.
    await expect(app.cleverCloud.importEnvironment({ CLEVER_TOKEN: emulator.config.token.token, CLEVER_SECRET: emulator.config.token.secret })).resolves.toMatchObject({
      imported: [],
      failed: [{ alias: 'environment' }],
    });
  });
});

describe('Clever Cloud logout', () => {
  it('revokes the token at Clever Cloud, then removes the account and its keychain entries', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0005');
    const { token } = (await app.cleverCloud.readCredentials(account.id))!;
    await app.cleverCloud.logout(account.id, false);
    expect(emulator.listTokens().find((t) => t.token === token)?.revoked).toBe(true);
    expect(app.accounts.list()).toEqual([]);
    expect([...(await world.keychain()).keys()].filter((k) => k.startsWith('account/'))).toEqual([]);
    expect(emulator.server.log.some((r) => r.method === 'DELETE' && r.path.endsWith('/self/tokens'))).toBe(false);
  });

  it('changes nothing when the revocation cannot be done, unless asked to remove locally', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0006');
    emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 1 });
    await expect(app.cleverCloud.logout(account.id, false)).rejects.toMatchObject({ code: 'http_error' });
    expect(app.accounts.list()).toHaveLength(1);
    await app.cleverCloud.logout(account.id, true);
    expect(app.accounts.list()).toEqual([]);
  });

  it('removes an account whose token Clever Cloud already refuses', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0007');
    emulator.revokeToken((await app.cleverCloud.readCredentials(account.id))!.token);
    await app.cleverCloud.logout(account.id, false);
    expect(app.accounts.list()).toEqual([]);
  });
});

describe('credentials to copy', () => {
  it('offers a PLAINTEXT header that the emulator accepts, env lines and a profile', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0008');
    const copy = await app.cleverCloud.copyable(account.id);
    expect(copy.envLines).toMatch(/^CLEVER_TOKEN=.+\nCLEVER_SECRET=.+$/);
    expect(JSON.parse(copy.cleverToolsProfile)).toMatchObject({ alias: 'default', email: emulator.config.user.email });
    const res = await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: copy.authorizationHeader } });
    expect(res.status).toBe(200);
  });
});

describe('the token and its secret in the keychain', () => {
  const accountEntries = async (id: string) => [...(await world.keychain()).keys()].filter((k) => k.startsWith(`account/clever-cloud/${id}/`)).sort();
  /** What a user pastes into a terminal: does Clever Cloud accept the copied header? */
  const copiedHeaderWorks = async (id: string, services = app): Promise<boolean> => {
    const { authorizationHeader } = await services.cleverCloud.copyable(id);
    return (await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: authorizationHeader } })).status === 200;
  };

  it('are one entry: a copy reads the keychain once', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0009');
    const reads = app.secrets.stats.reads;
    await app.copies.copy(account.id, 'authorization-header');
    expect(app.secrets.stats.reads - reads).toBe(1);
    expect(await copiedHeaderWorks(account.id)).toBe(true);
    expect(await accountEntries(account.id)).toEqual([`account/clever-cloud/${account.id}/credentials`]);
  });

  it('are replaced together: a new login that the keychain refuses after its first write leaves a pair Clever Cloud accepts', async () => {
    // The real keychain, locked (every write refused) after the first write of the new login.
    let writesLeft = Number.POSITIVE_INFINITY;
    const locking: KeytarLike = {
      getPassword: (service, key) => keytar.getPassword(service, key),
      setPassword: async (service, key, value) => {
        if (writesLeft <= 0) throw new Error('the keychain is locked');
        writesLeft -= 1;
        return keytar.setPassword(service, key, value);
      },
      deletePassword: (service, key) => keytar.deletePassword(service, key),
      findCredentials: (service) => keytar.findCredentials(service),
    };
    const locked = createTestApp(world, {
      keytar: locking,
      loginTimeoutMs: 10_000,
      cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 },
      desktop: testDesktop((url) => browse(url)),
    });
    try {
      const account = await locked.cleverCloud.loginWithConsole('login-cc-0010');
      const before = await locked.cleverCloud.readCredentials(account.id);
      writesLeft = 1;
      // The same user through the console again: the account's token is replaced in place.
      const again = await locked.cleverCloud.loginWithConsole('login-cc-0011').catch((error: unknown) => error);
      writesLeft = Number.POSITIVE_INFINITY;
      expect(locked.accounts.list().map((a) => a.id)).toEqual([account.id]);
      const after = await locked.cleverCloud.readCredentials(account.id);
      // The old pair or the new one, whole (compared as booleans: a failure names no secret).
      expect(after !== null && (after.token === before!.token) === (after.secret === before!.secret), 'token and secret come from the same login').toBe(true);
      expect(await copiedHeaderWorks(account.id, locked)).toBe(true);
      // A login that said it succeeded stored its own token.
      if (!(again instanceof Error)) expect(after!.token === before!.token).toBe(false);
    } finally {
      locked.scheduler.stop();
    }
  });

  it('of an account an older Tessera saved as two entries are still copied, and become one entry at the next login', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0012');
    const credentials = (await app.cleverCloud.readCredentials(account.id))!;
    const record = app.accounts.record(account.id);
    // What an older Tessera saved: the token and its secret in two entries.
    await app.accounts.save({ ...record, secrets: { token: credentials.token, 'token-secret': credentials.secret } });
    expect(await accountEntries(account.id)).toEqual([`account/clever-cloud/${account.id}/token`, `account/clever-cloud/${account.id}/token-secret`]);
    expect(await copiedHeaderWorks(account.id)).toBe(true);

    const again = await app.cleverCloud.loginWithConsole('login-cc-0013');
    expect(again.id).toBe(account.id);
    expect(await accountEntries(account.id)).toEqual([`account/clever-cloud/${account.id}/credentials`]);
    expect(await copiedHeaderWorks(account.id)).toBe(true);
  });

  it('in an entry that does not hold a pair read as "log in again", quoting nothing of it', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-cc-0014');
    const key = `account/clever-cloud/${account.id}/credentials`;
    for (const broken of ['{"token":"half-a-pair-value"', '{"token":"half-a-pair-value"}', 'plain-text-value']) {
      await keytar.setPassword(world.service, key, broken);
      const error = await app.copies.copy(account.id, 'authorization-header').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'needs_login' });
      expect(JSON.stringify(error) + String((error as Error).message)).not.toMatch(/half-a-pair|plain-text/);
    }
  });
});
