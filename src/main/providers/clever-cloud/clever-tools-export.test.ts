/**
 * "Copy as clever-tools profile", checked by the real clever-tools (devDependencies
 * `clever-tools-3` and `clever-tools-4`): the copy, taken from the clipboard the guard wrote, is
 * pasted as clever-tools' configuration file in a home of its own, and `clever profile` against the
 * Clever Cloud emulator shows the account's user. The accounts are on the emulator's API (not
 * clever-tools' default), one through clever-tools' consumer, one through the user's own.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCleverCloudEmulator, type CleverCloudEmulator } from '../../../../emulators/clever-cloud/server';
import { TestBrowser } from '../../../../emulators/clever-cloud/testing';
import { makeTestWorld, type TestWorld } from '../../../../test/support/real-stores';
import { createTestApp, testDesktop, type TestDesktop } from '../../../../test/support/test-app';
import type { AppServices } from '../../app-services';
import { CLEVER_TOOLS_CONSUMER } from './constants';
import { cleverTools3Config, cleverTools4Profile, profileOverridesOf } from './clever-tools-export';

let world: TestWorld;
let emulator: CleverCloudEmulator;
let app: AppServices;
let desktop: TestDesktop;

beforeEach(async () => {
  world = makeTestWorld();
  emulator = await startCleverCloudEmulator();
  const browser = new TestBrowser(emulator.config.consoleUrl, { email: emulator.config.user.email, password: emulator.config.user.password });
  desktop = testDesktop(async (url) => void (await browser.open(url)));
  app = createTestApp(world, { cleverCloud: { baseUrl: emulator.config.baseUrl, consoleUrl: emulator.config.consoleUrl, pollIntervalMs: 50 }, desktop });
});
afterEach(async () => {
  await emulator.close();
  await world.cleanup();
});

const credentials = { token: 'tok', secret: 'sec' };

describe('the profile forms', () => {
  it('clever-tools 3: the flat token and secret', () => {
    expect(JSON.parse(cleverTools3Config(credentials))).toEqual({ token: 'tok', secret: 'sec' });
  });

  it('clever-tools 4: no overrides on clever-tools’ defaults', () => {
    expect(JSON.parse(cleverTools4Profile(credentials, CLEVER_TOOLS_CONSUMER, { alias: 'work', expiresAt: 0, userId: 'user_1', email: 'a@example.com', apiBaseUrl: 'https://api.clever-cloud.com/v2' }))).toEqual({
      alias: 'work',
      token: 'tok',
      secret: 'sec',
      expirationDate: '1970-01-01T00:00:00.000Z',
      userId: 'user_1',
      email: 'a@example.com',
    });
  });

  it('clever-tools 4: an override for each value off the defaults, the consumer as a pair', () => {
    expect(
      profileOverridesOf(
        { key: 'k', secret: 's' },
        { apiBaseUrl: 'http://127.0.0.1:4000/v2', authBridgeHost: 'https://bridge.example.org', consoleUrl: 'https://console.clever-cloud.com', sshGateway: 'ssh@gw.example.org' },
      ),
    ).toEqual({ API_HOST: 'http://127.0.0.1:4000', AUTH_BRIDGE_HOST: 'https://bridge.example.org', SSH_GATEWAY: 'ssh@gw.example.org', OAUTH_CONSUMER_KEY: 'k', OAUTH_CONSUMER_SECRET: 's' });
  });
});

/** Runs the real clever-tools `clever profile` with this configuration file, in a home of its own. */
async function cleverProfile(major: '3' | '4', config: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = mkdtempSync(path.join(tmpdir(), 'clever-home-'));
  mkdirSync(path.join(home, 'xdg', 'clever-cloud'), { recursive: true });
  writeFileSync(path.join(home, 'xdg', 'clever-cloud', 'clever-tools.json'), config, { mode: 0o600 });
  const clever = path.resolve(import.meta.dirname, `../../../../node_modules/clever-tools-${major}/bin/clever.js`);
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [clever, 'profile'],
      { cwd: home, env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: path.join(home, 'xdg'), NO_UPDATE_NOTIFIER: '1', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('pasted, the copy works in the real clever-tools', () => {
  it('clever-tools 4: a profile with its overrides (API host; the user’s own consumer) shows the user', async () => {
    const console = await app.cleverCloud.loginWithConsole('login-export-1');
    const consumer = await app.cleverCloud.consumers.save({ name: 'Demo', key: emulator.config.consumer.key, secret: emulator.config.consumer.secret, callbackPort: 28001 });
    const own = await app.cleverCloud.importPasted(emulator.config.token.token, emulator.config.token.secret, consumer.id);
    for (const account of [console, own]) {
      await app.copies.copy(account.id, 'clever-tools-4');
      const profile = JSON.parse(desktop.clipboardText()) as { overrides?: Record<string, string> };
      expect(profile.overrides?.API_HOST).toBe(emulator.config.baseUrl.replace(/\/v2$/, ''));
      const run = await cleverProfile('4', JSON.stringify({ version: 1, profiles: [profile] }));
      expect(run.stderr, run.stderr).not.toMatch(/error/i);
      expect(run.stdout).toContain(emulator.config.user.email);
    }
  }, 120_000);

  it('clever-tools 4: without the overrides the same profile fails (what they are for)', async () => {
    const console = await app.cleverCloud.loginWithConsole('login-export-2');
    await app.copies.copy(console.id, 'clever-tools-4');
    const profile = JSON.parse(desktop.clipboardText()) as { overrides?: Record<string, string> };
    delete profile.overrides;
    const run = await cleverProfile('4', JSON.stringify({ version: 1, profiles: [profile] }), { API_HOST: `http://127.0.0.1:1` });
    expect(run.stdout).not.toContain(emulator.config.user.email);
  }, 120_000);

  it('clever-tools 3: the flat file, API_HOST from the environment as clever-tools 3 reads it, shows the user', async () => {
    const console = await app.cleverCloud.loginWithConsole('login-export-3');
    await app.copies.copy(console.id, 'clever-tools-3');
    const config = desktop.clipboardText();
    expect(Object.keys(JSON.parse(config) as object)).toEqual(['token', 'secret']);
    const run = await cleverProfile('3', config, { API_HOST: emulator.config.baseUrl.replace(/\/v2$/, '') });
    expect(run.stderr, run.stderr).not.toMatch(/error/i);
    expect(run.stdout).toContain(emulator.config.user.email);
  }, 120_000);
});
