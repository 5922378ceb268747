/**
 * Who may have a secret: a secret leaves the agent only for a caller the user approved, in one of
 * three ways (docs/SECURITY.md, "The tessera command and its agent", says what this protects):
 *
 * - **once**: the user answered "once" to this request;
 * - **this terminal session**: the user answered "session" for this account, from the same
 *   terminal session (the caller's session id, the session leader's start time, and its
 *   controlling terminal): it lasts SESSION_IDLE_MS after its last use, SESSION_MAX_MS at most;
 * - **a grant**: `tessera grant <account> [--for 8h] [--cwd DIR]`, itself typed on a terminal,
 *   lets any caller (or any caller working in DIR) have the account's credentials until it
 *   expires or is revoked. Quitting the agent revokes every grant.
 *
 * The policy is pure (`Approvals`, no I/O, a clock passed in); asking is a port (`Approver`): the
 * headless agent asks on the caller's terminal through the command (TerminalApprover); the app
 * asks in its window (window-approver.ts), whatever the caller.
 */
import type { ApprovalFacts } from '../../shared/types';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Choice, HandoverState } from '../../shared/agent-protocol';
import { MAX_GRANT_MS } from '../../shared/agent-protocol';
import { printable } from '../../shared/printable';
import { ttyName, type ProcInfo } from './proc-info';

export const SESSION_IDLE_MS = 10 * 60_000;
export const SESSION_MAX_MS = 12 * 3_600_000;

/** The process that ran `tessera`, as the agent knows it. */
export interface Caller {
  readonly pid: number;
  readonly exe: string | null;
  readonly cwd: string | null;
  readonly cmdline: readonly string[];
  /** The terminal session it belongs to, when it has a controlling terminal; null otherwise. */
  readonly session: { readonly key: string; readonly tty: string } | null;
  /** True when the agent read this from the OS (/proc); false when only the command said so. */
  readonly verified: boolean;
}

export function callerFromProc(info: ProcInfo, sessionLeader: ProcInfo | undefined): Caller {
  const tty = ttyName(info.ttyNr);
  return {
    pid: info.pid,
    exe: info.exe,
    cwd: info.cwd,
    cmdline: info.cmdline,
    // The leader's start time tells a session from a later one that reuses its id.
    session: tty && sessionLeader ? { key: `${info.sid}:${sessionLeader.startTime}:${info.ttyNr}`, tty } : null,
    verified: true,
  };
}

/** The caller as facts, for the window to word (ApprovalFacts). */
export function callerFacts(caller: Caller): ApprovalFacts['caller'] {
  return {
    program: printable(caller.exe ? path.basename(caller.exe) : (caller.cmdline[0] ?? '?')),
    pid: caller.pid,
    exe: caller.exe ? printable(caller.exe) : null,
    cwd: caller.cwd ? printable(caller.cwd) : null,
    commandLine: caller.cmdline.length > 0 ? printable(caller.cmdline.join(' ')) : null,
    verified: caller.verified,
  };
}

/** The caller in a few words, for a question, a grant and the hand-out log. */
export function describeCaller(caller: Caller): string {
  const program = caller.exe ? path.basename(caller.exe) : (caller.cmdline[0] ?? 'an unknown program');
  const parts = [`${printable(program)} (pid ${caller.pid}${caller.exe ? `, ${printable(caller.exe)}` : ''})`];
  if (caller.cwd) parts.push(`in ${printable(caller.cwd)}`);
  if (!caller.verified) parts.push('(as it says; the system could not confirm it)');
  return parts.join(' ');
}

export interface Grant {
  readonly id: string;
  readonly accountId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** Only callers working in this directory or below; null: any caller. */
  readonly cwd: string | null;
  readonly createdBy: string;
}

interface SessionApproval {
  readonly key: string;
  readonly accountId: string;
  readonly createdAt: number;
  lastUsedAt: number;
}

export type Coverage = { readonly by: 'grant'; readonly grant: Grant } | { readonly by: 'session' };

/** True when `dir` is `root` or inside it (both absolute, as /proc gives them). */
export function within(dir: string, root: string): boolean {
  const r = root.length > 1 && root.endsWith('/') ? root.slice(0, -1) : root;
  return dir === r || dir.startsWith(r === '/' ? '/' : `${r}/`);
}

export class Approvals {
  private readonly grantsById = new Map<string, Grant>();
  private readonly sessions = new Map<string, SessionApproval>();

