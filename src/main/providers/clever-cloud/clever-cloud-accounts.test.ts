/**
 * Clever Cloud accounts in plain Node: the real services over the real keychain and metadata
 * file, against the Clever Cloud emulator over HTTP, with the emulator's test browser standing in
 * for the system browser (it fills the console, login and rights pages and follows the redirects).
 */
import { freePort } from '../../../../e2e/harness/free-port';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../emulators/clever-cloud/testing';
import type { PendingRevocation } from '../../../shared/types';
import type { AppServices, AppServicesOptions } from '../../app-services';
import { FakeClock } from '../../../../test/support/fake-clock';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../../../test/support/test-app';
import { METADATA_FILE_NAME } from '../../vault/metadata-store';
import type { KeytarLike } from '../../vault/secret-store';
import { getSelf } from './api';
import type { TokenCredentials } from './oauth1';
import { RETRY_BASE_MS } from './retired-tokens';
import { BINDING_KEY_ENTRY } from '../../vault/bindings';

let world: TestWorld;
let emulator: CleverCloudEmulator;
let app: AppServices;
let browse: (url: string) => Promise<void>;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startCleverCloudEmulator();
  const browser = new TestBrowser(emulator.config.consoleUrl, { email: emulator.config.user.email, password: emulator.config.user.password });
  browse = async (url) => void (await browser.open(url));
  app = appOn(world);
});
afterEach(async () => {
  await emulator.close();
  await world.cleanup();
});

const metadataText = (): string => readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');

/** The app on a world's keychain and data folder: a second call on the same world is a restart. */
function appOn(on: TestWorld, extra: Partial<AppServicesOptions> = {}): AppServices {
  return createTestApp(on, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop((url) => browse(url)),
    ...extra,
  });
}

/** Whether Clever Cloud (the emulator) still accepts a console-login token. */
async function accepted(credentials: TokenCredentials): Promise<boolean> {
  const api = { baseUrl: emulator.config.baseUrl, consumer: emulator.config.cliConsumer };
  return getSelf(api, credentials).then(
    () => true,
    (error: { code?: string }) => {
      if (error.code !== 'unauthorized') throw error;
      return false;
    },
  );
}

const retiredKeys = async (): Promise<string[]> => [...(await world.keychain()).keys()].filter((k) => k.startsWith('retired/'));
const deletesOfEveryToken = (): boolean => emulator.server.log.some((r) => r.method === 'DELETE' && r.path.endsWith('/self/tokens'));

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
    const consumer = await app.cleverCloud.consumers.save({
      name: 'My consumer',
      key: emulator.config.consumer.key,
      secret: emulator.config.consumer.secret,
      callbackPort: (await freePort()),
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
    expect(outcome.failed).toEqual([{ alias: 'stale', code: 'unauthorized', message: expect.stringMatching(/log in again/), key: 'cleverCloud.unauthorized' }]);
    expect(JSON.stringify(outcome)).not.toContain('not-a-token');
    expect(app.accounts.list()).toHaveLength(1);
  });

  it('imports CLEVER_TOKEN / CLEVER_SECRET, and a pasted token of the user’s consumer', async () => {
    await expect(app.cleverCloud.importEnvironment({})).rejects.toMatchObject({ code: 'not_found' });
    const consumer = await app.cleverCloud.consumers.save({ name: 'Demo', key: emulator.config.consumer.key, secret: emulator.config.consumer.secret, callbackPort: 28001 });
    const pasted = await app.cleverCloud.importPasted(emulator.config.token.token, emulator.config.token.secret, consumer.id);
    expect(pasted.subtitle).toBe(emulator.config.user.email);
    // The seeded token belongs to the demo consumer: claimed as a clever-tools token, /self refuses it.
    await expect(app.cleverCloud.importEnvironment({ CLEVER_TOKEN: emulator.config.token.token, CLEVER_SECRET: emulator.config.token.secret })).resolves.toMatchObject({
      imported: [],
      failed: [{ alias: 'environment' }],
    });
  });
});

