/**
 * Service tokens end to end in plain Node: the real services over the real keychain and metadata
 * file, against the Clever Cloud emulator over HTTP (a console login as the demo user).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATIONS } from '../../../../../emulators/clever-cloud/demo-data';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../../emulators/clever-cloud/testing';
import { makeTestWorld, type TestWorld } from '../../../../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../../../../test/support/test-app';
import type { AppServices } from '../../../app-services';
import { METADATA_FILE_NAME } from '../../../vault/metadata-store';
import type { KeytarLike } from '../../../vault/secret-store';
import { heldField } from './service';

let world: TestWorld;
let emulator: CleverCloudEmulator;
let app: AppServices;
let accountId: string;
const [acme, globex, initech] = DEMO_ORGANISATIONS as [(typeof DEMO_ORGANISATIONS)[number], (typeof DEMO_ORGANISATIONS)[number], (typeof DEMO_ORGANISATIONS)[number]];
const acmeWeb = acme.applications[0]!.id;
const DAY = 86_400;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startCleverCloudEmulator();
  const browser = new TestBrowser(emulator.config.consoleUrl, { email: emulator.config.user.email, password: emulator.config.user.password });
  app = createTestApp(world, {
    loginTimeoutMs: 10_000,
    cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 },
    desktop: testDesktop(async (url) => void (await browser.open(url))),
  });
  accountId = (await app.cleverCloud.loginWithConsole('login-st-0001')).id;
});
afterEach(async () => {
  await emulator.close();
  await world.cleanup();
});

const tokens = () => app.cleverCloud.serviceTokens;
const metadataText = (): string => readFileSync(path.join(world.dir, `${METADATA_FILE_NAME}.json`), 'utf8');
const keychainValues = async (): Promise<string[]> => [...(await world.keychain()).values()];

describe('organisations', () => {
  it('lists the user’s organisations with the user’s role and their applications', async () => {
    const orgs = await tokens().organisations(accountId);
    expect(orgs.map((o) => [o.name, o.role])).toEqual([
      ['Acme', 'ADMIN'],
      ['Globex', 'DEVELOPER'],
      ['Initech', 'ACCOUNTING'],
    ]);
    expect(orgs[0]!.applications.map((a) => a.id)).toEqual(acme.applications.map((a) => a.id));
    expect(orgs[0]!.applications[0]!.deployUrl).toBe(`${emulator.server.url}/${acmeWeb}.git`);
  });

  it('shows a hostile organisation name as it is (the window renders text)', async () => {
    emulator.organisations.setOrganisationName(acme.id, '<img src=x onerror=alert(1)>');
    expect((await tokens().organisations(accountId))[0]!.name).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('service tokens', () => {
  it('creates a token, keeps its value in the keychain only, lists it as held, and revoking deletes the value', async () => {
    const made = await tokens().create(accountId, acme.id, { name: 'ci', role: 'DEVELOPER', appId: acmeWeb, ttlSeconds: 7 * DAY });
    expect(made).toMatchObject({ name: 'ci', role: 'DEVELOPER', appId: acmeWeb, held: true });
    expect(made).not.toHaveProperty('value');
    const held = await tokens().value(accountId, acme.id, made.id);
    expect(held.value).toMatch(/^biscuit_ccemu_/);
    expect((await keychainValues()).some((v) => v.includes(held.value))).toBe(true);
    expect(metadataText()).not.toContain(held.value);
    expect(JSON.stringify(made)).not.toContain(held.value);
    expect((await tokens().tokens(accountId, acme.id)).find((t) => t.id === made.id)).toMatchObject({ held: true });

    await tokens().revoke(accountId, acme.id, made.id);
    expect(emulator.organisations.listServiceTokens().find((t) => t.id === made.id)?.revoked).toBe(true);
    expect((await keychainValues()).some((v) => v.includes(held.value))).toBe(false);
    expect(app.accounts.record(accountId).secretFields).not.toContain(heldField(acme.id, made.id));
    await expect(tokens().value(accountId, acme.id, made.id)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a role above the user’s is refused with a typed error, nothing kept', async () => {
    await expect(tokens().create(accountId, globex.id, { name: 'x', role: 'ADMIN', appId: null, ttlSeconds: DAY })).rejects.toMatchObject({ code: 'denied' });
    await expect(tokens().create(accountId, initech.id, { name: 'x', role: 'DEVELOPER', appId: null, ttlSeconds: DAY })).rejects.toMatchObject({ code: 'denied' });
    expect(app.accounts.record(accountId).secretFields.filter((f) => f.startsWith('service-token.'))).toEqual([]);
  });

  it('tokens made elsewhere are listed without a value; one revoked elsewhere loses its kept value at the next list', async () => {
    const made = await tokens().create(accountId, acme.id, { name: 'kept', role: 'MANAGER', appId: null, ttlSeconds: DAY });
    emulator.organisations.expireServiceToken(made.id);
    const listed = await tokens().tokens(accountId, acme.id);
    expect(listed.some((t) => t.id === made.id)).toBe(false);
    expect(app.accounts.record(accountId).secretFields).not.toContain(heldField(acme.id, made.id));
  });

  it('a token created while a list is on its way keeps its value (the list is older than it, not proof it is gone)', async () => {
    // The list is made before the creation and arrives after it (a few hundred bytes, one every 3 ms).
    for (const name of ['one', 'two', 'three']) await tokens().create(accountId, acme.id, { name, role: 'DEVELOPER', appId: null, ttlSeconds: DAY });
    emulator.server.faults.add({ fault: { kind: 'drip', intervalMs: 3 }, path: `/organisations/${acme.id}/service-tokens`, method: 'GET', times: 1 });
    const listing = tokens().tokens(accountId, acme.id);
    await new Promise((r) => setTimeout(r, 50));
    const made = await tokens().create(accountId, acme.id, { name: 'meanwhile', role: 'DEVELOPER', appId: null, ttlSeconds: DAY });
    const listed = await listing;
    expect(listed).toHaveLength(3);
    expect(listed.some((t) => t.id === made.id)).toBe(false);
    expect(app.accounts.record(accountId).secretFields).toContain(heldField(acme.id, made.id));
  });

  it('a new login of the same user keeps the kept tokens; removing the account deletes them', async () => {
    const made = await tokens().create(accountId, acme.id, { name: 'ci', role: 'DEVELOPER', appId: null, ttlSeconds: DAY });
    const { value } = await tokens().value(accountId, acme.id, made.id);
    await app.cleverCloud.loginWithConsole('login-st-0002');
    expect((await tokens().value(accountId, acme.id, made.id)).value).toBe(value);
    await app.accounts.remove(accountId);
    expect((await keychainValues()).some((v) => v.includes(value))).toBe(false);
  });

  it('hands out a kept token for a deployment remote of the account only, and only one that may deploy', async () => {
    const target = { protocol: 'http', host: new URL(emulator.server.url).host, path: `${acmeWeb}.git` };
    const base = emulator.config.baseUrl;
    expect(await tokens().forDeployment(accountId, base, target)).toBeNull();
    await tokens().create(accountId, initech.id, { name: 'books', role: 'ACCOUNTING', appId: null, ttlSeconds: DAY });
    const whole = await tokens().create(accountId, acme.id, { name: 'org', role: 'DEVELOPER', appId: null, ttlSeconds: DAY });
    expect((await tokens().forDeployment(accountId, base, target))?.tokenId).toBe(whole.id);
    const scoped = await tokens().create(accountId, acme.id, { name: 'app', role: 'DEVELOPER', appId: acmeWeb, ttlSeconds: 2 * DAY });
    expect((await tokens().forDeployment(accountId, base, target))?.tokenId).toBe(scoped.id);
    expect(await tokens().forDeployment(accountId, base, { ...target, host: '127.0.0.1:1' })).toBeNull();
    expect(await tokens().forDeployment(accountId, base, { ...target, path: `${globex.applications[0]!.id}.git` })).toBeNull();
    expect((await tokens().forOrganisation(accountId, 'Acme', 'acme-web')).tokenId).toBe(scoped.id);
    expect((await tokens().forOrganisation(accountId, acme.id, null)).tokenId).toBe(whole.id);
    await expect(tokens().forOrganisation(accountId, globex.id, null)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a token whose value the keychain refuses to keep is revoked again at once, and the error says so', async () => {
    // The real keychain, locked for the new entry (as a keychain that locks itself would be).
    const locking: KeytarLike = {
      getPassword: (service, key) => keytar.getPassword(service, key),
      setPassword: async (service, key, value) => {
        if (key.includes('/service-token.')) throw new Error('the keychain is locked');
        return keytar.setPassword(service, key, value);
      },
      deletePassword: (service, key) => keytar.deletePassword(service, key),
      findCredentials: (service) => keytar.findCredentials(service),
    };
    app.metadata.flush();
    const locked = createTestApp(world, {
      keytar: locking,
      cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 },
    });
    const failed = await locked.cleverCloud.serviceTokens.create(accountId, acme.id, { name: 'lost', role: 'DEVELOPER', appId: null, ttlSeconds: DAY }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ code: 'keychain_unavailable', message: expect.stringContaining('revoked again') });
    const made = emulator.organisations.listServiceTokens().filter((t) => t.name === 'lost');
    expect(made).toHaveLength(1);
    expect(made[0]!.revoked).toBe(true);
    expect(locked.accounts.record(accountId).secretFields.filter((f) => f.startsWith('service-token.'))).toEqual([]);
  });

  it('an answer in an unexpected shape is a bad_response, never a token', async () => {
    emulator.server.faults.add({ fault: { kind: 'status', status: 201, body: '{"id":"x","token":"biscuit_ccemu_0123456789abcdef"}' }, path: '/service-tokens', method: 'POST', times: 1 });
    await expect(tokens().create(accountId, acme.id, { name: 'x', role: 'DEVELOPER', appId: null, ttlSeconds: DAY })).rejects.toMatchObject({ code: 'bad_response' });
  });
});
