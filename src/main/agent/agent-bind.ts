/**
 * One agent owns the socket at a time, and binding it is the lock.
 *
 * An agent listens on a socket of its own name in the agent's directory (`agent-<pid>-<random>.sock`,
 * chmod 0600), then hard-links it to `agent.sock`. link(2) fails if `agent.sock` exists, so of two
 * agents starting at once exactly one wins; the other sees a live agent and leaves. The private
 * name is unlinked at once: libuv unlinks the path a server listened on when it closes, and that
 * must never be `agent.sock`, which by then may be another agent's.
 *
 * A socket left by an agent that crashed answers nothing (ECONNREFUSED): it is removed and the link
 * tried again. Removing is done under a lock directory (`agent.lock`, mkdir is atomic), after a
 * second look at the same inode, so that two agents cleaning up at once cannot remove the socket
 * one of them has just bound. A lock older than LOCK_STALE_MS was left by a crash and is broken.
 *
 * Handing over (`takeOverAgentSocket`): the agent taking over renames its own socket onto
 * `agent.sock`, atomically replacing the old agent's, so every new connection reaches the new
 * agent from that instant; the old one finishes what it was doing on connections it already has
 * (agent-server.ts). Neither ever unlinks a path that is not its own inode.
 *
 * The session key: 32 random bytes, base64url, in `session-key` (0600), written by the agent that
 * bound the socket (a handover keeps it). A command that read the previous agent's key is refused
 * and reads it again.
 */
import { chmodSync, closeSync, fsyncSync, linkSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { SESSION_KEY_BYTES } from '../../shared/agent-protocol';
import { AppError } from '../errors';
import { checkPrivate, ensureAgentDir, type AgentLocation } from './agent-paths';

/**
 * Random bytes through the global Web Crypto object, which Node loads on first use: importing
 * node:crypto would cost every command its load, and the command needs no randomness.
 */
function randomBytes(n: number): Buffer {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(n)));
}

export const LOCK_NAME = 'agent.lock';
export const LOCK_STALE_MS = 5_000;
const PROBE_TIMEOUT_MS = 1_000;

export type SocketState = 'live' | 'stale' | 'absent';

/** What is at the socket path: an agent that accepts (live), a dead socket (stale), or nothing. */
export function probeSocket(socketPath: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<SocketState> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('live'); // slow, not dead: never remove a socket that might be serving
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve('live');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e.code === 'ECONNREFUSED') resolve('stale');
      else if (e.code === 'ENOENT') resolve('absent');
      else if (e.code === 'EAGAIN') resolve('live'); // a full backlog: someone is listening
      else reject(new AppError('agent_unavailable', `Tessera cannot reach its agent (${e.code ?? 'error'}).`, { cause: e }));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` holding the lock directory; breaks a lock older than LOCK_STALE_MS. */
export async function withLock<T>(lockPath: string, fn: () => Promise<T> | T, waitMs = 8_000): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      mkdirSync(lockPath, { mode: 0o700 });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = Date.now() - (statSync(lockPath, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > LOCK_STALE_MS) {
        try {
          rmdirSync(lockPath);
        } catch {
          /* someone else broke it */
        }
        continue;
      }
      if (Date.now() > deadline) throw new AppError('agent_unavailable', `Tessera's agent lock ${lockPath} stays taken.`);
      await sleep(5 + Math.random() * 10);
    }
  }
  try {
    return await fn();
  } finally {
    try {
      rmdirSync(lockPath);
    } catch {
      /* already broken as stale */
    }
  }
}

