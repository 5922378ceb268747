/** How the command shows data to a person (JSON is for scripts: `--json`). Every name is made printable. */
import type { AgentAccount, AgentInfo, GrantInfo } from '../shared/agent-protocol';
import { printable } from '../shared/printable';
import { DEFAULT_SETTINGS, isRefreshable, PROVIDER_NAMES, tokenState } from '../shared/types';

const WARN_MS = DEFAULT_SETTINGS.expiryWarningDays * 86_400_000;

/** "in 5 min", "3 h ago", "in 12 days". */
export function relative(at: number, now: number): string {
  const ms = at - now;
  const abs = Math.abs(ms);
  const words =
    abs < 60_000 ? `${Math.round(abs / 1000)} s` : abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : abs < 2 * 86_400_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} days`;
  return ms >= 0 ? `in ${words}` : `${words} ago`;
}

/** The state a user sees (as in the window); a SaaSus token past its expiry is simply refreshed when next asked for. */
export function accountState(account: AgentAccount, now: number): string {
  const state = tokenState(account, now, WARN_MS);
  return state === 'expired' && isRefreshable(account.provider) ? 'refreshes when used' : state;
}

/** True when the account needs the user: a new login, or a failed refresh. */
export function needsAttention(account: AgentAccount, now: number): boolean {
  const state = tokenState(account, now, WARN_MS);
  return state === 'needs-login' || state === 'failed' || (state === 'expired' && !isRefreshable(account.provider));
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]! + (cell.length - [...cell].length)))).join('  ').trimEnd()).join('\n');
}

export function accountsTable(accounts: readonly AgentAccount[], now: number): string {
  if (accounts.length === 0) return 'No accounts yet: add one in the Tessera app.';
  const rows = [['NAME', 'PROVIDER', 'E-MAIL', 'STATE', 'EXPIRES', 'ID']];
  for (const a of accounts)
    rows.push([printable(a.displayName), PROVIDER_NAMES[a.provider], printable(a.subtitle), accountState(a, now), a.expiresAt === null ? '—' : relative(a.expiresAt, now), a.id]);
  return table(rows);
}

export function agentWords(agent: AgentInfo, started: boolean, now: number): string {
  const kind = agent.kind === 'app' ? 'the Tessera app' : 'headless';
  const since = started ? 'started by this command' : `since ${relative(agent.startedAt, now).replace(/ ago$/, '')} ago`;
  const idle = agent.idleExitMs === null ? '' : `; exits after ${Math.round(agent.idleExitMs / 60_000)} min without commands and no grant in force`;
  return `${kind}, pid ${agent.pid}, ${since}${idle}`;
}

export function grantsTable(grants: readonly GrantInfo[], now: number): string {
  if (grants.length === 0) return 'No grants.';
  const rows = [['ID', 'ACCOUNT', 'EXPIRES', 'WHERE', 'ASKED BY']];
  for (const g of grants) rows.push([g.id, printable(g.account.displayName), relative(g.expiresAt, now), g.cwd === null ? 'any directory' : printable(g.cwd), printable(g.createdBy)]);
  return table(rows);
}
