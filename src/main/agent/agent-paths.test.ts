import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../../test/support/failure';
import { agentLocation, appHoldsDataFolder, checkPrivate, defaultDataDir, ensureAgentDir, inSourceCheckout } from './agent-paths';

const NOBODY = 65534;
let dir: string;
beforeEach(() => void (dir = mkdtempSync(path.join(tmpdir(), 'tessera-paths-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const refused = async (target: string, kind: 'directory' | 'socket' | 'file') => failure(Promise.resolve().then(() => checkPrivate(target, kind)));

describe('where the app keeps its data, without Electron', () => {
  it('is Electron’s userData for Tessera on each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Tessera');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/ada')).toBe('/cfg/Tessera');
    expect(defaultDataDir({ XDG_CONFIG_HOME: 'relative' }, 'linux', '/home/ada')).toBe('/home/ada/.config/Tessera');
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe('/Users/ada/Library/Application Support/Tessera');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'win32', 'C:\\Users\\ada')).toBe('C:\\Users\\ada\\AppData\\Roaming\\Tessera');
  });
});

describe('agentLocation', () => {
  it('uses the runtime directory for the app’s own data folder, the data folder otherwise', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    expect(agentLocation({ dataDir: '/home/ada/.config/Tessera', ownDataFolder: true, env, platform: 'linux' })).toEqual({
      dataDir: '/home/ada/.config/Tessera',
      agentDir: '/run/user/1000/tessera',
      socketPath: '/run/user/1000/tessera/agent.sock',
      keyPath: '/run/user/1000/tessera/session-key',
      unixSocket: true,
    });
    // The demo's or a test's folder never shares the user's agent.
    expect(agentLocation({ dataDir: '/tmp/t', ownDataFolder: false, env, platform: 'linux' }).socketPath).toBe('/tmp/t/agent/agent.sock');
    expect(agentLocation({ dataDir: '/Users/a/L/Tessera', ownDataFolder: true, env: {}, platform: 'darwin' }).agentDir).toBe('/Users/a/L/Tessera/agent');
  });

  it('names a pipe per user and data folder on Windows', () => {
    const a = agentLocation({ dataDir: 'C:\\Users\\ada\\AppData\\Roaming\\Tessera', ownDataFolder: true, env: {}, platform: 'win32', user: 'ada' });
    const b = agentLocation({ dataDir: 'C:\\Users\\ada\\AppData\\Roaming\\Tessera\\demo', ownDataFolder: false, env: {}, platform: 'win32', user: 'ada' });
    expect(a.socketPath).toMatch(/^\\\\\.\\pipe\\tessera-ada-[0-9a-f]{16}$/);
    expect(a.socketPath).not.toBe(b.socketPath);
    expect(a.unixSocket).toBe(false);
  });
});

describe('checkPrivate', () => {
  it('accepts the user’s own directory (0700), socket and key file (0600)', async () => {
    const agentDir = path.join(dir, 'agent');
    mkdirSync(agentDir, { mode: 0o700 });
    writeFileSync(path.join(agentDir, 'key'), 'k', { mode: 0o600 });
    const server = net.createServer().listen(path.join(agentDir, 's.sock'));
    await new Promise((r) => server.once('listening', r));
    chmodSync(path.join(agentDir, 's.sock'), 0o600);
    try {
      expect(() => checkPrivate(agentDir, 'directory')).not.toThrow();
      expect(() => checkPrivate(path.join(agentDir, 's.sock'), 'socket')).not.toThrow();
      expect(() => checkPrivate(path.join(agentDir, 'key'), 'file')).not.toThrow();
    } finally {
      server.close();
    }
  });

  it('refuses a directory, socket or key file owned by someone else', async () => {
    const other = path.join(dir, 'other');
    mkdirSync(other, { mode: 0o700 });
    chownSync(other, NOBODY, NOBODY);
    const e = await refused(other, 'directory');
    expect(e.code).toBe('agent_unavailable');
    expect(e.message).toContain(`belongs to user ${NOBODY}`);
    const key = path.join(dir, 'key');
    writeFileSync(key, 'k', { mode: 0o600 });
    chownSync(key, NOBODY, NOBODY);
    expect((await refused(key, 'file')).message).toContain('belongs to user');
  });

  it('refuses group- or world-accessible modes, saying how to fix them', async () => {
    const open = path.join(dir, 'open');
    mkdirSync(open);
    for (const mode of [0o755, 0o750, 0o701, 0o770]) {
      chmodSync(open, mode);
      const e = await refused(open, 'directory');
      expect(e.message).toContain(`chmod 700 ${open}`);
    }
    const key = path.join(dir, 'key');
    writeFileSync(key, 'k');
    chmodSync(key, 0o644);
    expect((await refused(key, 'file')).message).toContain('chmod 600');
  });

  it('refuses a symbolic link and the wrong kind of entry; nothing there is not_found', async () => {
    const real = path.join(dir, 'real');
    mkdirSync(real, { mode: 0o700 });
    symlinkSync(real, path.join(dir, 'link'));
    expect((await refused(path.join(dir, 'link'), 'directory')).message).toContain('symbolic link');
    expect((await refused(real, 'socket')).message).toContain('not a socket');
    expect((await refused(path.join(dir, 'none'), 'socket')).code).toBe('not_found');
  });
});

describe('ensureAgentDir', () => {
  it('makes the directory 0700 and refuses one that is open to others', async () => {
    const location = agentLocation({ dataDir: path.join(dir, 'data'), ownDataFolder: false, env: {}, platform: 'linux' });
    ensureAgentDir(location);
    expect(() => checkPrivate(location.agentDir, 'directory')).not.toThrow();
    chmodSync(location.agentDir, 0o777);
    expect((await failure(Promise.resolve().then(() => ensureAgentDir(location)))).code).toBe('agent_unavailable');
  });

  it('refuses a socket path too long for the system', async () => {
    const location = agentLocation({ dataDir: path.join(dir, 'x'.repeat(120)), ownDataFolder: false, env: {}, platform: 'linux' });
    expect((await failure(Promise.resolve().then(() => ensureAgentDir(location)))).message).toContain('too long');
  });
});

describe('appHoldsDataFolder', () => {
  it('reads Chromium’s SingletonLock: this host and a live pid', () => {
    expect(appHoldsDataFolder(dir, 'box')).toBe(false);
    symlinkSync(`box-${process.pid}`, path.join(dir, 'SingletonLock'));
    expect(appHoldsDataFolder(dir, 'box')).toBe(true);
    expect(appHoldsDataFolder(dir, 'another-box')).toBe(false);
  });

  it('a lock left by a process that is gone holds nothing', () => {
    symlinkSync('box-2147483646', path.join(dir, 'SingletonLock'));
    expect(appHoldsDataFolder(dir, 'box')).toBe(false);
  });
});

describe('inSourceCheckout', () => {
  it('is true in this checkout (and its out/cli), false elsewhere', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    expect(inSourceCheckout(path.join(root, 'out', 'cli'))).toBe(true);
    expect(inSourceCheckout(import.meta.dirname)).toBe(true);
    expect(inSourceCheckout(path.join(dir, 'resources', 'cli'))).toBe(false);
  });
});
