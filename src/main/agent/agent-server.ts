/**
 * Tessera's agent: serves the `tessera` command over the local socket (agent-bind.ts says how it
 * is bound), speaking src/shared/agent-protocol.ts. Plain Node: the headless agent (headless.ts)
 * runs it today; the app will run the same server with its window as the Approver.
 *
 * Per connection: the command's hello must come within HELLO_TIMEOUT_MS and carry the session key
 * (compared in constant time) and a protocol version this agent speaks; then requests, each parsed
 * with its strict schema. A frame longer than MAX_FRAME_BYTES closes the connection; a connection
 * with nothing in flight closes after IDLE_CONNECTION_MS; past MAX_CONNECTIONS a new one is answered
 * `busy` and closed. Every answer is a Result with the app's error codes; a secret appears only in
 * the one answer that hands it out (never in the agent's log, the hand-out log or an error).
 *
 * Secrets leave only for an approved caller (approval.ts); every hand-out and refusal is logged
 * (handout-log.ts). Credentials come from the CredentialSource port, whose services keep tokens in
 * memory and refresh through one single flight: since every command talks to this one process, a
 * refresh is single-flight across all of them.
 *
 * Ending: `quit` (and a headless agent idle for `idleExitMs` with no grant in force) stops accepting,
 * lets go of the socket, revokes every grant, finishes what is in flight, flushes, and exits.
 * `handover` (an agent taking over, e.g. the app starting) does the same but keeps the socket path
 * and key, which the new agent now owns, and answers with the grants and session approvals; a
 * refresh in flight finishes first, so a rotated refresh token is never spent by both agents.
 */
import { timingSafeEqual } from 'node:crypto';
import net from 'node:net';
import * as v from 'valibot';
import {
  AGENT_PROTOCOL_VERSION,
  ClientFrameSchema,
  HandoverStateSchema,
  HELLO_TIMEOUT_MS,
  HelloSchema,
  IDLE_CONNECTION_MS,
  MAX_CONNECTIONS,
  MAX_FRAME_BYTES,
  type AccountRef,
  type AgentAccount,
  type AgentInfo,
  type Choice,
  type EnvAnswer,
  type GrantInfo,
  type Hello,
  type MethodResults,
  type ParamsOf,
  type Request,
  type TokenAnswer,
} from '../../shared/agent-protocol';
import type { ErrorInfo } from '../../shared/errors';
import { printable } from '../../shared/printable';
import { COPY_KINDS, PROVIDER_NAMES, type CopyKind } from '../../shared/types';
import { AppError, toErrorInfo } from '../errors';
import { findPoison } from '../ipc/router';
import { selectAccount } from './account-selector';
import { bindAgentSocket, newSessionKey, readSessionKey, removeSessionKey, takeOverAgentSocket, writeSessionKey, type SocketHold } from './agent-bind';
import type { AccountIntake, LoginChannel } from './account-intake';
import type { AgentLocation } from './agent-paths';
import { Approvals, callerFromProc, describeCaller, SESSION_IDLE_MS, type Approver, type Caller, type Conversation, type Grant, type Question } from './approval';
import type { CredentialSource, SourceAccount } from './credential-source';
import { checkNoCollision, cleverCloudEnvironment, saasusEnvironment, type AccountEnvironment } from './exec-environment';
import type { HandoutLog } from './handout-log';
import { readProc } from './proc-info';

/** `tessera token` without `--min-valid`: the app's default refresh lead time (Settings). */
export const DEFAULT_MIN_VALID_MS = 60_000;
/** An approval question nobody answers is a refusal after this long. */
export const APPROVAL_TIMEOUT_MS = 120_000;
/** Requests one connection may have in flight at once. */
const MAX_IN_FLIGHT_PER_CONNECTION = 4;
/** How long a handover or quit waits for work in flight. */
const DRAIN_TIMEOUT_MS = 30_000;

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

export class AgentServer {
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

