/**
 * Tessera's agent: serves the `tessera` command over the local socket (agent-bind.ts says how it
 * is bound), speaking src/shared/agent-protocol.ts. Plain Node: the headless agent (headless.ts)
 * runs it today; the app will run the same server with its window as the Approver.
 *
 * This file owns the agent's lifetime: binding or taking over the socket, the session key, the
 * connection cap, the work in flight, draining, handing over and the idle exit. Beside it:
 * agent-connection.ts (one connection: framing, the hello, per-connection caps), agent-methods.ts
 * (the answer to each method, one handler per method), agent-handout.ts (approval and hand-out).
 * Why: docs/SECURITY.md, section 17.
 *
 * Past MAX_CONNECTIONS a new connection is answered `busy` and closed. Every answer is a Result with
 * the app's error codes; a secret appears only in the one answer that hands it out (never in the
 * agent's log, the hand-out log or an error). Credentials come from the CredentialSource port, whose
 * services keep tokens in memory and refresh through one single flight: since every command talks to
 * this one process, a refresh is single-flight across all of them.
 *
 * Ending: `quit` (and a headless agent idle for `idleExitMs` with no grant in force) stops accepting,
 * lets go of the socket, revokes every grant, finishes what is in flight, flushes, and exits.
 * `handover` (an agent taking over, e.g. the app starting) does the same but keeps the socket path
 * and key, which the new agent now owns, and answers with the grants and session approvals; a
 * refresh in flight finishes first, so a rotated refresh token is never spent by both agents.
 */
import net from 'node:net';
import * as v from 'valibot';
import { AGENT_PROTOCOL_VERSION, HandoverStateSchema, type AgentInfo, type HandoverState, type Hello, type Request } from '../../shared/agent-protocol';
import type { ErrorInfo } from '../../shared/errors';
import { AppError } from '../errors';
import { checkHello, Connection, DEFAULT_LIMITS, type AgentLimits, type ConnectionHost, type HelloOutcome } from './agent-connection';
import { bindAgentSocket, newSessionKey, readSessionKey, removeSessionKey, takeOverAgentSocket, writeSessionKey, type SocketHold } from './agent-bind';
import { dispatch, type AgentContext } from './agent-methods';
import type { AgentLocation } from './agent-paths';
import { Approvals, type Approver } from './approval';
import type { AccountIntake } from './account-intake';
import type { CredentialSource } from './credential-source';
import type { HandoutLog } from './handout-log';

export { APPROVAL_TIMEOUT_MS, DEFAULT_LIMITS, type AgentLimits } from './agent-connection';
export { duration } from './agent-handout';
export { DEFAULT_MIN_VALID_MS } from './agent-methods';

/** How long a handover or quit waits for work in flight. */
const DRAIN_TIMEOUT_MS = 30_000;

export interface AgentServerOptions {
  readonly kind: AgentInfo['kind'];
  readonly version: string;
  readonly location: AgentLocation;
  readonly source: CredentialSource;
  /** Adding accounts (`tessera import`, `tessera login`): account-intake.ts. */
  readonly intake: AccountIntake;
  readonly approver: Approver;
  readonly handouts: HandoutLog;
  /** Writes what must reach the disk before the agent exits or hands over (the metadata). */
  readonly flush: () => void | Promise<void>;
  /** A headless agent's lifetime without commands; null: none (the app). */
  readonly idleExitMs: number | null;
  readonly now?: () => number;
  /** The agent's own log: never a secret. */
  readonly say?: (line: string) => void;
  /** Where /proc is; undefined where the OS has none (the caller is then as the command says). */
  readonly procRoot?: string;
  readonly limits?: Partial<AgentLimits>;
}

export type StopReason = 'quit' | 'idle' | 'handover' | 'signal';

type Phase = 'starting' | 'serving' | 'draining' | 'stopped';

export class AgentServer implements ConnectionHost {
  readonly approvals: Approvals;
  private readonly server: net.Server;
  private readonly limits: AgentLimits;
  private readonly now: () => number;
  private readonly connections = new Set<Connection>();
  private readonly startedAt: number;
  private phase: Phase = 'starting';
  private key: Buffer = newSessionKey();
  private hold: SocketHold | null = null;
  /** Requests being worked on (past their checks), across connections. */
  private working = 0;
  private readonly idleWaiters = new Set<() => void>();
  private lastActivity: number;
  private idleTimer: NodeJS.Timeout | undefined;
  private stopResolve!: (reason: StopReason) => void;
  /** Settles when the agent has stopped (quit, idle, handover). */
  readonly stopped: Promise<StopReason>;

  /** What the method handlers (agent-methods.ts) see of this agent. */
  private readonly context: AgentContext;

