/**
 * WindowApprover on its own: the question reaches the window as an event, a question nobody
 * answers in time is refused, and a late or foreign answer approves nothing. (The whole path, a
 * real command asking through a real agent, is in app-agent.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { ApprovalRequest } from '../../shared/types';
import { EventHub } from '../ipc/events';
import type { Question } from './approval';
import { WindowApprover } from './window-approver';

const question: Question = { kind: 'hand-out', text: 'Tessera: sh (pid 42) in /home/ada\n  asks for its token:', choices: ['once', 'deny'] };
const noTerminal = { canAsk: false, ask: async () => 'deny' as const };

function watch(events: EventHub): { requested: ApprovalRequest[]; closed: string[] } {
  const requested: ApprovalRequest[] = [];
  const closed: string[] = [];
  events.attach((event, payload) => {
    if (event === 'approvalRequested') requested.push(payload as ApprovalRequest);
    if (event === 'approvalClosed') closed.push((payload as { id: string }).id);
  });
  return { requested, closed };
}

describe('WindowApprover', () => {
  it('asks the window even when the command has no terminal, a line of text each', async () => {
    const events = new EventHub();
    const seen = watch(events);
    const approver = new WindowApprover({ events });
    expect(approver.canAsk()).toBe(true);
    const choice = approver.approve(question, noTerminal);
    expect(seen.requested).toEqual([{ id: expect.stringMatching(/^[A-Za-z0-9_-]{16}$/), lines: ['Tessera: sh (pid 42) in /home/ada', '  asks for its token:'], choices: ['once', 'deny'] }]);
    expect(approver.waiting()).toHaveLength(1);
    approver.answer({ id: seen.requested[0]!.id, choice: 'once' });
    expect(await choice).toBe('once');
    expect(seen.closed).toEqual([seen.requested[0]!.id]);
    expect(approver.waiting()).toEqual([]);
  });

  it('no answer within the approval timeout is a refusal; the answer that comes later is not_found', async () => {
    const events = new EventHub();
    const seen = watch(events);
    const approver = new WindowApprover({ events, timeoutMs: 30 });
    expect(await approver.approve(question, noTerminal)).toBe('deny');
    expect(seen.closed).toEqual([seen.requested[0]!.id]);
    expect(() => approver.answer({ id: seen.requested[0]!.id, choice: 'once' })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('a choice the question did not offer is refused and the question still waits', async () => {
    const events = new EventHub();
    const seen = watch(events);
    const approver = new WindowApprover({ events });
    const choice = approver.approve(question, noTerminal);
    expect(() => approver.answer({ id: seen.requested[0]!.id, choice: 'confirm' })).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(approver.waiting()).toHaveLength(1);
    approver.denyAll();
    expect(await choice).toBe('deny');
  });

  it('tells the Electron side once per question (it notifies when the window is hidden)', async () => {
    const events = new EventHub();
    const approver = new WindowApprover({ events, timeoutMs: 30 });
    const told: ApprovalRequest[] = [];
    approver.onAsk = (request) => told.push(request);
    await approver.approve(question, noTerminal);
    expect(told).toHaveLength(1);
  });
});
