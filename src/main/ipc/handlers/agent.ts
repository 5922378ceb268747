/**
 * The IPC handlers of the app's agent (src/main/agent/app-agent.ts): the window's answer to a
 * question of the agent (window-approver.ts), and the grants in force, listed and revoked from
 * Settings. Without a running agent there are no grants.
 */
import type { GrantView } from '../../../shared/types';
import type { Approvals } from '../../agent/approval';
import type { WindowApprover } from '../../agent/window-approver';
import type { Handlers } from '../router';

export type AgentChannel = 'answerApproval' | 'listApprovals' | 'listGrants' | 'revokeGrant';

/** Where the grants live: the app agent's, once it serves (app-agent.ts), null before and after. */
export interface GrantsHolder {
  current: Pick<Approvals, 'grants' | 'revokeGrant'> | null;
}

export function grantViews(approvals: GrantsHolder['current'], accountName: (id: string) => string | undefined): GrantView[] {
  return (approvals?.grants() ?? []).map((g) => ({ id: g.id, accountId: g.accountId, account: accountName(g.accountId) ?? g.accountId, expiresAt: g.expiresAt, cwd: g.cwd }));
}

export function agentHandlers(deps: {
  readonly approver: WindowApprover;
  readonly grants: GrantsHolder;
  readonly accountName: (id: string) => string | undefined;
}): Pick<Handlers, AgentChannel> {
  return {
    answerApproval: (input) => deps.approver.answer(input),
    listApprovals: () => deps.approver.waiting(),
    listGrants: () => grantViews(deps.grants.current, deps.accountName),
    revokeGrant: ({ id }) => deps.grants.current?.revokeGrant(id) ?? false,
  };
}