  /** Called after a grant is added or revoked (the app's Settings lists them). */
  onGrantsChanged: (() => void) | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** What already lets this caller have this account's secrets, if anything (a use refreshes a session's idle time). */
  covering(caller: Caller, accountId: string): Coverage | null {
    this.prune();
    for (const grant of this.grantsById.values()) {
      if (grant.accountId !== accountId) continue;
      if (grant.cwd === null || (caller.cwd !== null && within(caller.cwd, grant.cwd))) return { by: 'grant', grant };
    }
    if (caller.session) {
      const approval = this.sessions.get(`${caller.session.key}|${accountId}`);
      if (approval) {
        approval.lastUsedAt = this.now();
        return { by: 'session' };
      }
    }
    return null;
  }

  /** "Allow for this terminal session": false when the caller has no terminal session. */
  rememberSession(caller: Caller, accountId: string): boolean {
    if (!caller.session) return false;
    const now = this.now();
    this.sessions.set(`${caller.session.key}|${accountId}`, { key: caller.session.key, accountId, createdAt: now, lastUsedAt: now });
    return true;
  }

  addGrant(input: { accountId: string; forMs: number; cwd: string | null; createdBy: string }): Grant {
    const now = this.now();
    const grant: Grant = {
      id: randomBytes(9).toString('base64url'),
      accountId: input.accountId,
      createdAt: now,
      expiresAt: now + Math.min(input.forMs, MAX_GRANT_MS),
      cwd: input.cwd,
      createdBy: input.createdBy,
    };
    this.grantsById.set(grant.id, grant);
    this.onGrantsChanged?.();
    return grant;
  }

  revokeGrant(id: string): boolean {
    const revoked = this.grantsById.delete(id);
    if (revoked) this.onGrantsChanged?.();
    return revoked;
  }

  grants(): Grant[] {
    this.prune();
    return [...this.grantsById.values()].sort((a, b) => a.createdAt - b.createdAt);
  }

  /** When the last grant in force expires; null when none is. */
  lastGrantExpiry(): number | null {
    const grants = this.grants();
    return grants.length === 0 ? null : Math.max(...grants.map((g) => g.expiresAt));
  }

  /** Forgets every grant and session approval (the agent quits). */
  revokeAll(): void {
    this.grantsById.clear();
    this.sessions.clear();
    this.onGrantsChanged?.();
  }

  /** Drops the grants and approvals of an account that is gone. */
  forgetAccount(accountId: string): void {
    for (const [id, grant] of this.grantsById) if (grant.accountId === accountId) this.grantsById.delete(id);
    for (const [key, approval] of this.sessions) if (approval.accountId === accountId) this.sessions.delete(key);
  }

  /** What an agent taking over needs to honour the same approvals. */
  exportState(): HandoverState {
    this.prune();
    return { grants: this.grants().map((g) => ({ ...g })), sessions: [...this.sessions.values()].map((s) => ({ ...s })) };
  }

  importState(state: HandoverState): void {
    for (const g of state.grants) this.grantsById.set(g.id, { ...g, expiresAt: Math.min(g.expiresAt, g.createdAt + MAX_GRANT_MS) });
    for (const s of state.sessions) this.sessions.set(`${s.key}|${s.accountId}`, { ...s });
    this.prune();
    this.onGrantsChanged?.();
  }

  private prune(): void {
    const now = this.now();
    for (const [id, grant] of this.grantsById) if (grant.expiresAt <= now) this.grantsById.delete(id);
    for (const [key, s] of this.sessions) if (now - s.lastUsedAt >= SESSION_IDLE_MS || now - s.createdAt >= SESSION_MAX_MS) this.sessions.delete(key);
  }
}

// ---- Asking the user ------------------------------------------------------------------------------

export interface Question {
  /** `hand-out`: may this caller have these secrets (once, session, deny)? `grant`: create this grant (confirm, deny)? */
  readonly kind: 'hand-out' | 'grant';
  /** Written for the user; every name in it already made printable. */
  readonly text: string;
  /** The same question as facts, for the window to word in its language. */
  readonly facts?: ApprovalFacts;
  readonly choices: readonly Choice[];
}

/** How a question reaches the command that is waiting: an `ask` frame, and its answer. */
export interface Conversation {
  /** False when the command has no terminal to ask on. */
  readonly canAsk: boolean;
  ask(question: Question): Promise<Choice>;
}

/**
 * The port: who asks the user, and where. The headless agent's is TerminalApprover; the app's
 * shows the question in its window (window-approver.ts).
 */
export interface Approver {
  /** Whether the user can be asked about this caller's request at all (the terminal: only when the command has one). */
  canAsk(conversation: Conversation): boolean;
  /** The user's answer; `deny` when nobody can be asked. */
  approve(question: Question, conversation: Conversation): Promise<Choice>;
}

/** Asks on the caller's terminal, through the command (it reads the answer from /dev/tty, not stdin). */
export class TerminalApprover implements Approver {
  canAsk(conversation: Conversation): boolean {
    return conversation.canAsk;
  }

  async approve(question: Question, conversation: Conversation): Promise<Choice> {
    if (!conversation.canAsk) return 'deny';
    const choice = await conversation.ask(question);
    return question.choices.includes(choice) ? choice : 'deny';
  }
}
