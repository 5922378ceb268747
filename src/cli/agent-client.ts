/**
 * The command's side of the agent protocol (src/shared/agent-protocol.ts): find the agent, check
 * that its directory, socket and key file are the user's own and private (agent-paths.ts), start a
 * headless agent when none answers, say hello with the session key, make one request, and answer
 * the agent's questions on the terminal.
 *
 * Starting an agent: one command at a time starts one (a lock directory, `spawn.lock`), detached
 * from the terminal (its own session, stdin closed, its output appended to `tessera-agent.log` in
 * the data folder), and waits for it to say on a pipe that it serves (or that another agent does).
 * Commands that find the lock taken wait for the agent instead of starting their own.
 *
 * Retries: `busy` (the agent is at its connection limit, or handing over to another) and a session
 * key the agent does not accept (it has just been replaced) are tried again within `LIMITS.retryMs`.
 */
import { mkdirSync, openSync, closeSync, renameSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AGENT_PROTOCOL_VERSION, readAgentFrame, type AgentFrame, type AgentInfo, type MethodName, type MethodResults, type ParamsOf } from '../shared/agent-protocol';
import { ERROR_CODES, type ErrorCode } from '../shared/errors';
import { printableLines } from '../shared/printable';
import { AppError } from '../main/errors';
import { checkPrivate, ensureAgentDir, type AgentLocation } from '../main/agent/agent-paths';
import { probeSocket, readSessionKey, withLock } from '../main/agent/agent-bind';
import { askOnTerminal, hasTerminal } from './tty-prompt';

export const AGENT_LOG_NAME = 'tessera-agent.log';
/**
 * The client's limits: the agent's log size before it is rotated; how long a command keeps trying a
 * busy agent, or one that is starting or handing over; how long an agent may take to start.
 */
const LIMITS = { maxAgentLogBytes: 5 * 1024 * 1024, retryMs: 15_000, startTimeoutMs: 20_000 } as const;

export interface ClientOptions {
  readonly location: AgentLocation;
  /** The headless agent's script (out/cli/tessera-agent.cjs beside the command). */
  readonly agentScript: string;
  /** Start a headless agent when none runs (false: `tessera agent stop`). */
  readonly start: boolean;
  /** Shows a notice from the agent (stderr). */
  readonly notice?: (text: string) => void;
}

export interface Answer<T> {
  readonly value: T;
  readonly agent: AgentInfo;
  /** True when this command started the agent. */
  readonly started: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Makes one request of the agent, starting it when needed; answers the agent's questions on /dev/tty. */
export async function callAgent<M extends MethodName>(opts: ClientOptions, method: M, params: ParamsOf<M>): Promise<Answer<MethodResults[M]>> {
  const deadline = Date.now() + LIMITS.retryMs;
  const canAsk = hasTerminal();
  let started = false;
  let delay = 10;
  for (;;) {
    const socket = await connect(opts.location);
    if (socket === 'absent') {
      if (!opts.start) throw new AppError('agent_unavailable', 'No Tessera agent is running.');
      started = (await startAgent(opts)) || started;
    } else {
      const outcome = await converse(socket, opts, method, params, canAsk);
      if (outcome.ok) return { value: outcome.value as MethodResults[M], agent: outcome.agent, started };
      if (!outcome.retry || Date.now() > deadline) throw new AppError(outcome.error.code, outcome.error.message);
    }
    if (Date.now() > deadline) throw new AppError('agent_unavailable', 'Tessera’s agent did not answer in time.');
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 200);
  }
}

/** A connected socket to the agent, or 'absent' when nothing answers there. Refuses paths that are not private. */
async function connect(location: AgentLocation): Promise<net.Socket | 'absent'> {
  if (location.unixSocket) {
    try {
      checkPrivate(location.agentDir, 'directory');
      checkPrivate(location.socketPath, 'socket');
    } catch (e) {
      if (e instanceof AppError && e.code === 'not_found') return 'absent';
      throw e;
    }
  }
  return new Promise((resolve, reject) => {
    const socket = net.connect(location.socketPath);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNREFUSED' || e.code === 'ENOENT' || e.code === 'EAGAIN') resolve('absent');
      else reject(new AppError('agent_unavailable', `Tessera cannot reach its agent (${e.code ?? 'error'}).`, { cause: e }));
    });
  });
}

type Outcome = { ok: true; value: unknown; agent: AgentInfo } | { ok: false; retry: boolean; error: { code: AppError['code']; message: string } };

