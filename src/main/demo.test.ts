import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSaasusEmulator, type SaasusEmulator } from '../../emulators/saasus/server';
import type { AppServices } from './app-services';
import { parseDemoConfig, seedDemo } from './demo';
import { makeTestWorld, type TestWorld } from '../../test/support/real-stores';
import { createTestApp } from '../../test/support/test-app';

let world: TestWorld;
let emulator: SaasusEmulator;
let app: AppServices;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startSaasusEmulator();
  app = createTestApp(world);
});
afterEach(async () => {
  await emulator.close();
  await world.cleanup();
});

describe('demo seeding', () => {
  it('creates a working connection to the SaaSus emulator once', async () => {
    const config = parseDemoConfig(JSON.stringify({ saasus: emulator.config }))!;
    await seedDemo(config, app.saasus.connections);
    await seedDemo(config, app.saasus.connections);
    const connections = await app.saasus.connections.list();
    expect(connections).toHaveLength(1);
    expect(connections[0]).toMatchObject({ name: 'Demo SaaS (emulator)', callbackPort: 28873 });
    expect(await app.saasus.connections.test(connections[0]!.id)).toMatchObject({ matchesTessera: true });
  });

  it('ignores a config that is not the emulators’ JSON', () => {
    expect(parseDemoConfig('{"saasus": 1}')).toBeUndefined();
    expect(parseDemoConfig('{"cleverCloud": {"baseUrl": "http://127.0.0.1:1/v2", "consoleUrl": "http://127.0.0.1:1"}}')?.cleverCloud?.consoleUrl).toBe('http://127.0.0.1:1');
    expect(parseDemoConfig('not json')).toBeUndefined();
    expect(parseDemoConfig(undefined)).toBeUndefined();
  });
});