function listen(server: net.Server, where: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    server.once('error', onError);
    server.listen(where, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function privateSocketPath(location: AgentLocation): string {
  return path.join(location.agentDir, `agent-${process.pid}-${randomBytes(4).toString('hex')}.sock`);
}

/** The agent's hold on `agent.sock`: it lets go only of the inode it bound. */
export interface SocketHold {
  /** Removes `agent.sock` if it is still this agent's socket. */
  release(): void;
  /** True while `agent.sock` is this agent's socket. */
  owned(): boolean;
}

function holdOf(socketPath: string): SocketHold {
  const ino = lstatSync(socketPath).ino;
  const owned = (): boolean => lstatSync(socketPath, { throwIfNoEntry: false })?.ino === ino;
  return {
    owned,
    release: () => {
      try {
        if (owned()) unlinkSync(socketPath);
      } catch {
        /* gone already */
      }
    },
  };
}

export type BindOutcome = { readonly kind: 'bound'; readonly hold: SocketHold } | { readonly kind: 'taken' };

/** Binds `server` to the agent's socket unless a live agent holds it (see the file comment). */
export async function bindAgentSocket(server: net.Server, location: AgentLocation): Promise<BindOutcome> {
  if (!location.unixSocket) {
    try {
      await listen(server, location.socketPath);
      return { kind: 'bound', hold: { release: () => undefined, owned: () => true } };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return { kind: 'taken' };
      throw e;
    }
  }
  ensureAgentDir(location);
  const own = privateSocketPath(location);
  await listen(server, own);
  chmodSync(own, 0o600);
  const final = location.socketPath;
  try {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      try {
        linkSync(own, final);
        return { kind: 'bound', hold: holdOf(final) };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const seen = lstatSync(final, { throwIfNoEntry: false });
      if (!seen) continue;
      checkPrivate(final, 'socket');
      const state = await probeSocket(final);
      if (state === 'live') {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        return { kind: 'taken' };
      }
      if (state === 'stale') await removeStale(location, seen.ino);
    }
    throw new AppError('agent_unavailable', `Tessera's agent could not bind ${final}.`);
  } finally {
    try {
      unlinkSync(own);
    } catch {
      /* closed already */
    }
  }
}

/** Removes a dead `agent.sock`, under the lock, only if it is still the inode found dead. */
async function removeStale(location: AgentLocation, ino: number): Promise<void> {
  await withLock(path.join(location.agentDir, LOCK_NAME), async () => {
    if (lstatSync(location.socketPath, { throwIfNoEntry: false })?.ino !== ino) return;
    if ((await probeSocket(location.socketPath)) !== 'stale') return;
    if (lstatSync(location.socketPath, { throwIfNoEntry: false })?.ino === ino) unlinkSync(location.socketPath);
  });
}

/** Listens on a private socket and renames it onto `agent.sock`, replacing the agent handing over. */
export async function takeOverAgentSocket(server: net.Server, location: AgentLocation): Promise<SocketHold> {
  if (!location.unixSocket) throw new AppError('agent_unavailable', 'Handing over a named pipe is not supported yet.');
  ensureAgentDir(location);
  const own = privateSocketPath(location);
  await listen(server, own);
  chmodSync(own, 0o600);
  renameSync(own, location.socketPath);
  return holdOf(location.socketPath);
}

// ---- The session key ------------------------------------------------------------------------------

export function newSessionKey(): Buffer {
  return randomBytes(SESSION_KEY_BYTES);
}

/** Writes the key file (0600) atomically: a reader sees the old key or the new one, never half. */
export function writeSessionKey(location: AgentLocation, key: Buffer): void {
  const temp = `${location.keyPath}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${key.toString('base64url')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, location.keyPath);
}

/** Reads the key file after checking it is the user's own and private; `not_found` when there is none. */
export function readSessionKey(location: AgentLocation): Buffer {
  if (location.unixSocket) checkPrivate(location.keyPath, 'file');
  let text: string;
  try {
    text = readFileSync(location.keyPath, 'utf8').trim();
  } catch (cause) {
    throw new AppError('not_found', 'Tessera’s agent has no session key yet.', { cause });
  }
  const key = Buffer.from(text, 'base64url');
  if (key.length !== SESSION_KEY_BYTES || key.toString('base64url') !== text) throw new AppError('agent_unavailable', `Tessera’s session key file ${location.keyPath} is damaged.`);
  return key;
}

/** Removes the key file if it still holds `key` (an agent quitting; a handover keeps it). */
export function removeSessionKey(location: AgentLocation, key: Buffer): void {
  try {
    if (readFileSync(location.keyPath, 'utf8').trim() === key.toString('base64url')) unlinkSync(location.keyPath);
  } catch {
    /* gone already */
  }
}