/** Hello and one request on a connected socket; answers questions on the terminal. */
function converse(socket: net.Socket, opts: ClientOptions, method: MethodName, params: unknown, canAsk: boolean): Promise<Outcome> {
  let key: Buffer;
  try {
    key = readSessionKey(opts.location);
  } catch (e) {
    socket.destroy();
    // No key yet, or an unreadable one beside a socket that is being replaced: try again.
    if (e instanceof AppError && (e.code === 'not_found' || e.code === 'agent_unavailable') && !/belongs to|other users|symbolic link|not a key file/.test(e.message))
      return Promise.resolve({ ok: false, retry: true, error: { code: e.code, message: e.message } });
    return Promise.reject(e);
  }
  return new Promise((resolve) => {
    let agent: AgentInfo | undefined;
    let buffer = '';
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(outcome);
    };
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf('\n'); end >= 0 && !settled; end = buffer.indexOf('\n')) {
        const frame = readAgentFrame(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        if (frame) handle(frame);
      }
    });
    socket.on('error', () => finish({ ok: false, retry: true, error: { code: 'agent_unavailable', message: 'The connection to Tessera’s agent broke.' } }));
    socket.on('close', () => finish({ ok: false, retry: true, error: { code: 'agent_unavailable', message: 'Tessera’s agent closed the connection.' } }));
    const handle = (frame: AgentFrame): void => {
      switch (frame.t) {
        case 'notice':
          opts.notice?.(frame.text);
          return;
        case 'ask': {
          const choice = askOnTerminal(frame.text, frame.choices);
          socket.write(`${JSON.stringify({ t: 'answer', ask: frame.ask, choice })}\n`);
          return;
        }
        case 'res':
          if (frame.id === 0) {
            if (!frame.ok) return finish({ ok: false, retry: frame.error.code === 'busy' || frame.error.code === 'agent_unavailable', error: frame.error });
            agent = (frame.value as { agent: AgentInfo }).agent;
            return;
          }
          if (frame.ok) return finish({ ok: true, value: frame.value, agent: agent! });
          return finish({ ok: false, retry: frame.error.code === 'busy', error: frame.error });
      }
    };
    // The hello and the request in one write: the agent reads them in order.
    const hello = { t: 'hello', v: AGENT_PROTOCOL_VERSION, key: key.toString('base64url'), client: { pid: process.pid, ppid: process.ppid, cwd: process.cwd(), canAsk } };
    const request = params === undefined ? { t: 'req', id: 1, m: method } : { t: 'req', id: 1, m: method, p: params };
    socket.write(`${JSON.stringify(hello)}\n${JSON.stringify(request)}\n`);
  });
}

/** Starts a headless agent unless another command is starting one; true when this one started it. */
async function startAgent(opts: ClientOptions): Promise<boolean> {
  const { location } = opts;
  ensureAgentDir(location);
  return withLock(
    path.join(location.agentDir, 'spawn.lock'),
    async () => {
      // Another command may have started it while this one waited for the lock.
      if (location.unixSocket && (await probeSocket(location.socketPath).catch(() => 'absent')) === 'live') return false;
      mkdirSync(location.dataDir, { recursive: true, mode: 0o700 });
      const logPath = path.join(location.dataDir, AGENT_LOG_NAME);
      if ((statSync(logPath, { throwIfNoEntry: false })?.size ?? 0) > LIMITS.maxAgentLogBytes) renameSync(logPath, `${logPath}.1`);
      const log = openSync(logPath, 'a', 0o600);
      // Loaded here: most commands find the agent running and never start one.
      const { spawn } = await import('node:child_process');
      let child;
      try {
        child = spawn(process.execPath, [opts.agentScript], {
          detached: true,
          stdio: ['ignore', log, log, 'pipe'],
          cwd: location.dataDir,
          env: process.env,
        });
      } finally {
        closeSync(log);
      }
      const pipe = child.stdio[3] as NodeJS.ReadableStream & { destroy(): void };
      const said = await new Promise<string>((resolve) => {
        let text = '';
        const timer = setTimeout(() => resolve('error agent_unavailable Tessera’s agent did not start in time.'), LIMITS.startTimeoutMs);
        pipe.setEncoding('utf8');
        pipe.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('\n')) {
            clearTimeout(timer);
            resolve(text.split('\n')[0]!);
          }
        });
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(text.split('\n')[0] || 'error agent_unavailable Tessera’s agent exited as it started.');
        });
      });
      pipe.destroy();
      child.unref();
      if (said === 'ready') return true;
      if (said === 'taken') return false;
      const [, code = '', ...words] = said.split(' ');
      const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'agent_unavailable';
      throw new AppError(known, `${printableLines(words.join(' '))} (see ${logPath})`);
    },
    LIMITS.startTimeoutMs + 5_000,
  );
}
