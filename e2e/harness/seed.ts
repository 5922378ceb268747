/**
 * Accounts added through the window's bridge (the same calls the add flows make), against the
 * emulators: a SaaSus account from a temp code of the emulator's first user, a Clever Cloud account
 * from the emulator's seeded token, issued to its demo consumer.
 */
import { expect } from '@playwright/test';
import type { CleverCloudEmulator } from '../../emulators/clever-cloud/server';
import type { SaasusEmulator } from '../../emulators/saasus/server';
import { demoConnectionInput } from '../../emulators/saasus/testing';
import type { Harness } from './harness';

/** Saves the emulator's demo SaaS (its callback on `callbackPort`) and logs its first user in with a pasted code. */
export async function addSaasusAccount(h: Harness, emulator: SaasusEmulator, callbackPort: number, name = 'Demo SaaS'): Promise<string> {
  const connection = await h.page.evaluate((input) => window.tessera.saveSaasusConnection(input), { ...demoConnectionInput(emulator, callbackPort), name });
  if (!connection.ok) throw new Error(connection.error.message);
  const code = emulator.issueTempCode(emulator.config.users[0]!.email);
  const added = await h.page.evaluate(([id, c]) => window.tessera.exchangeSaasusCode({ connectionId: id, code: c }), [connection.value.id, code] as const);
  expect(added.ok).toBe(true);
  return added.ok ? added.value.id : '';
}

/** Saves the emulator's demo consumer and imports its seeded token, checked against /self. */
export async function addCleverCloudAccount(h: Harness, emulator: CleverCloudEmulator, callbackPort: number): Promise<string> {
  const { consumer, token } = emulator.config;
  const saved = await h.page.evaluate((c) => window.tessera.saveCleverCloudConsumer(c), { name: 'Demo consumer', key: consumer.key, secret: consumer.secret, callbackPort });
  if (!saved.ok) throw new Error(saved.error.message);
  const added = await h.page.evaluate((input) => window.tessera.importCleverCloudToken(input), { token: token.token, secret: token.secret, consumerId: saved.value.id });
  if (!added.ok) throw new Error(added.error.message);
  return added.value.id;
}
