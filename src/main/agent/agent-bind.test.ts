/**
 * Binding the agent's socket, over real Unix sockets in a temp folder: the bind is the lock, a dead
 * socket is replaced, a handover renames onto the path, nobody removes a socket that is not theirs.
 */
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure } from '../../../test/support/failure';
import { bindAgentSocket, LOCK_NAME, newSessionKey, probeSocket, readSessionKey, removeSessionKey, takeOverAgentSocket, withLock, writeSessionKey } from './agent-bind';
import { agentLocation, type AgentLocation } from './agent-paths';

let dir: string;
let location: AgentLocation;
const servers: net.Server[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'tessera-bind-'));
  location = agentLocation({ dataDir: dir, ownDataFolder: false, env: {}, platform: 'linux' });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

/** A server that answers every connection with its name. */
function named(name: string): net.Server {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined); // a probe hangs up at once
    socket.end(name);
  });
  servers.push(server);
  return server;
}

function ask(socketPath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    let text = '';
    socket.setEncoding('utf8').on('data', (d: string) => (text += d));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

/** A socket file nobody listens on: what an agent killed with SIGKILL leaves. */
async function staleSocket(): Promise<void> {
  mkdirSync(location.agentDir, { recursive: true, mode: 0o700 });
  const dead = net.createServer();
  const temp = path.join(location.agentDir, 'dead.sock');
  await new Promise<void>((r) => dead.listen(temp, r));
  chmodSync(temp, 0o600);
  linkSync(temp, location.socketPath);
  await new Promise((r) => dead.close(r));
}

describe('bindAgentSocket', () => {
  it('of ten agents starting at once, exactly one binds; the others see it live', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => bindAgentSocket(named(`agent-${i}`), location)));
    const bound = outcomes.filter((o) => o.kind === 'bound');
    expect(bound).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'taken')).toHaveLength(9);
    expect(await ask(location.socketPath)).toMatch(/^agent-\d$/);
    expect(statSync(location.socketPath).mode & 0o777).toBe(0o600);
    // Only agent.sock is left: the private names are gone.
    expect(lstatSync(location.agentDir).isDirectory()).toBe(true);
    const names = (await import('node:fs')).readdirSync(location.agentDir);
    expect(names).toEqual(['agent.sock']);
  });

  it('replaces a dead socket (a crashed agent), also when several agents find it at once', async () => {
    await staleSocket();
    expect(await probeSocket(location.socketPath)).toBe('stale');
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => bindAgentSocket(named(`agent-${i}`), location)));
    expect(outcomes.filter((o) => o.kind === 'bound')).toHaveLength(1);
    expect(await probeSocket(location.socketPath)).toBe('live');
  });

  it('release() removes agent.sock only while it is still this agent’s', async () => {
    const first = await bindAgentSocket(named('first'), location);
    if (first.kind !== 'bound') throw new Error('not bound');
    expect(first.hold.owned()).toBe(true);
    // Another agent takes over: the path is now its socket.
    await takeOverAgentSocket(named('second'), location);
    expect(first.hold.owned()).toBe(false);
    first.hold.release();
    expect(await ask(location.socketPath)).toBe('second');
  });

  it('refuses a socket path that belongs to someone else', async () => {
    mkdirSync(location.agentDir, { recursive: true, mode: 0o700 });
    writeFileSync(location.socketPath, 'not a socket');
    expect((await failure(bindAgentSocket(named('x'), location))).code).toBe('agent_unavailable');
    unlinkSync(location.socketPath);
    chmodSync(location.agentDir, 0o755);
    expect((await failure(bindAgentSocket(named('y'), location))).message).toContain('chmod 700');
  });
});

describe('takeOverAgentSocket', () => {
  it('new connections reach the new agent at once; the old one keeps the connections it has', async () => {
    const old = await bindAgentSocket(named('old'), location);
    expect(old.kind).toBe('bound');
    const held = net.connect(location.socketPath);
    await new Promise((r) => held.once('connect', r));
    await takeOverAgentSocket(named('new'), location);
    expect(await ask(location.socketPath)).toBe('new');
    const text = await new Promise<string>((resolve) => {
      let t = '';
      held.setEncoding('utf8').on('data', (d: string) => (t += d));
      held.on('end', () => resolve(t));
    });
    expect(text).toBe('old');
  });
});

describe('the session key file', () => {
  it('is written whole, 0600, and read back', () => {
    mkdirSync(location.agentDir, { recursive: true, mode: 0o700 });
    const key = newSessionKey();
    writeSessionKey(location, key);
    expect(statSync(location.keyPath).mode & 0o777).toBe(0o600);
    expect(readSessionKey(location).equals(key)).toBe(true);
  });

  it('is refused when others may read it, or when it is damaged', async () => {
    mkdirSync(location.agentDir, { recursive: true, mode: 0o700 });
    writeSessionKey(location, newSessionKey());
    chmodSync(location.keyPath, 0o644);
    expect((await failure(Promise.resolve().then(() => readSessionKey(location)))).message).toContain('chmod 600');
    writeFileSync(location.keyPath, 'short', { mode: 0o600 });
    chmodSync(location.keyPath, 0o600);
    expect((await failure(Promise.resolve().then(() => readSessionKey(location)))).message).toContain('damaged');
    unlinkSync(location.keyPath);
    expect((await failure(Promise.resolve().then(() => readSessionKey(location)))).code).toBe('not_found');
  });

  it('is removed only by the agent whose key it holds', () => {
    mkdirSync(location.agentDir, { recursive: true, mode: 0o700 });
    const mine = newSessionKey();
    writeSessionKey(location, mine);
    removeSessionKey(location, newSessionKey());
    expect(existsSync(location.keyPath)).toBe(true);
    removeSessionKey(location, mine);
    expect(existsSync(location.keyPath)).toBe(false);
  });
});

describe('withLock', () => {
  it('runs one holder at a time', async () => {
    const lock = path.join(dir, LOCK_NAME);
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withLock(lock, async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 5));
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(existsSync(lock)).toBe(false);
  });

  it('breaks a lock left by a crash (older than a few seconds)', async () => {
    const lock = path.join(dir, LOCK_NAME);
    mkdirSync(lock);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    expect(await withLock(lock, () => 'ran', 1_000)).toBe('ran');
  });
});