  constructor(private readonly opts: AgentServerOptions) {
    this.now = opts.now ?? Date.now;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.approvals = new Approvals(this.now);
    this.startedAt = this.now();
    this.lastActivity = this.startedAt;
    this.stopped = new Promise((resolve) => (this.stopResolve = resolve));
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.maxConnections = this.limits.maxConnections + 8; // the cap answers `busy` itself, below
    this.context = {
      source: opts.source,
      intake: opts.intake,
      approvals: this.approvals,
      approver: opts.approver,
      handouts: opts.handouts,
      info: () => this.info,
      serving: () => this.serving,
      say: (line) => this.say(line),
      aside: (wait) => this.aside(wait),
      armIdle: () => this.armIdle(),
      handOver: () => this.handOver(),
      quit: () => setImmediate(() => void this.stop('quit')),
    };
  }

  get info(): AgentInfo {
    return { kind: this.opts.kind, pid: process.pid, version: this.opts.version, startedAt: this.startedAt, idleExitMs: this.opts.idleExitMs };
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /**
   * Binds the socket unless a live agent has it, then runs `open` (the services: only the agent
   * that owns the socket may open the metadata file) and serves. Commands that connect meanwhile
   * wait for it.
   */
  async start(open: () => void | Promise<void> = () => undefined): Promise<'serving' | 'taken'> {
    const outcome = await bindAgentSocket(this.server, this.opts.location);
    if (outcome.kind === 'taken') {
      this.phase = 'stopped';
      this.stopResolve('quit');
      return 'taken';
    }
    this.hold = outcome.hold;
    writeSessionKey(this.opts.location, this.key);
    try {
      await open();
    } catch (e) {
      await this.stop('quit');
      throw e;
    }
    this.serve();
    return 'serving';
  }

  /**
   * Takes over from the agent that serves now (the app starting while a headless agent runs): new
   * connections come here at once and wait; the old agent finishes, flushes and answers with its
   * grants; then this one serves. `open` runs in between (the app opens its services once the old
   * agent has flushed). Falls back to `start()` when no agent answers.
   */
  async takeOver(open: () => void | Promise<void> = () => undefined): Promise<void> {
    let key: Buffer;
    try {
      key = readSessionKey(this.opts.location);
    } catch {
      if ((await this.start(open)) === 'taken') throw new AppError('agent_unavailable', 'Another agent started meanwhile.');
      return;
    }
    const old = await connectAgent(this.opts.location.socketPath, key).catch(() => null);
    if (!old) {
      if ((await this.start(open)) === 'taken') throw new AppError('agent_unavailable', 'Another agent started meanwhile.');
      return;
    }
    this.key = key;
    this.hold = await takeOverAgentSocket(this.server, this.opts.location);
    this.say(`taking over from agent ${old.pid}`);
    const state = await old.call('handover', DRAIN_TIMEOUT_MS + 10_000);
    const parsed = v.safeParse(HandoverStateSchema, state);
    if (parsed.success) this.approvals.importState(parsed.output);
    await open();
    this.serve();
  }

  private serve(): void {
    this.phase = 'serving';
    this.say(`serving on ${this.opts.location.socketPath}`);
    for (const connection of this.connections) connection.begin();
    this.armIdle();
  }

  /** Stops: quit and idle revoke every grant and let go of the socket; a handover leaves both to the new agent. */
  async stop(reason: StopReason): Promise<void> {
    if (this.phase === 'stopped' || this.phase === 'draining') return;
    this.phase = 'draining';
    clearTimeout(this.idleTimer);
    this.say(`stopping (${reason})`);
    if (reason !== 'handover') this.hold?.release();
    this.server.close();
    for (const connection of this.connections) connection.drain();
    await this.settled();
    if (reason !== 'handover') this.approvals.revokeAll();
    try {
      await this.opts.flush();
    } catch {
      this.say('could not flush the metadata before stopping');
    }
    if (reason !== 'handover') removeSessionKey(this.opts.location, this.key);
    this.phase = 'stopped';
    this.stopResolve(reason);
  }

  /**
   * Resolves once every connection has closed (the last answers sent), after the agent stopped;
   * connections still open after `graceMs` are closed.
   */
  async closed(graceMs = 2_000): Promise<void> {
    await this.stopped;
    const deadline = Date.now() + graceMs;
    while (this.connections.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    for (const connection of this.connections) connection.close();
  }

  /** Resolves once nothing is in flight (or after DRAIN_TIMEOUT_MS). */
  private settled(): Promise<void> {
    if (this.working <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.idleWaiters.delete(check);
        resolve();
      };
      const check = (): void => {
        if (this.working <= 0) done();
      };
      const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
      this.idleWaiters.add(check);
    });
  }

  private say(line: string): void {
    this.opts.say?.(line);
  }

  /** Shows `text` to the user of every command connected now (on its stderr). */
  notice(text: string): void {
    for (const connection of this.connections) connection.notice(text);
  }

