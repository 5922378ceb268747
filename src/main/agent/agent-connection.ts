/**
 * One connection of the `tessera` command to Tessera's agent (agent-server.ts): framing (one JSON
 * object per line, at most `maxFrameBytes`), the hello (within `helloTimeoutMs`, carrying the session
 * key, compared in constant time, and a protocol version this agent speaks), the caps (requests in
 * flight per connection, the idle connection's clock), each frame parsed with its strict schema
 * (src/shared/agent-protocol.ts), and the questions relayed to the command's terminal. Every refusal
 * is a Result with the app's error codes. The agent behind it is the ConnectionHost: it checks the
 * hello and answers requests (agent-methods.ts). Why: docs/SECURITY.md, section 17 ("A hostile or
 * broken client", "Other users on the machine", "What the agent is told rather than sees").
 */
import type { LoginChannel } from './account-intake';
import { timingSafeEqual } from 'node:crypto';
import type net from 'node:net';
import * as v from 'valibot';
import {
  AGENT_PROTOCOL_VERSION,
  ClientFrameSchema,
  HELLO_TIMEOUT_MS,
  HelloSchema,
  IDLE_CONNECTION_MS,
  MAX_CONNECTIONS,
  MAX_FRAME_BYTES,
  type AgentInfo,
  type Choice,
  type Hello,
  type Request,
} from '../../shared/agent-protocol';
import type { ErrorInfo } from '../../shared/errors';
import { printable } from '../../shared/printable';
import { AppError, toErrorInfo } from '../errors';
import { findPoison } from '../ipc/router';
import { callerFromProc, type Caller, type Conversation, type Question } from './approval';
import { readProc } from './proc-info';

/** An approval question nobody answers is a refusal after this long. */
export const APPROVAL_TIMEOUT_MS = 120_000;
/** Requests one connection may have in flight at once. */
const MAX_IN_FLIGHT_PER_CONNECTION = 4;

export interface AgentLimits {
  readonly maxConnections: number;
  readonly helloTimeoutMs: number;
  readonly idleConnectionMs: number;
  readonly maxFrameBytes: number;
  readonly approvalTimeoutMs: number;
}

export const DEFAULT_LIMITS: AgentLimits = {
  maxConnections: MAX_CONNECTIONS,
  helloTimeoutMs: HELLO_TIMEOUT_MS,
  idleConnectionMs: IDLE_CONNECTION_MS,
  maxFrameBytes: MAX_FRAME_BYTES,
  approvalTimeoutMs: APPROVAL_TIMEOUT_MS,
};

export type HelloOutcome = { ok: true; caller: Caller } | { ok: false; error: ErrorInfo };

/** What a connection needs of the agent it belongs to (AgentServer). */
export interface ConnectionHost {
  readonly info: AgentInfo;
  /** False once the agent stops: a connection with nothing in flight then ends. */
  readonly serving: boolean;
  checkHello(hello: Hello): HelloOutcome;
  handle(connection: Connection, request: Request): Promise<unknown>;
}

/**
 * Whether a hello may open a session: the protocol version, the session key (constant time), and a
 * caller Tessera can tell (`procRoot`: where /proc is; undefined where the OS has none).
 */
export function checkHello(hello: Hello, key: Buffer, procRoot: string | undefined): HelloOutcome {
  if (hello.v !== AGENT_PROTOCOL_VERSION)
    return { ok: false, error: { code: 'invalid_input', message: `This agent speaks protocol ${AGENT_PROTOCOL_VERSION}, the command ${hello.v}: stop the agent (\`tessera agent stop\`) and try again.` } };
  const given = Buffer.from(hello.key, 'base64url');
  const good = given.length === key.length && timingSafeEqual(given, key);
  if (!good) return { ok: false, error: { code: 'agent_unavailable', message: 'The agent did not accept the session key.' } };
  const caller = identify(hello.client, procRoot);
  if (!caller) return { ok: false, error: { code: 'denied', message: 'Tessera cannot tell which program ran this command, so it hands nothing out.' } };
  return { ok: true, caller };
}

/** The caller (the command's parent) as /proc tells it; as the command says where there is no /proc. */
function identify(client: Hello['client'], procRoot: string | undefined): Caller | null {
  if (procRoot === undefined) return { pid: client.ppid, exe: null, cwd: client.cwd, cmdline: [], session: null, verified: false };
  const command = readProc(client.pid, procRoot);
  if (!command || command.ppid !== client.ppid) return null;
  const parent = readProc(client.ppid, procRoot);
  if (!parent) return null;
  return callerFromProc(parent, parent.sid > 0 ? readProc(parent.sid, procRoot) : undefined);
}

export class Connection implements Conversation, LoginChannel {
  caller: Caller | null = null;
  /** Aborted when the connection closes or the agent stops: what the command started (a login) ends with it. */
  private readonly gone = new AbortController();
  readonly signal = this.gone.signal;
  canAsk = false;
  private state: 'waiting' | 'hello' | 'ready' | 'closed' = 'waiting';
  private buffer: Buffer = Buffer.alloc(0);
  private readonly queued: string[] = [];
  private helloTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private nextAsk = 1;
  private readonly asks = new Map<number, { resolve: (choice: Choice) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly socket: net.Socket,
    private readonly agent: ConnectionHost,
    private readonly limits: AgentLimits,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('end', () => this.close());
    socket.on('close', () => this.close());
  }

