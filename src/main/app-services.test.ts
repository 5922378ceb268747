/**
 * The wiring of app-services.ts where it decides something: "Refresh all" goes to the accounts
 * whose provider can refresh (src/main/providers/registry.ts), and leaves the others alone. The
 * IPC handlers have their own tests beside them (src/main/ipc/handlers/). Real keychain, real
 * metadata file, both emulators over HTTP; only the desktop ports (Electron's part) are test
 * doubles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../emulators/clever-cloud/server';
import { TestBrowser } from '../../emulators/clever-cloud/testing';
import { startSaasusEmulator, type SaasusEmulator } from '../../emulators/saasus/server';
import type { AppServices } from './app-services';
import { FakeClock } from '../../test/support/fake-clock';
import { makeTestWorld, type TestWorld } from '../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../test/support/test-app';

let world: TestWorld;
let cleverCloud: CleverCloudEmulator;
let saasus: SaasusEmulator;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  [cleverCloud, saasus] = await Promise.all([startCleverCloudEmulator(), startSaasusEmulator()]);
  const browser = new TestBrowser(cleverCloud.config.consoleUrl, { email: cleverCloud.config.user.email, password: cleverCloud.config.user.password });
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: cleverCloud.config.baseUrl, consoleUrl: cleverCloud.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop(async (url) => void (await browser.open(url))),
    schedulerClock: new FakeClock(Date.now()),
  });
});
afterEach(async () => {
  app.scheduler.stop();
  app.cleverCloud.retired.stop();
  await Promise.all([cleverCloud.close(), saasus.close()]);
  await world.cleanup();
});

describe('refreshAll', () => {
  it('refreshes every account whose provider can refresh, and counts no Clever Cloud account as failed', async () => {
    const connection = await app.saasus.connections.save({
      name: 'Demo SaaS',
      saasId: saasus.config.saasId,
      apiKey: saasus.config.apiKey,
      secretKey: saasus.config.secretKey,
      apiBaseUrl: saasus.config.baseUrl,
      loginUrl: saasus.config.loginUrl,
      callbackPort: 45873,
    });
    await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    const clever = await app.cleverCloud.loginWithConsole('login-all-0001');
    const settled: number[] = [];
    expect(await app.refreshAll((n) => settled.push(n))).toEqual({ refreshed: 1, needsLogin: 0, failed: 0 });
    expect(saasus.refreshCalls()).toBe(1);
    expect(settled).toEqual([1]);
    expect(app.accounts.record(clever.id)).toMatchObject({ status: 'ok', statusMessage: null });
  });
});