describe('Clever Cloud imports: what Tessera cannot use yet', () => {
  it('fails an environment whose API_HOST or consumer is not acceptable, naming the variable, before any request; nothing is saved', async () => {
    const cli = await app.cleverCloud.loginWithConsole('login-cc-0100');
    const good = (await app.cleverCloud.readCredentials(cli.id))!;
    await app.accounts.remove(cli.id);
    const env = { CLEVER_TOKEN: good.token, CLEVER_SECRET: good.secret };
    const requests = emulator.server.log.length;
    const otherHost = await app.cleverCloud.importEnvironment({ ...env, API_HOST: 'http://api.example.org' });
    expect(otherHost).toMatchObject({ imported: [], failed: [{ alias: 'environment', code: 'invalid_input', message: expect.stringContaining('API_HOST') }] });
    const halfConsumer = await app.cleverCloud.importEnvironment({ ...env, OAUTH_CONSUMER_SECRET: 'another-secret' });
    expect(halfConsumer.failed).toEqual([expect.objectContaining({ code: 'invalid_input', message: expect.stringContaining('OAUTH_CONSUMER_KEY') })]);
    expect(JSON.stringify(halfConsumer)).not.toContain('another-secret');
    expect(emulator.server.log.length).toBe(requests);
    expect(app.accounts.list()).toEqual([]);
    // The API Tessera uses, written as clever-tools writes it, is accepted.
    const apiHost = emulator.config.baseUrl.replace(/\/v2$/, '');
    await expect(app.cleverCloud.importEnvironment({ ...env, API_HOST: apiHost })).resolves.toMatchObject({ imported: [{ subtitle: emulator.config.user.email }], failed: [] });
  });

  it('imports one profile by alias; an unknown alias lists the file’s aliases and saves nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'clever-tools-'));
    const file = path.join(dir, 'clever-tools.json');
    writeFileSync(file, JSON.stringify({ version: 1, profiles: [{ alias: 'work', token: 'a-token', secret: 'a-secret' }, { alias: 'home', token: 'b', secret: 'c' }] }));
    await expect(app.cleverCloud.importCleverTools(file, { profile: 'nope' })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('its profiles are "work", "home"') });
    const outcome = await app.cleverCloud.importCleverTools([path.join(dir, 'missing.json'), file], { profile: 'home' });
    expect(outcome.failed.map((f) => f.alias)).toEqual(['home']);
    expect(app.accounts.list()).toEqual([]);
  });
});

