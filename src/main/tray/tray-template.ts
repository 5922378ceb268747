/**
 * The tray menu as plain data: a pure function of the accounts, the time and the warning window,
 * so every state (no accounts, a mix, failures) is unit-tested without Electron. The Electron
 * adapter only renders it and maps each item's action to a callback.
 *
 * The menu never holds a secret: a copy item carries an account id and a copy kind, and main
 * produces the value only when the item is clicked, through the same copy service as the window.
 * Like the window's credentials card, it offers a kind only when a copy could work: no "Copy API
 * token" for a Clever Cloud account that holds no valid API token (`copyOffered`).
 *
 * Words come from the `tray` and `common` namespaces of the catalogue in the app's language, and
 * durations from Intl (src/shared/i18n/format.ts), like the window's.
 */
import { CREDENTIAL_KIND_KEYS } from '../../shared/i18n/credential-kinds';
import { expiryText } from '../../shared/i18n/expiry-text';
import { formatters, type Formatters } from '../../shared/i18n/format';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales';
import { createTranslate, type Translate } from '../../shared/i18n/all-catalogues';
import { COPY_KINDS, copyOffered, isRefreshable, PROVIDER_NAMES, PROVIDERS, tokenState, type AccountSummary, type CopyKind, type TokenState } from '../../shared/types';

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

const STATE_KEYS = {
  fresh: 'tray.state.fresh',
  expiring: 'tray.state.expiring',
  expired: 'tray.state.expired',
  failed: 'tray.state.failed',
  'needs-login': 'tray.state.needsLogin',
  unknown: 'tray.state.unknown',
} as const satisfies Record<TokenState, string>;

interface Words {
  readonly t: Translate;
  readonly fmt: Formatters;
}

export function trayModel(accounts: readonly AccountSummary[], now: number, warnMs: number, locale: Locale = DEFAULT_LOCALE): TrayModel {
  const words: Words = { t: createTranslate(locale), fmt: formatters(locale) };
  const { t } = words;
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
    for (const a of group) items.push(accountItem(a, states.get(a.id) ?? 'unknown', now, words));
  }
  if (items.length === 0) items.push({ type: 'normal', label: t('tray.noAccounts'), enabled: false, action: null });

  // "Refresh all" only means something for accounts that refresh without the user.
  const refreshable = accounts.some((a) => isRefreshable(a.provider) && a.status !== 'needs-login');
  items.push(
    { type: 'separator' },
    { type: 'normal', label: t('tray.refreshAll'), enabled: refreshable, action: { type: 'refresh-all' } },
    { type: 'normal', label: t('tray.open'), enabled: true, action: { type: 'open' } },
    { type: 'separator' },
    { type: 'normal', label: t('tray.quit'), enabled: true, action: { type: 'quit' } },
  );
  return { state, tooltip: tooltip(accounts.length, attention, expiring, words), items };
}

function accountItem(account: AccountSummary, state: TokenState, now: number, { t, fmt }: Words): TrayItem {
  // A login is needed, or an OAuth 1.0a token is dead (it cannot be refreshed): a copy could only
  // fail. An expired SaaSus token may still be copied, since the copy refreshes first.
  const copyable = state !== 'needs-login' && !(state === 'expired' && !isRefreshable(account.provider));
  // "Copy API token" only while the account holds a valid one to copy (copyOffered in src/shared/types.ts).
  const kinds = COPY_KINDS[account.provider].filter(({ kind }) => copyOffered(account, kind, now));
  const submenu: TrayItem[] = kinds.map(({ kind }) => ({
    type: 'normal',
    label: t('tray.copy', { what: t(CREDENTIAL_KIND_KEYS[kind]) }),
    enabled: copyable,
    action: { type: 'copy', accountId: account.id, kind },
  }));
  return { type: 'submenu', label: t('tray.account', { name: account.displayName, state: t(STATE_KEYS[state]), expiry: expiryText(account.expiresAt, now, fmt.locale) }), enabled: true, submenu };
}

function tooltip(count: number, attention: number, expiring: number, { t, fmt }: Words): string {
  if (count === 0) return t('tray.tooltip.none');
  if (attention > 0) return t('tray.tooltip.attention', { n: attention, count: fmt.number(attention) });
  if (expiring > 0) return t('tray.tooltip.expiring', { n: expiring, count: fmt.number(expiring) });
  return t('tray.tooltip.fresh');
}