  /** The agent is ready to serve: start the hello clock and read what arrived meanwhile. */
  begin(): void {
    if (this.state !== 'waiting') return;
    this.state = 'hello';
    this.helloTimer = setTimeout(() => this.close(), this.limits.helloTimeoutMs);
    for (const line of this.queued.splice(0)) this.line(line);
  }

  /** The agent stops: questions waiting for the user are withdrawn (the command retries). */
  drain(): void {
    this.gone.abort();
    for (const ask of this.asks.values()) ask.reject(new AppError('busy', 'Tessera’s agent is handing over: run the command again.'));
    this.asks.clear();
    if (this.inFlight === 0) this.close();
  }

  get closed(): boolean {
    return this.state === 'closed';
  }

  close(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.gone.abort();
    clearTimeout(this.helloTimer);
    clearTimeout(this.idleTimer);
    for (const ask of this.asks.values()) ask.resolve('deny');
    this.asks.clear();
    this.socket.destroy();
  }

  notice(text: string): void {
    if (this.state === 'ready') this.send({ t: 'notice', text: printable(text) });
  }

  private send(frame: object): void {
    if (this.state !== 'closed' && this.socket.writable) this.socket.write(`${JSON.stringify(frame)}\n`);
  }

  private fail(id: number, error: ErrorInfo): void {
    this.send({ t: 'res', id, ok: false, error });
  }

  private receive(chunk: Buffer): void {
    if (this.state === 'closed') return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf(10);
      if (end < 0) {
        if (this.buffer.length > this.limits.maxFrameBytes) this.tooLarge();
        return;
      }
      if (end > this.limits.maxFrameBytes) return this.tooLarge();
      const line = this.buffer.subarray(0, end).toString('utf8');
      this.buffer = this.buffer.subarray(end + 1);
      if (this.state === 'waiting') this.queued.push(line);
      else this.line(line);
      if (this.closed) return;
    }
  }

  private tooLarge(): void {
    this.fail(0, { code: 'invalid_input', message: `A frame is at most ${this.limits.maxFrameBytes} bytes.` });
    this.socket.end();
    this.close();
  }

  private line(text: string): void {
    if (this.state === 'closed') return;
    this.touch();
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.refuse(0, 'A frame is one JSON object per line.');
    }
    // Keys no schema should see, and nesting no frame needs (as the IPC router refuses them).
    const poison = findPoison(frame, 0);
    if (poison) return this.refuse(idOf(frame), `Not a frame Tessera’s agent accepts: ${poison}.`);
    if (this.state === 'hello') return this.hello(frame);
    const parsed = v.safeParse(ClientFrameSchema, frame);
    if (!parsed.success) return this.refuse(idOf(frame), `Not a request Tessera’s agent understands: ${issuePath(parsed.issues)}.`);
    const message = parsed.output;
    if (message.t === 'answer') {
      const ask = this.asks.get(message.ask);
      if (!ask) return this.refuse(0, 'No question is waiting for this answer.');
      this.asks.delete(message.ask);
      ask.resolve(message.choice);
      return;
    }
    if (this.inFlight >= MAX_IN_FLIGHT_PER_CONNECTION) return this.fail(message.id, { code: 'busy', message: 'Too many requests at once on one connection.' });
    this.inFlight += 1;
    clearTimeout(this.idleTimer);
    void this.agent
      .handle(this, message)
      .then(
        (value) => this.send({ t: 'res', id: message.id, ok: true, value }),
        (e: unknown) => this.fail(message.id, toErrorInfo(e)),
      )
      .finally(() => {
        this.inFlight -= 1;
        if (!this.agent.serving && this.inFlight === 0) this.socket.end();
        this.touch();
      });
  }

  /** A refused frame: answered; before the hello, the connection closes too. */
  private refuse(id: number, message: string): void {
    this.fail(id, { code: 'invalid_input', message });
    if (this.state === 'hello') {
      this.socket.end();
      this.close();
    }
  }

  private hello(frame: unknown): void {
    const parsed = v.safeParse(HelloSchema, frame);
    if (!parsed.success) return this.refuse(0, `The first frame must be a hello: ${issuePath(parsed.issues)}.`);
    const outcome = this.agent.checkHello(parsed.output);
    if (!outcome.ok) {
      this.fail(0, outcome.error);
      this.socket.end();
      this.close();
      return;
    }
    clearTimeout(this.helloTimer);
    this.caller = outcome.caller;
    this.canAsk = parsed.output.client.canAsk;
    this.state = 'ready';
    this.send({ t: 'res', id: 0, ok: true, value: { v: AGENT_PROTOCOL_VERSION, agent: this.agent.info } });
  }

  /** Restarts the idle clock (not while a request or a question is in flight). */
  private touch(): void {
    clearTimeout(this.idleTimer);
    if (this.state === 'closed' || this.inFlight > 0) return;
    this.idleTimer = setTimeout(() => this.close(), this.limits.idleConnectionMs);
  }

  ask(question: Question): Promise<Choice> {
    const id = this.nextAsk++;
    return new Promise<Choice>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.asks.delete(id);
        resolve('deny');
      }, this.limits.approvalTimeoutMs);
      this.asks.set(id, {
        resolve: (choice) => (clearTimeout(timer), resolve(choice)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ t: 'ask', ask: id, id: 0, text: question.text, choices: question.choices });
    });
  }
}

function idOf(frame: unknown): number {
  const id = (frame as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : 0;
}

function issuePath(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  const where = first?.path?.map((p) => String(p.key)).join('.') ?? '';
  return printable(`${where ? `${where}: ` : ''}${first?.message ?? 'invalid'}`).slice(0, 200);
}
