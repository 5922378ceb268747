/**
 * The tray menu as plain data: a pure function of the accounts, the time and the warning window,
 * so every state (no accounts, a mix, failures) is unit-tested without Electron. The Electron
 * adapter only renders it and maps each item's action to a callback.
 *
 * The menu never holds a secret: a copy item carries an account id and a copy kind, and main
 * produces the value only when the item is clicked, through the same copy service as the window.
 */
import { COPY_KINDS, isRefreshable, PROVIDER_NAMES, PROVIDERS, tokenState, type AccountSummary, type CopyKind, type TokenState } from '../../shared/types';

export type TrayAction =
  | { readonly type: 'copy'; readonly accountId: string; readonly kind: CopyKind }
  | { readonly type: 'refresh-all' }
  | { readonly type: 'open' }
  | { readonly type: 'quit' };

export type TrayItem =
  | { readonly type: 'normal'; readonly label: string; readonly enabled: boolean; readonly action: TrayAction | null }
  | { readonly type: 'submenu'; readonly label: string; readonly enabled: boolean; readonly submenu: readonly TrayItem[] }
  | { readonly type: 'separator' };

/** The overall state, for the icon and the tooltip. No accounts is "fresh": nothing is wrong. */
export type TrayState = 'fresh' | 'expiring' | 'failed';

export interface TrayModel {
  readonly state: TrayState;
  readonly tooltip: string;
  readonly items: readonly TrayItem[];
}

/** States that need the user: a refresh failed, a login is needed, or the token is dead. */
const ATTENTION: ReadonlySet<TokenState> = new Set(['failed', 'needs-login', 'expired']);

const STATE_WORDS: Readonly<Record<TokenState, string>> = {
  fresh: 'fresh',
  expiring: 'expiring',
  expired: 'expired',
  failed: 'refresh failed',
  'needs-login': 'needs login',
  unknown: 'unknown',
};

export function trayModel(accounts: readonly AccountSummary[], now: number, warnMs: number): TrayModel {
  const states = new Map(accounts.map((a) => [a.id, tokenState(a, now, warnMs)]));
  const attention = [...states.values()].filter((s) => ATTENTION.has(s)).length;
  const expiring = [...states.values()].filter((s) => s === 'expiring').length;
  const state: TrayState = attention > 0 ? 'failed' : expiring > 0 ? 'expiring' : 'fresh';

  const items: TrayItem[] = [];
  for (const provider of PROVIDERS) {
    const group = accounts.filter((a) => a.provider === provider);
    if (group.length === 0) continue;
    if (items.length > 0) items.push({ type: 'separator' });
    items.push({ type: 'normal', label: PROVIDER_NAMES[provider], enabled: false, action: null });
    for (const a of group) items.push(accountItem(a, states.get(a.id) ?? 'unknown', now));
  }
  if (items.length === 0) items.push({ type: 'normal', label: 'No accounts yet', enabled: false, action: null });

  // "Refresh all" only means something for accounts that refresh without the user.
  const refreshable = accounts.some((a) => isRefreshable(a.provider) && a.status !== 'needs-login');
  items.push(
    { type: 'separator' },
    { type: 'normal', label: 'Refresh all', enabled: refreshable, action: { type: 'refresh-all' } },
    { type: 'normal', label: 'Open Tessera', enabled: true, action: { type: 'open' } },
    { type: 'separator' },
    { type: 'normal', label: 'Quit', enabled: true, action: { type: 'quit' } },
  );
  return { state, tooltip: tooltip(accounts.length, attention, expiring), items };
}

function accountItem(account: AccountSummary, state: TokenState, now: number): TrayItem {
  // A login is needed, or an OAuth 1.0a token is dead (it cannot be refreshed): a copy could only
  // fail. An expired SaaSus token may still be copied, since the copy refreshes first.
  const copyable = state !== 'needs-login' && !(state === 'expired' && !isRefreshable(account.provider));
  const submenu: TrayItem[] = COPY_KINDS[account.provider].map(({ kind, label }) => ({
    type: 'normal',
    label: `Copy ${label}`,
    enabled: copyable,
    action: { type: 'copy', accountId: account.id, kind },
  }));
  return { type: 'submenu', label: `${account.displayName} — ${STATE_WORDS[state]}, ${expiryText(account.expiresAt, now)}`, enabled: true, submenu };
}

function tooltip(count: number, attention: number, expiring: number): string {
  if (count === 0) return 'Tessera — no accounts';
  if (attention > 0) return `Tessera — ${attention} account(s) need attention`;
  if (expiring > 0) return `Tessera — ${expiring} account(s) expiring soon`;
  return 'Tessera — all tokens fresh';
}

// Same wording and rounding as the window (src/renderer/src/format.ts), which main cannot import.
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function relativeDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return `${Math.max(1, Math.round(abs / 1000))} s`;
  if (abs < HOUR) return `${Math.round(abs / MINUTE)} min`;
  if (abs < 2 * DAY) return `${Math.round(abs / HOUR)} h`;
  return `${Math.round(abs / DAY)} days`;
}

function expiryText(expiresAt: number | null, now: number): string {
  if (expiresAt === null) return 'no expiry known';
  const left = expiresAt - now;
  return left > 0 ? `expires in ${relativeDuration(left)}` : `expired ${relativeDuration(left)} ago`;
}
