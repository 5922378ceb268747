/**
 * The Clever Cloud handlers that do more than call one service, through the real router: the
 * pending revocations and "Retry now". Real keychain, real metadata file, the emulator over HTTP;
 * only the desktop ports (Electron's part) are test doubles.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../emulators/clever-cloud/testing';
import { FakeClock } from '../../../../test/support/fake-clock';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../../../test/support/test-app';
import { INVOKE_CHANNELS } from '../../../shared/channels';
import type { AppServices } from '../../app-services';
import type { Sender } from '../router';

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };

let world: TestWorld;
let cleverCloud: CleverCloudEmulator;
let app: AppServices;
let configDir: string | undefined;
/** Where this test's clever-tools keeps its configuration. */
const configFile = (): string => path.join((configDir ??= mkdtempSync(path.join(tmpdir(), 'clever-tools-ipc-'))), 'clever-tools.json');

beforeEach(async () => {
  world = makeTestWorld();
  cleverCloud = await startCleverCloudEmulator();
  const browser = new TestBrowser(cleverCloud.config.consoleUrl, { email: cleverCloud.config.user.email, password: cleverCloud.config.user.password });
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, pollIntervalMs: 50, cleverToolsConfigPaths: [configFile()] },
    desktop: testDesktop(async (url) => void (await browser.open(url))),
    clock: new FakeClock(Date.now()),
  });
});
afterEach(async () => {
  app.scheduler.stop();
  app.cleverCloud.retired.stop();
  await cleverCloud.close();
  await world.cleanup();
});

const call = (name: keyof typeof INVOKE_CHANNELS, input?: unknown) => app.router.dispatch(INVOKE_CHANNELS[name], input, ours);
const tokenOf = async (id: string): Promise<string> => (await app.cleverCloud.readCredentials(id))!.token;
const revoked = (token: string): boolean | undefined => cleverCloud.listTokens().find((t) => t.token === token)?.revoked;

describe('pending revocations', () => {
  it('lists a replaced token that could not be revoked, and "Retry now" revokes it', async () => {
    const account = await app.cleverCloud.loginWithConsole('login-rm-0003');
    const old = await tokenOf(account.id);
    cleverCloud.server.faults.add({ fault: { kind: 'status', status: 503 }, method: 'DELETE', times: 1 });
    await app.cleverCloud.loginWithConsole('login-rm-0004');
    expect(await call('listPendingRevocations')).toMatchObject({ ok: true, value: [{ accountId: account.id }] });
    const listed = await call('listPendingRevocations');
    expect(JSON.stringify(listed)).not.toContain(old);
    expect(await call('retryRevocations')).toEqual({ ok: true, value: { revoked: 1, pending: [] } });
    expect(revoked(old)).toBe(true);
    expect(await call('listPendingRevocations')).toEqual({ ok: true, value: [] });
  });
});

describe('clever-tools profiles through the window', () => {
  it('imports a profile with its overrides, then removes its plaintext token when asked; the file’s version is what the window copies in', async () => {
    expect(await call('detectCleverToolsVersion')).toMatchObject({ ok: true });
    writeFileSync(
      configFile(),
      JSON.stringify({
        version: 1,
        profiles: [
          {
            alias: 'own',
            token: cleverCloud.config.token.token,
            secret: cleverCloud.config.token.secret,
            overrides: { API_HOST: cleverCloud.config.baseUrl.replace(/\/v2$/, ''), OAUTH_CONSUMER_KEY: cleverCloud.config.consumer.key, OAUTH_CONSUMER_SECRET: cleverCloud.config.consumer.secret },
          },
        ],
      }),
    );
    expect(await call('detectCleverToolsVersion')).toEqual({ ok: true, value: { version: 4, from: 'config-file' } });
    const imported = (await call('importCleverTools', { path: configFile() })) as { ok: true; value: { plaintext: { importId: string }; overrides: unknown[] } };
    expect(imported).toMatchObject({ ok: true, value: { failed: [], overrides: [{ alias: 'own', names: ['API_HOST', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET'] }] } });
    expect(JSON.stringify(imported)).not.toContain(cleverCloud.config.consumer.secret);
    expect(await call('removeCleverToolsPlaintext', { importId: 'not-an-import' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const removed = await call('removeCleverToolsPlaintext', { importId: imported.value.plaintext.importId });
    expect(removed).toMatchObject({ ok: true, value: { path: configFile(), removed: ['own'] } });
    expect(readFileSync(configFile(), 'utf8')).not.toContain(cleverCloud.config.token.secret);
  });
});
