/**
 * keytar's install script is `prebuild-install || npm run build`: prebuild-install downloads a
 * prebuilt binary from GitHub when it can, outside the lockfile's integrity hashes. The project's
 * .prebuild-installrc makes it give up at once, so node-gyp builds keytar from the source npm
 * verified. This runs the installed prebuild-install exactly as npm does (in node_modules/keytar of
 * a project holding our .prebuild-installrc), with every HTTPS request sent to a local proxy that
 * records what was asked: nothing may be.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const keytarManifest = require.resolve('keytar/package.json');
const prebuildInstall = path.join(path.dirname(require.resolve('prebuild-install/package.json')), 'bin.js');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A "proxy" that records each request line (a download would be `CONNECT github.com:443`) and hangs up. */
async function recordingProxy(): Promise<{ url: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((socket) => {
    socket.once('data', (chunk) => {
      requests.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

/** Runs keytar's prebuild-install in a copy of the project's layout, with or without our .prebuild-installrc. */
async function runKeytarPrebuildInstall(withProjectConfig: boolean, proxyUrl: string): Promise<{ code: number | null; output: string }> {
  const project = mkdtempSync(path.join(tmpdir(), 'tessera-prebuild-'));
  cleanups.push(() => rmSync(project, { recursive: true, force: true }));
  const keytarDir = path.join(project, 'node_modules', 'keytar');
  mkdirSync(keytarDir, { recursive: true });
  mkdirSync(path.join(project, 'home'));
  copyFileSync(keytarManifest, path.join(keytarDir, 'package.json'));
  if (withProjectConfig) copyFileSync(path.join(root, '.prebuild-installrc'), path.join(project, '.prebuild-installrc'));
  // npm's environment for an install script, minus anything of the developer's: a fresh HOME (no
  // ~/.prebuild-installrc, no download cache), no npm_config_* or prebuild-install_* settings; its
  // info lines shown, so that the test sees why it stopped.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: path.join(project, 'home'),
    npm_config_https_proxy: proxyUrl,
    npm_config_proxy: proxyUrl,
    npm_config_loglevel: 'info',
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [prebuildInstall], { cwd: keytarDir, env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('keytar is built from source, never downloaded', () => {
  it('prebuild-install, run as npm runs it here, requests nothing and fails over to the source build', async () => {
    const proxy = await recordingProxy();
    const { code, output } = await runKeytarPrebuildInstall(true, proxy.url);
    expect(output).toContain('--build-from-source specified, not attempting download.');
    // A non-zero exit is what makes `prebuild-install || npm run build` run node-gyp.
    expect(code).not.toBe(0);
    expect(proxy.requests).toEqual([]);
  });

  it('without the project file it would download (the check above can see a download)', async () => {
    const proxy = await recordingProxy();
    const { code } = await runKeytarPrebuildInstall(false, proxy.url);
    expect(code).not.toBe(0);
    expect(proxy.requests).toEqual([expect.stringMatching(/^CONNECT github\.com:443 /)]);
  });
});
