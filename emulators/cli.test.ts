/**
 * `npm run emulators` (cli.ts), run as a user runs it, in a child process: --print-config says
 * where the emulators serve (the default ports, or the port flags' values) without binding those
 * ports, so it also works next to emulators already running; and the JSON that `npm run demo`
 * reads (--ready-json, scripts/demo.mjs) is one the app's demo mode accepts (src/main/demo.ts),
 * with URLs and credentials the real clients can use against the emulators it started.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDemoConfig } from '../src/main/demo';
import { getSelf } from '../src/main/providers/clever-cloud/api';
import { getAuthInfo } from '../src/main/providers/saasus/api';
import { freePort } from '../e2e/harness/free-port';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(import.meta.dirname, 'cli.ts');

interface PrintedConfig {
  readonly cleverCloud: { baseUrl: string; consoleUrl: string; bridgeUrl: string; consumer: { key: string; secret: string }; token: { token: string; secret: string }; user: { email: string } };
  readonly saasus: { baseUrl: string; loginUrl: string; saasId: string; apiKey: string; secretKey: string; callbackUrl: string };
}

/** `npm run emulators -- <args>`, as scripts/demo.mjs starts it. */
const cliArgs = (args: readonly string[]): string[] => ['--import', 'tsx', CLI, ...args];

async function printConfig(args: readonly string[] = []): Promise<PrintedConfig> {
  const { stdout } = await promisify(execFile)(process.execPath, cliArgs(['--print-config', ...args]), { cwd: ROOT, timeout: 15_000 });
  return JSON.parse(stdout) as PrintedConfig;
}

const portsOf = (config: PrintedConfig): string[] =>
  [config.cleverCloud.baseUrl, config.cleverCloud.consoleUrl, config.saasus.baseUrl, config.saasus.loginUrl].map((url) => new URL(url).port);

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** Something listening on a loopback port, as an emulator already serving there would. */
async function occupied(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

describe('npm run emulators -- --print-config', () => {
  it('prints the ports `npm run emulators` serves by default: 47801 and 47802', async () => {
    const config = await printConfig();
    expect(portsOf(config)).toEqual(['47801', '47801', '47802', '47802']);
    // The Clever Cloud emulator's API bridge (API tokens), 100 ports up.
    expect(config.cleverCloud.bridgeUrl).toBe('http://127.0.0.1:47901');
  });

  it('prints the ports given with --clever-cloud-port and --saasus-port, and binds none (the emulators may already run there)', async () => {
    const [clever, saasus] = [await occupied(), await occupied()];
    const config = await printConfig(['--clever-cloud-port', String(clever), '--saasus-port', String(saasus)]);
    expect(portsOf(config)).toEqual([clever, clever, saasus, saasus].map(String));
  });

  it('refuses a port it cannot know, or no port at all, with a message', async () => {
    for (const args of [['--saasus-port', '0'], ['--clever-cloud-port']]) {
      const failed = await printConfig(args).catch((error: unknown) => error as { code: number; stderr: string });
      expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/--(saasus|clever-cloud)-port/) });
    }
  });
});

describe('npm run demo', () => {
  it('gets, from the emulators it starts, the config --print-config prints, and it works with the app’s clients', async () => {
    const flags = ['--clever-cloud-port', String(await freePort()), '--saasus-port', String(await freePort())];
    // As scripts/demo.mjs does: --ready-json, then the first line of its output.
    const child = spawn(process.execPath, cliArgs(['--ready-json', ...flags]), { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    cleanups.push(async () => {
      child.kill('SIGTERM');
      await exited;
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`the emulators exited with code ${code}`)));
    });

    const demo = parseDemoConfig(firstLine);
    expect(demo?.cleverCloud).toBeDefined();
    expect(demo?.saasus).toBeDefined();
    const served = JSON.parse(firstLine) as PrintedConfig;
    expect(served).toEqual(await printConfig(flags));
    const { cleverCloud, saasus } = served;
    await expect(getSelf({ baseUrl: cleverCloud.baseUrl, consumer: cleverCloud.consumer }, cleverCloud.token)).resolves.toMatchObject({ email: cleverCloud.user.email });
    await expect(getAuthInfo({ baseUrl: saasus.baseUrl, saasId: saasus.saasId, apiKey: saasus.apiKey, secretKey: saasus.secretKey })).resolves.toEqual({ callbackUrl: saasus.callbackUrl });
  });
});
