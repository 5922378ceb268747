/**
 * Approval and hand-out for Tessera's agent (agent-server.ts): what lets a caller have an account's
 * secrets (a grant, a session approval, or the user's answer now, asked on the caller's terminal
 * through its connection), and the hand-out itself, logged with its authority (handout-log.ts) and
 * never with the value. The method handlers (agent-methods.ts) call these. Why: docs/SECURITY.md,
 * section 17 ("A secret leaves the agent only for a caller the user approved").
 */
import type { AccountRef, Choice } from '../../shared/agent-protocol';
import { printable } from '../../shared/printable';
import { PROVIDER_NAMES, type ApprovalFacts, type CopyKind } from '../../shared/types';
import { AppError, toErrorInfo } from '../errors';
import { callerFacts, describeCaller, SESSION_IDLE_MS, type Approvals, type Approver, type Caller, type Conversation, type Question } from './approval';
import type { SourceAccount } from './credential-source';
import type { HandoutLog } from './handout-log';

/** What approval and hand-out need of the agent. */
export interface HandoutContext {
  readonly approvals: Approvals;
  readonly approver: Approver;
  readonly handouts: HandoutLog;
  /** False once the agent stops or hands over. */
  serving(): boolean;
  /** The agent's own log: never a secret. */
  say(line: string): void;
  /** Runs `wait` as waiting rather than work: it does not hold up a handover or a quit. */
  aside<T>(wait: () => Promise<T>): Promise<T>;
}

/** Asks the user through the caller's connection (or the agent's Approver). */
export async function ask(agent: HandoutContext, conversation: Conversation, question: Question): Promise<Choice> {
  // The question waits on the user, not on Tessera: it does not hold up a handover.
  const choice = await agent.aside(() => agent.approver.approve(question, conversation));
  if (!agent.serving()) throw new AppError('busy', 'Tessera’s agent is handing over: run the command again.');
  return choice;
}

/** What lets this caller have these accounts' secrets: a grant, a session approval, or the user's answer now. */
export async function authorize(
  agent: HandoutContext,
  conversation: Conversation,
  caller: Caller,
  method: string,
  accounts: readonly SourceAccount[],
  kinds: readonly string[],
  what: { readonly words: string; readonly credential: CopyKind | 'service-token' | 'environment' },
): Promise<string> {
  const covered = accounts.map((a) => agent.approvals.covering(caller, a.id));
  if (covered.every((c) => c !== null)) return [...new Set(covered.map((c) => (c!.by === 'grant' ? `grant:${c!.grant.id}` : 'session')))].join(',');
  const refuse = (reason: string, message: string): never => {
    agent.handouts.write({ event: 'denied', method, accounts: accounts.map(logRef), kinds, authority: reason }, caller);
    throw new AppError('denied', message);
  };
  if (!agent.approver.canAsk(conversation))
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
      `  asks for ${what.words}:`,
      ...accounts.map((a) => `  ${accountWords(a)}`),
      caller.session ? `  ("session": from this terminal, ${caller.session.tty}, for ${duration(SESSION_IDLE_MS)} after its last use)` : null,
    ]
      .filter((line): line is string => line !== null)
      .join('\n'),
    choices,
    facts: {
      caller: callerFacts(caller),
      accounts: accounts.map(accountFacts),
      ask: { kind: 'hand-out', credential: what.credential, session: caller.session ? { tty: printable(caller.session.tty), idleMs: SESSION_IDLE_MS } : null },
    },
  };
  const choice = await ask(agent, conversation, question);
  if (choice === 'once') return 'once';
  if (choice === 'session') {
    for (const a of accounts) agent.approvals.rememberSession(caller, a.id);
    return 'session';
  }
  return refuse('user refused', 'Refused: Tessera handed nothing out.');
}

/** Gets what `authority` allows and logs the hand-out (or its failure), never the value. */
export async function handOut<T>(agent: HandoutContext, method: string, caller: Caller, accounts: readonly SourceAccount[], kinds: readonly string[], authority: string, get: () => Promise<T>): Promise<T> {
  try {
    const value = await get();
    agent.handouts.write({ event: 'hand-out', method, accounts: accounts.map(logRef), kinds, authority }, caller);
    agent.say(`${method}: handed out ${kinds.join(' + ')} of ${accounts.map((a) => a.id).join(', ')} to pid ${caller.pid} (${authority})`);
    return value;
  } catch (e) {
    const info = toErrorInfo(e);
    agent.handouts.write({ event: 'failed', method, accounts: accounts.map(logRef), kinds, authority, errorCode: info.code }, caller);
    throw e;
  }
}

export function ref(account: AccountRef): AccountRef {
  return { id: account.id, provider: account.provider, displayName: account.displayName, subtitle: account.subtitle };
}

export function logRef(account: AccountRef): { id: string; name: string } {
  return { id: account.id, name: account.displayName };
}

/** An account as facts, for the window to word (ApprovalFacts). */
export function accountFacts(account: AccountRef): ApprovalFacts['accounts'][number] {
  return { name: printable(account.displayName), subtitle: printable(account.subtitle), provider: account.provider };
}

export function accountWords(account: AccountRef): string {
  return `"${printable(account.displayName)}" (${printable(account.subtitle)}, ${PROVIDER_NAMES[account.provider]})`;
}

function quoteArg(name: string): string {
  return /^[A-Za-z0-9@._+-]+$/.test(name) ? name : `'${printable(name).replace(/'/g, `'\\''`)}'`;
}

export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
