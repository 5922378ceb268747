/**
 * The service-token handlers through the real router: what crosses to the window (never a value),
 * the clipboard written by main, and inputs the schemas refuse before Clever Cloud is called.
 * Real keychain, real metadata file, the emulator over HTTP; only the desktop ports are doubles.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../../../emulators/clever-cloud/demo-data';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../emulators/clever-cloud/testing';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../../../test/support/test-app';
import { INVOKE_CHANNELS } from '../../../shared/channels';
import type { AppServices } from '../../app-services';
import type { Sender } from '../router';

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };
const acme = DEMO_ORGANISATIONS[0]!;

let world: TestWorld;
let emulator: CleverCloudEmulator;
let app: AppServices;
let desktop: TestDesktop;
let id: string;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startCleverCloudEmulator();
  const browser = new TestBrowser(emulator.config.consoleUrl, { email: emulator.config.user.email, password: emulator.config.user.password });
  desktop = testDesktop(async (url) => void (await browser.open(url)));
  app = createTestApp(world, { loginTimeoutMs: 10_000, cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 }, desktop });
  id = (await app.cleverCloud.loginWithConsole('login-sth-0001')).id;
});
afterEach(async () => {
  app.scheduler.stop();
  app.cleverCloud.retired.stop();
  await emulator.close();
  await world.cleanup();
});

const call = (name: keyof typeof INVOKE_CHANNELS, input?: unknown) => app.router.dispatch(INVOKE_CHANNELS[name], input, ours);

describe('service-token handlers', () => {
  it('create answers without the value; copy writes it to the clipboard in main and answers only what and until when', async () => {
    const created = await call('createServiceToken', { id, orgId: acme.id, name: '  deploy  ', role: 'DEVELOPER', ttlSeconds: 3600 });
    expect(created).toMatchObject({ ok: true, value: { name: 'deploy', role: 'DEVELOPER', appId: null, held: true } });
    const tokenId = (created as { value: { id: string } }).value.id;
    const copied = await call('copyServiceToken', { id, orgId: acme.id, tokenId, format: 'authorization-header' });
    expect(copied).toMatchObject({ ok: true, value: { what: expect.any(String), validUntil: expect.any(Number) } });
    expect(desktop.clipboardText()).toMatch(/^Bearer biscuit_ccemu_/);
    const value = desktop.clipboardText().slice('Bearer '.length);
    for (const answer of [created, copied, await call('listServiceTokens', { id, orgId: acme.id }), await call('listCleverOrganisations', { id })]) expect(JSON.stringify(answer)).not.toContain(value);
    expect(await call('revokeServiceToken', { id, orgId: acme.id, tokenId })).toEqual({ ok: true, value: null });
    expect(await call('copyServiceToken', { id, orgId: acme.id, tokenId, format: 'token' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses a role, an id, a lifetime or a name out of bounds before anything reaches Clever Cloud', async () => {
    const before = emulator.server.log.length;
    for (const input of [
      { id, orgId: acme.id, name: 'x', role: 'ROOT', ttlSeconds: 60 },
      { id, orgId: '../self', name: 'x', role: 'DEVELOPER', ttlSeconds: 60 },
      { id, orgId: acme.id, name: 'x', role: 'DEVELOPER', ttlSeconds: 0 },
      { id, orgId: acme.id, name: 'x', role: 'DEVELOPER', ttlSeconds: 365 * 86_400 + 1 },
      { id, orgId: acme.id, name: '   ', role: 'DEVELOPER', ttlSeconds: 60 },
      { id, orgId: acme.id, name: 'x', role: 'DEVELOPER', ttlSeconds: 60, appId: 'app_x/../../self' },
    ])
      expect(await call('createServiceToken', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await call('revokeServiceToken', { id, orgId: acme.id, tokenId: 'a/../b' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(emulator.server.log.length).toBe(before);
  });
});
