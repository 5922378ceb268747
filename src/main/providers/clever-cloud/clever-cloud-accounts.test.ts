/**
 * Clever Cloud accounts in plain Node: the real services over the real keychain and metadata
 * file, against the Clever Cloud emulator over HTTP, with the emulator's test browser standing in
 * for the system browser (it fills the console, login and rights pages and follows the redirects).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../e2e/emulators/clever-cloud/server';
import { TestBrowser } from '../../../../e2e/emulators/clever-cloud/testing';
import type { AppServices } from '../../app-services';
import { makeTestWorld, type TestWorld } from '../../test-support/real-stores';
import { createTestApp, testDesktop } from '../../test-support/test-app';
import { METADATA_FILE_NAME } from '../../vault/metadata-store';

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