  constructor(private readonly opts: AgentServerOptions) {
    this.now = opts.now ?? Date.now;
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.approvals = new Approvals(this.now);
    this.startedAt = this.now();
    this.lastActivity = this.startedAt;
    this.stopped = new Promise((resolve) => (this.stopResolve = resolve));
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.maxConnections = this.limits.maxConnections + 8; // the cap answers `busy` itself, below
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
  checkHello(hello: Hello): { ok: true; caller: Caller } | { ok: false; error: ErrorInfo } {
    if (hello.v !== AGENT_PROTOCOL_VERSION)
      return { ok: false, error: { code: 'invalid_input', message: `This agent speaks protocol ${AGENT_PROTOCOL_VERSION}, the command ${hello.v}: stop the agent (\`tessera agent stop\`) and try again.` } };
    const key = Buffer.from(hello.key, 'base64url');
    const good = key.length === this.key.length && timingSafeEqual(key, this.key);
    if (!good) return { ok: false, error: { code: 'agent_unavailable', message: 'The agent did not accept the session key.' } };
    const caller = this.identify(hello.client);
    if (!caller) return { ok: false, error: { code: 'denied', message: 'Tessera cannot tell which program ran this command, so it hands nothing out.' } };
    return { ok: true, caller };
  }

  /** The caller (the command's parent) as /proc tells it; as the command says where there is no /proc. */
  private identify(client: Hello['client']): Caller | null {
    if (this.opts.procRoot === undefined) return { pid: client.ppid, exe: null, cwd: client.cwd, cmdline: [], session: null, verified: false };
    const command = readProc(client.pid, this.opts.procRoot);
    if (!command || command.ppid !== client.ppid) return null;
    const parent = readProc(client.ppid, this.opts.procRoot);
    if (!parent) return null;
    return callerFromProc(parent, parent.sid > 0 ? readProc(parent.sid, this.opts.procRoot) : undefined);
  }

  /** @internal */
  async handle(connection: Connection, request: Request): Promise<unknown> {
    this.lastActivity = this.now();
    if (this.phase !== 'serving') throw new AppError('busy', 'Tessera’s agent is stopping: try again.');
    this.working += 1;
    try {
      return await this.dispatch(connection, request);
    } finally {
      this.working -= 1;
      this.lastActivity = this.now();
      for (const check of [...this.idleWaiters]) check();
    }
  }

  private async dispatch(connection: Connection, request: Request): Promise<unknown> {
    const caller = connection.caller!;
    switch (request.m) {
      case 'list':
        return this.accounts() satisfies MethodResults['list'];
      case 'status':
        return { agent: this.info, vault: await this.opts.source.vaultStatus(), accounts: this.accounts(), grants: this.approvals.grants().length } satisfies MethodResults['status'];
      case 'token':
        return this.token(connection, caller, request.p);
      case 'env':
        return this.env(connection, caller, request.p);
      case 'grant':
        return this.grant(connection, caller, request.p);
      case 'grants':
        return this.grantInfos() satisfies MethodResults['grants'];
      case 'revokeGrant': {
        if (!this.approvals.revokeGrant(request.p.id)) throw new AppError('not_found', 'No grant has this id (it may have expired): see `tessera grants`.');
        this.opts.handouts.write({ event: 'grant-revoked', method: 'revokeGrant', accounts: [], authority: request.p.id }, caller);
        return null;
      }
      case 'handover': {
        // Answered once everything else has finished and the metadata is flushed.
        this.working -= 1;
        try {
          const state = this.approvals.exportState();
          setImmediate(() => void this.stop('handover'));
          await new Promise<void>((resolve) => void this.stopped.then(() => resolve()));
          return state;
        } finally {
          this.working += 1;
        }
      }
      case 'quit':
        // Stops once this answer is on its way (the stop waits for work in flight, this request included).
        setImmediate(() => void this.stop('quit'));
        return null;
      case 'importCleverTools':
        return this.opts.intake.importCleverTools(request.p) satisfies Promise<MethodResults['importCleverTools']>;
      case 'importCleverCloudEnv':
        return this.opts.intake.importCleverCloudEnv(request.p) satisfies Promise<MethodResults['importCleverCloudEnv']>;
      case 'login':
        return this.opts.intake.login(request.p, connection) satisfies Promise<MethodResults['login']>;
    }
  }

  private accounts(): AgentAccount[] {
    return this.opts.source.list().map(({ endpoint: _endpoint, ...account }) => account);
  }

  private find(selector: string): SourceAccount {
    return selectAccount(this.opts.source.list(), selector);
  }

  private async token(connection: Connection, caller: Caller, p: ParamsOf<'token'>): Promise<TokenAnswer> {
    const account = this.find(p.account);
    const offered = COPY_KINDS[account.provider];
    const kind = (p.kind ?? offered[0].kind) as CopyKind;
    if (!offered.some((k) => k.kind === kind))
      throw new AppError('invalid_input', `${PROVIDER_NAMES[account.provider]} accounts offer ${offered.map((k) => k.kind).join(', ')}; not ${kind}.`);
    const label = offered.find((k) => k.kind === kind)!.label;
    const authority = await this.authorize(connection, caller, 'token', [account], [kind], `its ${label.toLocaleLowerCase('en')}`);
    const credential = await this.handOut('token', caller, [account], [kind], authority, () => this.opts.source.credential(account.id, kind, { minValidMs: p.minValidMs ?? DEFAULT_MIN_VALID_MS }));
    return { account: ref(account), kind, label: credential.label, value: credential.value, validUntil: credential.validUntil };
  }

  private async env(connection: Connection, caller: Caller, p: ParamsOf<'env'>): Promise<EnvAnswer> {
    const accounts = p.accounts.map((selector) => this.find(selector));
    if (new Set(accounts.map((a) => a.id)).size !== accounts.length) throw new AppError('invalid_input', 'An account is named twice.');
    checkNoCollision(accounts);
    const kinds = accounts.map((a) => (a.provider === 'clever-cloud' ? 'authorization-header' : 'access-token, id-token'));
    const authority = await this.authorize(connection, caller, 'env', accounts, kinds, accounts.length > 1 ? 'their credentials, as environment variables' : 'its credentials, as environment variables');
    const minValidMs = p.minValidMs ?? DEFAULT_MIN_VALID_MS;
    return this.handOut('env', caller, accounts, kinds, authority, async () => {
      const set: (readonly [string, string])[] = [];
      const unset: string[] = [];
      let validUntil: number | null = null;
      for (const account of accounts) {
        let environment: AccountEnvironment;
        if (account.provider === 'clever-cloud') {
          const header = await this.opts.source.credential(account.id, 'authorization-header', { minValidMs });
          environment = cleverCloudEnvironment(header.value, account.endpoint);
          validUntil = earliest(validUntil, header.validUntil);
        } else {
          const access = await this.opts.source.credential(account.id, 'access-token', { minValidMs });
          const id = await this.opts.source.credential(account.id, 'id-token', { minValidMs });
          const authorization = await this.opts.source.credential(account.id, 'authorization-header', { minValidMs });
          environment = saasusEnvironment({ accessToken: access.value, idToken: id.value, authorization: authorization.value });
          validUntil = earliest(validUntil, access.validUntil, id.validUntil);
        }
        set.push(...environment.set);
        unset.push(...environment.unset);
      }
      return { accounts: accounts.map(ref), set, unset, validUntil };
    });
  }

  private async grant(connection: Connection, caller: Caller, p: ParamsOf<'grant'>): Promise<GrantInfo> {
    const account = this.find(p.account);
    if (!connection.canAsk) throw new AppError('denied', 'A grant must be approved on a terminal: run `tessera grant` in one.');
    const scope = p.cwd === null ? 'any program' : `programs working in ${printable(p.cwd)}`;
    const question: Question = {
      kind: 'grant',
      text: [
        `Tessera: create a grant? For the next ${duration(p.forMs)}, ${scope} may have the credentials of`,
        `  ${accountWords(account)}`,
        '  without being asked. Quitting the agent revokes it; so does `tessera revoke-grant <id>`.',
        `Asked by ${describeCaller(caller)}.`,
      ].join('\n'),
      choices: ['confirm', 'deny'],
    };
    const choice = await this.ask(connection, question);
    if (choice !== 'confirm') {
      this.opts.handouts.write({ event: 'denied', method: 'grant', accounts: [logRef(account)], authority: 'user refused the grant' }, caller);
      throw new AppError('denied', 'No grant was created.');
    }
    const grant = this.approvals.addGrant({ accountId: account.id, forMs: p.forMs, cwd: p.cwd, createdBy: describeCaller(caller) });
    this.opts.handouts.write(
      { event: 'grant', method: 'grant', accounts: [logRef(account)], grant: { id: grant.id, expiresAt: new Date(grant.expiresAt).toISOString(), cwd: grant.cwd } },
      caller,
    );
    this.armIdle();
    return this.grantInfo(grant, account);
  }

  private grantInfos(): GrantInfo[] {
    const byId = new Map(this.opts.source.list().map((a) => [a.id, a]));
    const infos: GrantInfo[] = [];
    for (const grant of this.approvals.grants()) {
      const account = byId.get(grant.accountId);
      if (account) infos.push(this.grantInfo(grant, account));
      else this.approvals.forgetAccount(grant.accountId);
    }
    return infos;
  }

  private grantInfo(grant: Grant, account: AccountRef): GrantInfo {
    return { id: grant.id, account: ref(account), createdAt: grant.createdAt, expiresAt: grant.expiresAt, cwd: grant.cwd, createdBy: grant.createdBy };
  }

  /** What lets this caller have these accounts' secrets: a grant, a session approval, or the user's answer now. */
  private async authorize(connection: Connection, caller: Caller, method: string, accounts: readonly SourceAccount[], kinds: readonly string[], what: string): Promise<string> {
    const covered = accounts.map((a) => this.approvals.covering(caller, a.id));
    if (covered.every((c) => c !== null)) return [...new Set(covered.map((c) => (c!.by === 'grant' ? `grant:${c!.grant.id}` : 'session')))].join(',');
    const refuse = (reason: string, message: string): never => {
      this.opts.handouts.write({ event: 'denied', method, accounts: accounts.map(logRef), kinds, authority: reason }, caller);
      throw new AppError('denied', message);
    };
    if (!connection.canAsk)
      refuse(
        'no terminal to ask on',
        `Nobody could be asked: this command has no terminal. In a terminal, \`tessera grant ${accounts.length === 1 ? quoteArg(accounts[0]!.displayName) : '<account>'}\` lets scripts have it for a while.`,
      );
    const choices: Choice[] = caller.session ? ['once', 'session', 'deny'] : ['once', 'deny'];
    const question: Question = {
      kind: 'hand-out',
      text: [
        `Tessera: ${describeCaller(caller)}`,
        caller.cmdline.length > 0 ? `  running: ${printable(caller.cmdline.join(' '))}` : null,
        `  asks for ${what}:`,
        ...accounts.map((a) => `  ${accountWords(a)}`),
        caller.session ? `  ("session": from this terminal, ${caller.session.tty}, for ${duration(SESSION_IDLE_MS)} after its last use)` : null,
      ]
        .filter((line): line is string => line !== null)
        .join('\n'),
      choices,
    };
    const choice = await this.ask(connection, question);
    if (choice === 'once') return 'once';
    if (choice === 'session') {
      for (const a of accounts) this.approvals.rememberSession(caller, a.id);
      return 'session';
    }
    return refuse('user refused', 'Refused: Tessera handed nothing out.');
  }

  private async ask(connection: Connection, question: Question): Promise<Choice> {
    // The question waits on the user, not on Tessera: it does not hold up a handover.
    this.working -= 1;
    let choice: Choice;
    try {
      choice = await this.opts.approver.approve(question, connection);
    } finally {
      this.working += 1;
    }
    if (this.phase !== 'serving') throw new AppError('busy', 'Tessera’s agent is handing over: run the command again.');
    return choice;
  }

  private async handOut<T>(method: string, caller: Caller, accounts: readonly SourceAccount[], kinds: readonly string[], authority: string, get: () => Promise<T>): Promise<T> {
    try {
      const value = await get();
      this.opts.handouts.write({ event: 'hand-out', method, accounts: accounts.map(logRef), kinds, authority }, caller);
      this.say(`${method}: handed out ${kinds.join(' + ')} of ${accounts.map((a) => a.id).join(', ')} to pid ${caller.pid} (${authority})`);
      return value;
    } catch (e) {
      const info = toErrorInfo(e);
      this.opts.handouts.write({ event: 'failed', method, accounts: accounts.map(logRef), kinds, authority, errorCode: info.code }, caller);
      throw e;
    }
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

// ---- One connection ---------------------------------------------------------------------------------

class Connection implements Conversation, LoginChannel {
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
    private readonly agent: AgentServer,
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

function idOf(frame: unknown): number {
  const id = (frame as { id?: unknown } | null)?.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : 0;
}

function issuePath(issues: readonly v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  const where = first?.path?.map((p) => String(p.key)).join('.') ?? '';
  return printable(`${where ? `${where}: ` : ''}${first?.message ?? 'invalid'}`).slice(0, 200);
}

function ref(account: AccountRef): AccountRef {
  return { id: account.id, provider: account.provider, displayName: account.displayName, subtitle: account.subtitle };
}

function logRef(account: AccountRef): { id: string; name: string } {
  return { id: account.id, name: account.displayName };
}

function accountWords(account: AccountRef): string {
  return `"${printable(account.displayName)}" (${printable(account.subtitle)}, ${PROVIDER_NAMES[account.provider]})`;
}

function quoteArg(name: string): string {
  return /^[A-Za-z0-9@._+-]+$/.test(name) ? name : `'${printable(name).replace(/'/g, `'\\''`)}'`;
}

function earliest(...dates: (number | null)[]): number | null {
  const known = dates.filter((d): d is number => d !== null);
  return known.length === 0 ? null : Math.min(...known);
}

export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