  // ---- Connections -----------------------------------------------------------------------------

  private accept(socket: net.Socket): void {
    this.lastActivity = this.now();
    if (this.phase === 'draining' || this.phase === 'stopped' || this.connections.size >= this.limits.maxConnections) {
      const error: ErrorInfo = { code: 'busy', message: 'Tessera’s agent is busy: try again.' };
      socket.on('error', () => undefined);
      socket.end(`${JSON.stringify({ t: 'res', id: 0, ok: false, error })}\n`);
      setTimeout(() => socket.destroy(), 1_000).unref();
      return;
    }
    const connection = new Connection(socket, this, this.limits);
    this.connections.add(connection);
    clearTimeout(this.idleTimer);
    socket.once('close', () => {
      this.connections.delete(connection);
      this.lastActivity = this.now();
      this.armIdle();
    });
    if (this.phase === 'serving') connection.begin();
  }

  /** @internal Connection calls these. */
  checkHello(hello: Hello): HelloOutcome {
    return checkHello(hello, this.key, this.opts.procRoot);
  }

  /** @internal */
  async handle(connection: Connection, request: Request): Promise<unknown> {
    this.lastActivity = this.now();
    if (this.phase !== 'serving') throw new AppError('busy', 'Tessera’s agent is stopping: try again.');
    this.working += 1;
    try {
      return await dispatch(this.context, connection, connection.caller!, request);
    } finally {
      this.working -= 1;
      this.lastActivity = this.now();
      for (const check of [...this.idleWaiters]) check();
    }
  }

  /** Runs `wait` as waiting rather than work (a question to the user, a handover's own request): a drain does not wait for it. */
  private async aside<T>(wait: () => Promise<T>): Promise<T> {
    this.working -= 1;
    try {
      return await wait();
    } finally {
      this.working += 1;
    }
  }

  /** Answers `handover` once everything else has finished and the metadata is flushed. */
  private handOver(): Promise<HandoverState> {
    return this.aside(async () => {
      const state = this.approvals.exportState();
      setImmediate(() => void this.stop('handover'));
      await this.stopped;
      return state;
    });
  }

  // ---- Lifetime --------------------------------------------------------------------------------

  /** When a headless agent may exit: idleExitMs after the last command, and never while a grant is in force. */
  private idleUntil(idle: number): number {
    return Math.max(this.lastActivity + idle, this.approvals.lastGrantExpiry() ?? 0);
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    const idle = this.opts.idleExitMs;
    if (idle === null || this.phase !== 'serving' || this.connections.size > 0 || this.working > 0) return;
    const wait = this.idleUntil(idle) - this.now();
    this.idleTimer = setTimeout(
      () => {
        if (this.connections.size > 0 || this.working > 0) return;
        if (this.idleUntil(idle) <= this.now()) void this.stop('idle');
        else this.armIdle();
      },
      Math.max(0, Math.min(wait, 2 ** 31 - 1)),
    );
  }

  /** @internal */
  get serving(): boolean {
    return this.phase === 'serving';
  }
}

// ---- Helpers ------------------------------------------------------------------------------------------

/** Connects to a running agent as an agent (handover): hello, then one call. */
async function connectAgent(socketPath: string, key: Buffer): Promise<{ pid: number; call(m: 'handover', timeoutMs: number): Promise<unknown> }> {
  const socket = net.connect(socketPath);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const frames: ((frame: Record<string, unknown>) => void)[] = [];
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      try {
        const frame = JSON.parse(line) as Record<string, unknown>;
        frames.shift()?.(frame);
      } catch {
        /* not a frame */
      }
    }
  });
  const next = (timeoutMs: number) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AppError('timeout', 'The running agent did not answer.')), timeoutMs);
      socket.once('close', () => reject(new AppError('agent_unavailable', 'The running agent closed the connection.')));
      frames.push((frame) => (clearTimeout(timer), resolve(frame)));
    });
  socket.write(`${JSON.stringify({ t: 'hello', v: AGENT_PROTOCOL_VERSION, key: key.toString('base64url'), client: { pid: process.pid, ppid: process.ppid, cwd: process.cwd(), canAsk: false } })}\n`);
  const welcome = await next(5_000);
  if (welcome.ok !== true) throw new AppError('agent_unavailable', 'The running agent refused the hello.');
  const pid = Number((welcome.value as { agent?: { pid?: number } } | undefined)?.agent?.pid);
  return {
    pid,
    async call(m, timeoutMs) {
      socket.write(`${JSON.stringify({ t: 'req', id: 1, m })}\n`);
      const answer = await next(timeoutMs);
      socket.destroy();
      if (answer.ok !== true) throw new AppError('agent_unavailable', 'The running agent refused to hand over.');
      return answer.value;
    },
  };
}
