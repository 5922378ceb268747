/**
 * Talking to the agent's socket directly, frame by frame, as a hostile or careless client would:
 * the protocol tests send what the command never sends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export interface RawConnection {
  readonly socket: net.Socket;
  /** Frames received so far (parsed JSON; a line that is not JSON is kept as a string). */
  readonly frames: unknown[];
  send(text: string): void;
  /** Resolves with the next `count` frames from now (after those already read by earlier calls). */
  next(count?: number, timeoutMs?: number): Promise<unknown[]>;
  /** Resolves once the agent has closed the connection. */
  closed(timeoutMs?: number): Promise<boolean>;
  hello(overrides?: Record<string, unknown>): Promise<Record<string, unknown>>;
  destroy(): void;
}

export function sessionKey(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'agent', 'session-key'), 'utf8').trim();
}

export function helloFrame(dataDir: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { t: 'hello', v: 1, key: sessionKey(dataDir), client: { pid: process.pid, ppid: process.ppid, cwd: process.cwd(), canAsk: false }, ...overrides };
}

export async function rawConnect(dataDir: string): Promise<RawConnection> {
  const socket = net.connect(path.join(dataDir, 'agent', 'agent.sock'));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const frames: unknown[] = [];
  let read = 0;
  let buffer = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((w) => w());
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        frames.push(JSON.parse(line));
      } catch {
        frames.push(line);
      }
    }
    wake();
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    ended = true;
    wake();
  });
  const wait = (done: () => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      if (done()) return resolve(true);
      const check = () => {
        if (!done()) return;
        cleanup();
        resolve(true);
      };
      const timer = setTimeout(() => {
        cleanup();
        resolve(false);
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
    });
  const connection: RawConnection = {
    socket,
    frames,
    send: (text) => void socket.write(text),
    async next(count = 1, timeoutMs = 5_000) {
      await wait(() => frames.length >= read + count || ended, timeoutMs);
      const got = frames.slice(read, read + count);
      read += got.length;
      return got;
    },
    closed: (timeoutMs = 5_000) => wait(() => ended, timeoutMs),
    async hello(overrides) {
      socket.write(`${JSON.stringify(helloFrame(dataDir, overrides))}\n`);
      const [answer] = await connection.next(1);
      return answer as Record<string, unknown>;
    },
    destroy: () => socket.destroy(),
  };
  return connection;
}

/** How many file descriptors a process holds (/proc/<pid>/fd). */
export function fdCount(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}
