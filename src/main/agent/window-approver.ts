/**
 * The app's Approver (approval.ts): while the app runs, its window asks the user whatever the
 * caller (a terminal or not). The question goes to the window as an `approvalRequested` event
 * (printable text only: who asks, where it runs, which account; never a secret); the window
 * answers through the `answerApproval` invoke. No answer within `timeoutMs` (the agent's approval
 * timeout, agent-connection.ts) is a refusal, and so is an agent that stops meanwhile. An answer
 * naming an unknown or already settled question is a typed `not_found`, and a choice the question
 * did not offer is `invalid_input`: neither approves anything. Why: docs/SECURITY.md, section 17.
 *
 * `onAsk` lets the Electron side (src/main/index.ts) notify and bring the window forward when it
 * is hidden; this file knows nothing of Electron.
 */
import { randomBytes } from 'node:crypto';
import type { Choice } from '../../shared/agent-protocol';
import type { ApprovalRequest } from '../../shared/types';
import { AppError } from '../errors';
import type { EventSink } from '../ipc/events';
import { APPROVAL_TIMEOUT_MS } from './agent-connection';
import type { Approver, Conversation, Question } from './approval';

interface Pending {
  readonly request: ApprovalRequest;
  readonly settle: (choice: Choice) => void;
}

export class WindowApprover implements Approver {
  private readonly pending = new Map<string, Pending>();
  /** Set by the Electron side (src/main/index.ts): called once per question, after the window was told. */
  onAsk: ((request: ApprovalRequest) => void) | null = null;

  constructor(
    private readonly opts: {
      readonly events: EventSink;
      readonly timeoutMs?: number;
    },
  ) {}

  /** The window can always be asked, whatever the caller. */
  canAsk(): boolean {
    return true;
  }

  approve(question: Question, _conversation: Conversation): Promise<Choice> {
    const request: ApprovalRequest = { id: randomBytes(12).toString('base64url'), lines: question.text.split('\n'),
      choices: [...question.choices],
      ...(question.facts ? { facts: question.facts } : {}),
    };
    return new Promise<Choice>((resolve) => {
      const timer = setTimeout(() => settle('deny'), this.opts.timeoutMs ?? APPROVAL_TIMEOUT_MS);
      const settle = (choice: Choice): void => {
        if (!this.pending.delete(request.id)) return;
        clearTimeout(timer);
        this.opts.events.emit('approvalClosed', { id: request.id });
        resolve(choice);
      };
      this.pending.set(request.id, { request, settle });
      this.opts.events.emit('approvalRequested', request);
      this.onAsk?.(request);
    });
  }

  /** The window's answer. */
  answer(input: { id: string; choice: Choice }): null {
    const pending = this.pending.get(input.id);
    if (!pending) throw new AppError('not_found', 'This question was already answered or has expired.', { key: 'approval.settled' });
    if (!pending.request.choices.includes(input.choice)) throw new AppError('invalid_input', `“${input.choice}” is not an answer to this question.`, { key: 'approval.notAnAnswer' });
    pending.settle(input.choice);
    return null;
  }

  /** The questions waiting now (a window that opens or reloads shows them). */
  waiting(): ApprovalRequest[] {
    return [...this.pending.values()].map((p) => p.request);
  }

  /** Refuses every question waiting (the agent stops). */
  denyAll(): void {
    for (const pending of [...this.pending.values()]) pending.settle('deny');
  }
}
