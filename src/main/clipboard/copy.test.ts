/**
 * "Copy": a fresh credential onto the clipboard, through the real services (a SaaSus account
 * against its emulator, the real keychain) and a clipboard double (the system clipboard is
 * Electron's).
 */
import { demoConnectionInput } from '../../../emulators/saasus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../emulators/saasus/server';
import type { ClipboardHold } from '../../shared/types';
import type { AppServices } from '../app-services';
import { makeTestWorld, type TestWorld } from '../../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../../test/support/test-app';

let world: TestWorld;
let saasus: SaasusEmulator;
let desktop: TestDesktop;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  saasus = await startSaasusEmulator();
  desktop = testDesktop();
  app = createTestApp(world, { desktop });
});
afterEach(async () => {
  await saasus.close();
  await world.cleanup();
});

async function saasusAccount() {
  const connection = await app.saasus.connections.save(demoConnectionInput(saasus, 28997));
  return app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
}

describe('copy a fresh token', () => {
  it('writes the value on the clipboard, held as what it is, and answers without it', async () => {
    const account = await saasusAccount();
    const holds: (ClipboardHold | null)[] = [];
    app.events.attach((event, payload) => event === 'clipboardChanged' && holds.push(payload as ClipboardHold | null));
    const result = await app.copies.copy(account.id, 'access-token');
    expect(saasus.refreshCalls()).toBe(0);
    expect(desktop.clipboardText()).toBe((await app.saasus.readCredentials(account.id))!.accessToken);
    expect(result).toEqual({ what: 'Access token', validUntil: account.expiresAt, clearsAt: expect.any(Number) });
    expect(holds).toEqual([{ what: 'Access token', clearsAt: result.clearsAt }]);
    expect(JSON.stringify(result)).not.toContain(desktop.clipboardText());
  });

  it('refreshes first when the token expires within the lead time of the settings', async () => {
    const account = await saasusAccount();
    await app.copies.copy(account.id, 'id-token');
    const copied = desktop.clipboardText();
    expect(saasus.refreshCalls()).toBe(0);
    app.accounts.updateSettings({ refreshLeadSeconds: 3600 }); // one-hour tokens: always within the lead
    await app.copies.copy(account.id, 'id-token');
    expect(saasus.refreshCalls()).toBe(1);
    expect(desktop.clipboardText()).not.toBe(copied);
    expect(desktop.clipboardText()).toBe((await app.saasus.readCredentials(account.id))!.idToken);
  });

  it('refreshes a token inside the lead time exactly once for 200 concurrent copies, and copies the new value', async () => {
    const account = await saasusAccount();
    const before = await app.saasus.readCredentials(account.id);
    app.accounts.updateSettings({ refreshLeadSeconds: 3600 }); // one-hour tokens: always within the lead
    const results = await Promise.all(Array.from({ length: 200 }, () => app.copies.copy(account.id, 'authorization-header')));
    expect(saasus.refreshCalls()).toBe(1);
    const after = await app.saasus.readCredentials(account.id);
    expect(after!.accessToken).not.toBe(before!.accessToken);
    expect(desktop.clipboardText()).toBe(`Bearer ${after!.accessToken}`);
    expect(new Set(results.map((r) => r.validUntil)).size).toBe(1);
  });

  it('writes nothing when the account offers no such kind', async () => {
    const account = await saasusAccount();
    await expect(app.copies.copy(account.id, 'env-lines')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(desktop.clipboardText()).toBe('');
  });
});