describe('clever-tools 4 profiles with overrides', () => {
  /** A clever-tools 4 file with one profile made against the emulator with the demo consumer, Tessera pointed at another API. */
  async function ownProfileFile(
    overrides: Record<string, string> = {},
    extra: Partial<AppServicesOptions> = {},
  ): Promise<{ file: string; other: AppServices; desktop: ReturnType<typeof testDesktop> }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'clever-tools-'));
    const file = path.join(dir, 'clever-tools.json');
    const profile = {
      alias: 'own',
      token: emulator.config.token.token,
      secret: emulator.config.token.secret,
      email: emulator.config.user.email,
      overrides: {
        API_HOST: emulator.config.baseUrl.replace(/\/v2$/, ''),
        OAUTH_CONSUMER_KEY: emulator.config.consumer.key,
        OAUTH_CONSUMER_SECRET: emulator.config.consumer.secret,
        AUTH_BRIDGE_HOST: 'https://bridge.example.org',
        CONSOLE_URL: 'https://console.example.org',
        SSH_GATEWAY: 'ssh@gateway.example.org',
        ...overrides,
      },
    };
    writeFileSync(file, JSON.stringify({ version: 1, profiles: [profile] }));
    // Tessera's own API is somewhere nothing answers: only the profile's API_HOST can work.
    const desktop = testDesktop((url) => browse(url));
    const other = appOn(world, { cleverCloud: { baseUrl: `http://127.0.0.1:${await freePort()}/v2`, consoleUrl: emulator.config.consoleUrl }, desktop, ...extra });
    return { file, other, desktop };
  }

  it('imports a profile with its own consumer and API host; the account then copies a token the API accepts', async () => {
    const { file, other, desktop } = await ownProfileFile();
    const outcome = await other.cleverCloud.importCleverTools(file);
    expect(outcome.failed).toEqual([]);
    expect(outcome.imported).toHaveLength(1);
    const account = outcome.imported[0]!;
    expect(outcome.overrides).toEqual([
      { alias: 'own', accountId: account.id, names: ['API_HOST', 'CONSOLE_URL', 'AUTH_BRIDGE_HOST', 'SSH_GATEWAY', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET'] },
    ]);
    // The consumer is saved like any other: its secret in the keychain, never in the metadata file or the result.
    const [consumer] = await other.cleverCloud.consumers.list();
    expect(consumer).toMatchObject({ key: emulator.config.consumer.key, status: 'ok' });
    expect((await world.keychain()).get(`connection/clever-cloud-consumer/${consumer!.id}/secret`)).toBe(emulator.config.consumer.secret);
    expect(metadataText()).not.toContain(emulator.config.consumer.secret);
    expect(JSON.stringify(outcome)).not.toContain(emulator.config.consumer.secret);
    expect(JSON.parse(metadataText()).accounts[0].data).toMatchObject({
      apiBaseUrl: emulator.config.baseUrl,
      consumerRef: consumer!.id,
      bridgeUrl: 'https://bridge.example.org',
      consoleUrl: 'https://console.example.org',
      sshGateway: 'ssh@gateway.example.org',
      profileAlias: 'own',
    });
    // The account works: a copy goes through the clipboard guard and Clever Cloud accepts it.
    await other.copies.copy(account.id, 'authorization-header');
    const res = await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: desktop.clipboardText() } });
    expect(res.status).toBe(200);
    // Importing it again is the same account and the same consumer.
    await other.cleverCloud.importCleverTools(file);
    expect(other.accounts.list()).toHaveLength(1);
    expect(await other.cleverCloud.consumers.list()).toHaveLength(1);
  });

  it('imports an environment’s API_HOST and consumer as a profile’s overrides (clever-tools reads both); the account then copies a token the API accepts', async () => {
    const { other, desktop } = await ownProfileFile();
    const outcome = await other.cleverCloud.importEnvironment({
      CLEVER_TOKEN: emulator.config.token.token,
      CLEVER_SECRET: emulator.config.token.secret,
      API_HOST: emulator.config.baseUrl.replace(/\/v2$/, ''),
      OAUTH_CONSUMER_KEY: emulator.config.consumer.key,
      OAUTH_CONSUMER_SECRET: emulator.config.consumer.secret,
      UNRELATED: 'ignored',
    });
    expect(outcome.failed).toEqual([]);
    const account = outcome.imported[0]!;
    expect(outcome.overrides).toEqual([{ alias: 'environment', accountId: account.id, names: ['API_HOST', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET'] }]);
    const [consumer] = await other.cleverCloud.consumers.list();
    expect((await world.keychain()).get(`connection/clever-cloud-consumer/${consumer!.id}/secret`)).toBe(emulator.config.consumer.secret);
    expect(metadataText()).not.toContain(emulator.config.consumer.secret);
    await other.copies.copy(account.id, 'authorization-header');
    const res = await fetch(`${emulator.config.baseUrl}/self`, { headers: { authorization: desktop.clipboardText() } });
    expect(res.status).toBe(200);
  });

  it('without its overrides, the same token fails against Tessera’s API (what the overrides are for)', async () => {
    const { file, other } = await ownProfileFile();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    delete data.profiles[0].overrides;
    writeFileSync(file, JSON.stringify(data));
    const outcome = await other.cleverCloud.importCleverTools(file);
    expect(outcome.imported).toEqual([]);
    expect(outcome.failed).toEqual([expect.objectContaining({ alias: 'own', code: 'network', message: expect.any(String) })]);
  });

  it.each([
    ['API_HOST', { API_HOST: 'http://api.example.org' }],
    ['API_HOST', { API_HOST: 'https://user:pw@api.example.org' }],
    ['AUTH_BRIDGE_HOST', { AUTH_BRIDGE_HOST: 'not a url' }],
    ['CONSOLE_URL', { CONSOLE_URL: 'https://console.example.org/?next=x' }],
    ['SSH_GATEWAY', { SSH_GATEWAY: '-oProxyCommand=evil' }],
    ['OAUTH_CONSUMER_SECRET', { OAUTH_CONSUMER_SECRET: '' }],
  ])('refuses a profile whose %s is not acceptable, before any request; nothing is saved', async (name, overrides) => {
    const { file, other } = await ownProfileFile(overrides);
    const requests = emulator.server.log.length;
    const outcome = await other.cleverCloud.importCleverTools(file);
    expect(outcome.imported).toEqual([]);
    expect(outcome.failed).toEqual([expect.objectContaining({ alias: 'own', code: 'invalid_input', message: expect.stringContaining(name) })]);
    expect(outcome.failed[0]!.message).not.toContain(emulator.config.consumer.secret);
    expect(emulator.server.log.length).toBe(requests);
    expect(other.accounts.list()).toEqual([]);
    expect(await other.cleverCloud.consumers.list()).toEqual([]);
  });

  it('saves no consumer for a profile whose token is refused', async () => {
    const { file, other } = await ownProfileFile();
    emulator.revokeToken(emulator.config.token.token);
    const outcome = await other.cleverCloud.importCleverTools(file);
    expect(outcome.failed).toEqual([expect.objectContaining({ alias: 'own', code: 'unauthorized', message: expect.any(String) })]);
    expect(await other.cleverCloud.consumers.list()).toEqual([]);
  });

  it('removes the consumer it saved, and its secret, when the account cannot be saved after all', async () => {
    // The real keychain, locked (every write refused) after the consumer's secret is written.
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
    const { file, other } = await ownProfileFile({}, { keytar: locking });
    await other.bindings.ready();
    writesLeft = 1;
    const outcome = await other.cleverCloud.importCleverTools(file);
    writesLeft = Number.POSITIVE_INFINITY;
    expect(outcome.imported).toEqual([]);
    expect(outcome.failed).toHaveLength(1);
    expect(await other.cleverCloud.consumers.list()).toEqual([]);
    expect([...(await world.keychain()).keys()].filter((k) => k.startsWith('connection/clever-cloud-consumer/'))).toEqual([]);
  });

  it('removes the imported profile’s plaintext token from the file when asked, once, with a backup', async () => {
    const { file, other } = await ownProfileFile();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.profiles.push({ alias: 'other', token: 'not-a-token', secret: 'nope' });
    writeFileSync(file, JSON.stringify(data));
    const outcome = await other.cleverCloud.importCleverTools(file);
    expect(outcome.plaintext).toEqual({ importId: expect.any(String), path: file, aliases: ['own'] });
    const removal = await other.cleverCloud.removePlaintext(outcome.plaintext!.importId);
    expect(JSON.parse(readFileSync(file, 'utf8')).profiles.map((p: { alias: string }) => p.alias)).toEqual(['other']);
    expect(readFileSync(removal.backupPath, 'utf8')).toBe(JSON.stringify(data));
    await expect(other.cleverCloud.removePlaintext(outcome.plaintext!.importId)).rejects.toMatchObject({ code: 'not_found' });
    // The account still works: its token is in the keychain.
    await expect(other.cleverCloud.copyable(outcome.imported[0]!.id)).resolves.toBeTruthy();
  });

  it('refuses to remove the plaintext token from a file changed since the import', async () => {
    const { file, other } = await ownProfileFile();
    const outcome = await other.cleverCloud.importCleverTools(file);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"own"', '"own-renamed"'));
    await expect(other.cleverCloud.removePlaintext(outcome.plaintext!.importId)).rejects.toMatchObject({ code: 'conflict' });
    expect(readFileSync(file, 'utf8')).toContain(emulator.config.token.secret);
  });

  it('offers nothing to remove when no profile was imported', async () => {
    const { file, other } = await ownProfileFile({ API_HOST: 'http://api.example.org' });
    expect((await other.cleverCloud.importCleverTools(file)).plaintext).toBeUndefined();
  });

  it('seals the API bridge with the account: changed in the metadata file, the account sends nothing', async () => {
    const { file, other } = await ownProfileFile();
    const [account] = (await other.cleverCloud.importCleverTools(file)).imported;
    other.metadata.update((doc) => ({
      ...doc,
      accounts: doc.accounts.map((a) => (a.id === account!.id ? { ...a, data: { ...(a.data as object), bridgeUrl: 'https://evil.example.org' } } : a)),
    }));
    const requests = emulator.server.log.length;
    await expect(other.cleverCloud.copyable(account!.id)).rejects.toMatchObject({ code: 'changed_outside' });
    expect(emulator.server.log.length).toBe(requests);
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

describe('replaced tokens', () => {
  it('a new login revokes the token it replaced: Clever Cloud refuses it, the new one works, nothing is left behind', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0101');
    const old = (await app.cleverCloud.readCredentials(first.id))!;
    const again = await app.cleverCloud.loginWithConsole('login-cc-0102');
    expect(again.id).toBe(first.id);
    const current = (await app.cleverCloud.readCredentials(first.id))!;
    expect(current.token).not.toBe(old.token);
    expect(app.metadata.document.pendingRevocations).toEqual([]);
    expect(emulator.listTokens().find((t) => t.token === old.token)?.revoked).toBe(true);
    expect(await accepted(old)).toBe(false);
    expect(await accepted(current)).toBe(true);
    expect(await retiredKeys()).toEqual([]);
    expect(app.cleverCloud.retired.list()).toEqual([]);
    expect(deletesOfEveryToken()).toBe(false);
  });

  it('importing a newer token of the same user (clever-tools) revokes the one it replaced', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0103');
    const old = (await app.cleverCloud.readCredentials(first.id))!;
    // The same user logged in with clever-tools elsewhere: a second token of the same consumer.
    const elsewhere = makeTestWorld();
    const other = appOn(elsewhere);
    const newer = (await other.cleverCloud.readCredentials((await other.cleverCloud.loginWithConsole('login-cc-0104')).id))!;
    await elsewhere.cleanup();
    const dir = mkdtempSync(path.join(tmpdir(), 'clever-tools-'));
    const file = path.join(dir, 'clever-tools.json');
    writeFileSync(file, JSON.stringify({ version: 1, profiles: [{ alias: 'laptop', token: newer.token, secret: newer.secret }] }));
    const outcome = await app.cleverCloud.importCleverTools(file);
    expect(outcome.imported.map((a) => a.id)).toEqual([first.id]);
    expect(emulator.listTokens().find((t) => t.token === old.token)?.revoked).toBe(true);
    expect(await accepted(old)).toBe(false);
    expect(await accepted(newer)).toBe(true);
    // Importing the token the account already holds replaces nothing, and revokes nothing.
    await app.cleverCloud.importCleverTools(file);
    expect(await accepted(newer)).toBe(true);
    expect(await retiredKeys()).toEqual([]);
  });

  it('a revocation that fails is kept, shown, retried later with a backoff, and then its token is gone from the keychain', async () => {
    const clock = new FakeClock(Date.now());
    const background = appOn(world, { clock });
    const seen: (readonly PendingRevocation[])[] = [];
    background.events.attach((event, payload) => event === 'revocationsChanged' && seen.push(payload as readonly PendingRevocation[]));
    await background.start();
    const first = await background.cleverCloud.loginWithConsole('login-cc-0105');
    const old = (await background.cleverCloud.readCredentials(first.id))!;
    emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 2 });
    // The login itself works; the revocation that follows it fails.
    await background.cleverCloud.loginWithConsole('login-cc-0106');
    const current = (await background.cleverCloud.readCredentials(first.id))!;
    expect(background.cleverCloud.retired.list()).toHaveLength(1);
    const [pending] = background.cleverCloud.retired.list();
    expect(pending).toEqual({
      id: expect.any(String),
      accountId: first.id,
      since: clock.now(),
      attempts: 1,
      lastError: { code: 'http_error', message: expect.stringMatching(/Clever Cloud/), key: 'cleverCloud.revocation.refused' },
      nextAttemptAt: clock.now() + RETRY_BASE_MS,
    });
    expect(seen.at(-1)).toEqual([pending]);
    // Kept: still valid at Clever Cloud, its envelope in the keychain, only its name on disk.
    expect(await accepted(old)).toBe(true);
    expect(await retiredKeys()).toEqual([`retired/clever-cloud/${pending!.id}`]);
    expect(metadataText()).not.toContain(old.token);
    expect(metadataText()).not.toContain(old.secret);
    expect(JSON.stringify(seen)).not.toContain(old.token);

    // Not before the backoff; the second attempt fails too and waits twice as long.
    await clock.advance(RETRY_BASE_MS - 1_000);
    expect(emulator.server.log.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    await clock.advance(1_000);
    await vi.waitFor(() => expect(background.cleverCloud.retired.list()[0]?.attempts).toBe(2));
    expect(background.cleverCloud.retired.list()[0]?.nextAttemptAt).toBe(clock.now() + 2 * RETRY_BASE_MS);
    await clock.advance(2 * RETRY_BASE_MS);
    await vi.waitFor(() => expect(background.cleverCloud.retired.list()).toEqual([]));
    expect(await accepted(old)).toBe(false);
    expect(await accepted(current)).toBe(true);
    expect(await retiredKeys()).toEqual([]);
    expect(background.metadata.document.pendingRevocations).toEqual([]);
    expect(seen.at(-1)).toEqual([]);
    expect(clock.pending).toBe(0);
    background.scheduler.stop();
  });

  it('keeps a revocation across a restart (offline) and does it at the next start', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0107');
    const old = (await app.cleverCloud.readCredentials(first.id))!;
    emulator.server.faults.add({ fault: { kind: 'reset' }, method: 'DELETE' });
    await app.cleverCloud.loginWithConsole('login-cc-0108');
    expect(app.cleverCloud.retired.list()).toMatchObject([{ lastError: { code: 'network' } }]);
    await app.accounts.remove(first.id);
    emulator.server.faults.clear();
    // The account is gone; its replaced token is not forgotten.
    const restarted = appOn(world);
    expect(restarted.cleverCloud.retired.list()).toMatchObject([{ accountId: first.id, attempts: 1 }]);
    await restarted.start();
    expect(restarted.cleverCloud.retired.list()).toEqual([]);
    expect(await accepted(old)).toBe(false);
    expect(await retiredKeys()).toEqual([]);
    restarted.scheduler.stop();
  });

  it('never revokes a token an account still holds (a crash before the new token was saved), and drops an entry whose envelope is gone', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0109');
    const held = (await app.cleverCloud.readCredentials(first.id))!;
    const userId = (app.accounts.record(first.id).data as { userId: string }).userId;
    // Steps 1 and 2 of a replacement, then a crash: the new token was never saved.
    await app.cleverCloud.retired.retire({ ...held, consumerRef: 'cli', apiBaseUrl: emulator.config.baseUrl, userId, accountId: first.id });
    // And an entry whose envelope was never written (a crash between steps 1 and 2).
    await app.cleverCloud.retired.retire({ ...held, consumerRef: 'cli', apiBaseUrl: emulator.config.baseUrl, userId, accountId: first.id });
    const [, second] = app.metadata.document.pendingRevocations;
    await keytar.deletePassword(world.service, `retired/clever-cloud/${second!.rid}`);
    expect(app.metadata.document.pendingRevocations).toHaveLength(2);

    const restarted = appOn(world);
    await restarted.start();
    expect(restarted.metadata.document.pendingRevocations).toEqual([]);
    expect(await retiredKeys()).toEqual([]);
    expect(emulator.server.log.some((r) => r.method === 'DELETE')).toBe(false);
    expect(await accepted(held)).toBe(true);
    await expect(restarted.copies.copy(first.id, 'authorization-header')).resolves.toMatchObject({ what: 'Authorization header' });
    restarted.scheduler.stop();
  });

  it('sends a replaced token only to the API that issued it', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0110');
    const old = (await app.cleverCloud.readCredentials(first.id))!;
    emulator.server.faults.add({ fault: { kind: 'reset' }, method: 'DELETE', times: 1 });
    await app.cleverCloud.loginWithConsole('login-cc-0111');
    expect(app.cleverCloud.retired.list()).toHaveLength(1);
    // The next run points at another Clever Cloud API: it must not receive the token.
    const elsewhere = await startCleverCloudEmulator();
    try {
      const moved = createTestApp(world, { cleverCloud: { baseUrl: elsewhere.config.baseUrl, consoleUrl: elsewhere.config.consoleUrl } });
      await moved.start();
      expect(moved.cleverCloud.retired.list()).toMatchObject([{ attempts: 2, lastError: { code: 'invalid_configuration' } }]);
      expect(elsewhere.server.log).toEqual([]);
      expect(await accepted(old)).toBe(true);
      moved.scheduler.stop();
      moved.cleverCloud.retired.stop();
    } finally {
      await elsewhere.close();
    }
  });

  it('rebuilds pending revocations, not accounts, from the keychain when the metadata file is lost', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0112');
    const old = (await app.cleverCloud.readCredentials(first.id))!;
    emulator.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 1 });
    await app.cleverCloud.loginWithConsole('login-cc-0113');
    expect(app.cleverCloud.retired.list()).toHaveLength(1);
    writeFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), '{"schemaVersion": 3, "accounts": [');
    const restarted = appOn(world);
    await restarted.start();
    expect(restarted.accounts.list()).toMatchObject([{ id: first.id, provider: 'clever-cloud', status: 'recovered' }]);
    expect(restarted.metadata.document.pendingRevocations).toEqual([]);
    expect(await accepted(old)).toBe(false);
    expect(await retiredKeys()).toEqual([]);
    restarted.scheduler.stop();
  });

  it('names an account rebuilt from the keychain in the current language, and stores no words for it', async () => {
    const first = await app.cleverCloud.loginWithConsole('login-cc-0114');
    writeFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), '{"schemaVersion": 3, "accounts": [');
    const french = appOn(world, { systemLanguages: () => ['fr-FR'] });
    await french.start();
    expect(french.accounts.list()).toMatchObject([{ id: first.id, status: 'recovered', displayName: 'Compte Clever Cloud récupéré', subtitle: 'Les détails reviennent à la prochaine actualisation ou connexion' }]);
    french.scheduler.stop();
    // The file keeps no words: the same account reads in the language of whoever shows it.
    expect(french.metadata.findAccount(first.id)).toMatchObject({ displayName: '', subtitle: '' });
    const english = appOn(world);
    expect(english.accounts.list()).toMatchObject([{ id: first.id, displayName: 'Recovered Clever Cloud account' }]);
    // A name given by the user is the user's.
    await english.accounts.rename(first.id, 'Work');
    expect(english.accounts.list()).toMatchObject([{ id: first.id, displayName: 'Work' }]);
  });

  it('revokes a pasted token replaced by a login with the user’s own consumer, and keeps that consumer until it is revoked', async () => {
    const consumer = await app.cleverCloud.consumers.save({
      name: 'Demo',
      key: emulator.config.consumer.key,
      secret: emulator.config.consumer.secret,
      callbackPort: (await freePort()),
    });
    const pasted = await app.cleverCloud.importPasted(emulator.config.token.token, emulator.config.token.secret, consumer.id);
    emulator.server.faults.add({ fault: { kind: 'status', status: 502 }, method: 'DELETE', times: 1 });
    const again = await app.cleverCloud.loginWithOwnConsumer('login-cc-0114', consumer.id);
    expect(again.id).toBe(pasted.id);
    expect(app.cleverCloud.retired.list()).toHaveLength(1);
    await app.cleverCloud.logout(pasted.id, true);
    // Revoking the replaced token needs the consumer's secret: the consumer stays until then.
    await expect(app.cleverCloud.consumers.remove(consumer.id)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/replaced token/) });
    expect(await app.cleverCloud.retired.retryNow()).toEqual({ revoked: 1, pending: [] });
    expect(emulator.listTokens().find((t) => t.token === emulator.config.token.token)?.revoked).toBe(true);
    await app.cleverCloud.consumers.remove(consumer.id);
    // Only the bindings key is left: it belongs to the app, not to an account.
    expect([...(await world.keychain()).keys()]).toEqual([BINDING_KEY_ENTRY]);
  });
});
