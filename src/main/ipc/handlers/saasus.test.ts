/**
 * The SaaSus handlers that do more than call one service, through the real router: the hand-off
 * code on the clipboard. Real keychain, real metadata file, the emulator over HTTP; only the
 * desktop ports (Electron's part) are test doubles.
 */
import { demoConnectionInput } from '../../../../emulators/saasus/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../../../emulators/saasus/server';
import { FakeClock } from '../../../../test/support/fake-clock';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../../../test/support/test-app';
import { INVOKE_CHANNELS } from '../../../shared/channels';
import type { ClipboardHold } from '../../../shared/types';
import type { AppServices } from '../../app-services';
import type { Sender } from '../router';

const ours: Sender = { isMainFrame: true, url: 'app://tessera/index.html' };

let world: TestWorld;
let saasus: SaasusEmulator;
let clock: FakeClock;
let desktop: TestDesktop;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  saasus = await startSaasusEmulator();
  clock = new FakeClock(Date.now());
  desktop = testDesktop();
  app = createTestApp(world, { desktop, clock });
});
afterEach(async () => {
  app.scheduler.stop();
  await saasus.close();
  await world.cleanup();
});

const call = (name: keyof typeof INVOKE_CHANNELS, input?: unknown) => app.router.dispatch(INVOKE_CHANNELS[name], input, ours);

describe('copySaasusHandOff', () => {
  it('holds the code through the clipboard guard: shown as held, cleared when it dies and on quit', async () => {
    const connection = await app.saasus.connections.save(demoConnectionInput(saasus, 28872));
    const account = await app.saasus.exchangePastedCode(connection.id, saasus.issueTempCode(saasus.config.users[0]!.email));
    const holds: (ClipboardHold | null)[] = [];
    app.events.attach((event, payload) => event === 'clipboardChanged' && holds.push(payload as ClipboardHold | null));

    const before = clock.now();
    const copied = await call('copySaasusHandOff', { id: account.id });
    expect(copied).toMatchObject({ ok: true, value: { expiresAt: expect.any(Number) } });
    const { expiresAt } = (copied as { value: { expiresAt: number } }).value;
    const code = desktop.clipboardText();
    expect(code).not.toBe('');
    expect(JSON.stringify(copied)).not.toContain(code);
    // Shown like any other copy, until the code dies (10 s), not the 30 s of the setting.
    expect(holds).toEqual([{ what: 'Hand-off code', clearsAt: expect.any(Number) }]);
    const clearsIn = holds[0]!.clearsAt! - clock.now();
    expect(clearsIn).toBeLessThanOrEqual(expiresAt - before);
    expect(clearsIn).toBeGreaterThan(expiresAt - clock.now() - 1_000);
    expect(clearsIn).toBeLessThanOrEqual(10_000);
    await clock.advance(clearsIn - 1);
    expect(desktop.clipboardText()).toBe(code);
    await clock.advance(1);
    expect(desktop.clipboardText()).toBe('');
    expect(holds.at(-1)).toBeNull();

    // Quitting clears a code still held.
    await call('copySaasusHandOff', { id: account.id });
    expect(desktop.clipboardText()).not.toBe('');
    await app.clipboard.clearNow();
    expect(desktop.clipboardText()).toBe('');
  });
});
