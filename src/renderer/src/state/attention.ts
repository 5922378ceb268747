/**
 * What an account asks of its user, from what main sends (AccountSummary, its scope) and the time:
 * pure functions, tested without a DOM (attention.test.ts). The list, its "Needs attention" group,
 * its state chips and its filter, and the account view all read their words from here, so an
 * account reads the same everywhere.
 *
 * The state follows what the user must do, not the access token's clock:
 * - a SaaSus session whose refresh token is held renews itself until that token expires (about a
 *   month): it "renews itself · session until <date>", whatever the one-hour access token says;
 * - a token that cannot be refreshed (Clever Cloud's OAuth 1.0a) warns in steps: under a day it is
 *   urgent ("strong"), within the user's warning window it is "quiet";
 * - a failing refresh whose tokens still work is amber ("refresh failing · valid 58 min"); red only
 *   when nothing works (expired, needs a login, failed with no valid token left).
 */
import { isRefreshable, PROVIDER_NAMES, type AccountSummary } from '../../../shared/types';
import type { Formatters } from '../../../shared/i18n/format';
import type { Translate } from '../../../shared/i18n/translate';

const DAY = 24 * 60 * 60 * 1000;
/** A token that refreshes itself (SaaSus, without a refresh token to renew the session: just its one hour) is "expiring" only in its last minutes. */
export const SELF_REFRESH_WARN_MS = 5 * 60 * 1000;

export type StateKind = 'renews' | 'fresh' | 'expiring' | 'refresh-failing' | 'expired' | 'needs-login' | 'failed' | 'recovered';

/** How loud the state is: a colour and a weight, always beside a word and a glyph. */
export type Tone = 'ok' | 'muted' | 'quiet' | 'strong' | 'warn' | 'danger';

/** The state chips (and the filter words they stand for). */
export type ChipId = 'attention' | 'expired' | 'needs-login' | 'failing' | 'expiring';
export const CHIPS: readonly ChipId[] = ['attention', 'expired', 'needs-login', 'failing', 'expiring'];

export interface AccountState {
  readonly kind: StateKind;
  readonly tone: Tone;
  /** In the "Needs attention" group. */
  readonly attention: boolean;
  /** Order inside "Needs attention": 0 first (nothing works), then failing, then by how soon. */
  readonly rank: number;
  /** The chip it counts under, besides "attention". */
  readonly chip: Exclude<ChipId, 'attention'> | null;
  /** Whether the instant below is the session's end (SaaSus) rather than the token's. */
  readonly session: boolean;
  /** The instant its time words are about (expiry, session end, validity); null when none is known. */
  readonly at: number | null;
}

type StateInput = Pick<AccountSummary, 'provider' | 'status' | 'expiresAt' | 'scope'>;

const state = (kind: StateKind, tone: Tone, at: number | null, session = false): AccountState => {
  const attention = kind === 'expiring' || kind === 'refresh-failing' || kind === 'expired' || kind === 'needs-login' || kind === 'failed';
  const rank = !attention ? 9 : kind === 'refresh-failing' ? 1 : kind === 'expiring' ? (tone === 'strong' ? 2 : 3) : 0;
  const chip = kind === 'expired' || kind === 'needs-login' || kind === 'expiring' ? kind : kind === 'failed' || kind === 'refresh-failing' ? 'failing' : null;
  return { kind, tone, attention, rank, chip, session, at };
};

/** An account's state at `now`, with the user's warning window `warnMs` (Settings → warn before a token expires). */
export function accountState(account: StateInput, now: number, warnMs: number): AccountState {
  const expiresAt = account.expiresAt;
  if (account.status === 'needs-login') return state('needs-login', 'danger', null);
  if (account.status === 'failed') {
    // The refresh failed, but the tokens it has still work: the user has time.
    if (expiresAt !== null && expiresAt > now) return state('refresh-failing', 'warn', expiresAt);
    return state('failed', 'danger', expiresAt);
  }
  if (account.status === 'recovered' && expiresAt === null) return state('recovered', 'muted', null);
  const sessionEndsAt = account.scope?.sessionEndsAt ?? null;
  if (isRefreshable(account.provider) && sessionEndsAt !== null) {
    // The refresh token renews the access token until the session ends: only that end matters.
    if (sessionEndsAt <= now) return state('expired', 'danger', sessionEndsAt, true);
    const left = sessionEndsAt - now;
    if (left <= warnMs) return state('expiring', left <= DAY ? 'strong' : 'quiet', sessionEndsAt, true);
    return state('renews', 'ok', sessionEndsAt, true);
  }
  if (expiresAt === null) return state('fresh', 'ok', null);
  if (expiresAt <= now) return state('expired', 'danger', expiresAt);
  const left = expiresAt - now;
  const window = isRefreshable(account.provider) ? Math.min(warnMs, SELF_REFRESH_WARN_MS) : warnMs;
  if (left <= window) return state('expiring', left <= DAY ? 'strong' : 'quiet', expiresAt);
  return state('fresh', 'ok', expiresAt);
}

const LABEL_KEYS = {
  renews: 'list.state.renews',
  fresh: 'list.state.fresh',
  expiring: 'list.state.expiring',
  'refresh-failing': 'list.state.refreshFailing',
  expired: 'list.state.expired',
  'needs-login': 'list.state.needsLogin',
  failed: 'list.state.failed',
  recovered: 'list.state.recovered',
} as const;

const EXPLAIN_KEYS = {
  renews: 'list.explain.renews',
  fresh: 'list.explain.fresh',
  expiring: 'list.explain.expiring',
  'refresh-failing': 'list.explain.refreshFailing',
  expired: 'list.explain.expired',
  'needs-login': 'list.explain.needsLogin',
  failed: 'list.explain.failed',
  recovered: 'list.explain.recovered',
} as const;

const CHIP_KEYS = {
  attention: 'list.chip.attention',
  expired: 'list.chip.expired',
  'needs-login': 'list.chip.needsLogin',
  failing: 'list.chip.failing',
  expiring: 'list.chip.expiring',
} as const;

/** The state's short word ("Expired", "Renews itself"). */
export const stateLabel = (s: AccountState, t: Translate): string => t(LABEL_KEYS[s.kind]);

/** What the state means and what to do about it, in a sentence (the account view shows it as text). */
export const stateExplanation = (s: AccountState, t: Translate): string => t(EXPLAIN_KEYS[s.kind]);

export const chipLabel = (chip: ChipId, t: Translate): string => t(CHIP_KEYS[chip]);

/**
 * The time words of a state at `now` ("session until 28 Dec 2026", "valid 58 min", "expires in 3
 * days", "expired 2 hours ago"); null when there is nothing to say about time.
 */
export function stateWhen(s: AccountState, now: number, t: Translate, fmt: Formatters): string | null {
  const at = s.at;
  if (at === null) return s.kind === 'fresh' ? t('list.when.noExpiry') : null;
  const left = at - now;
  if (s.kind === 'renews') return t('list.when.sessionUntil', { date: fmt.day(at) });
  if (s.kind === 'refresh-failing') return t('list.when.validFor', { left: fmt.duration(left) });
  if (left <= 0) return t(s.session ? 'list.when.sessionEnded' : 'list.when.expired', { when: fmt.relative(left) });
  return t(s.session ? 'list.when.sessionEnds' : 'list.when.expires', { when: fmt.relative(left) });
}

/** The state in one line: "Refresh failing · valid 58 min". */
export function stateLine(s: AccountState, now: number, t: Translate, fmt: Formatters): string {
  const when = stateWhen(s, now, t, fmt);
  return when === null ? stateLabel(s, t) : t('list.joined', { first: stateLabel(s, t), second: when });
}

/**
 * What tells the account apart from another of the same person: the consumer and how much of the
 * API it may use (Clever Cloud), or the SaaS and its tenants (SaaSus). Null when main sent none.
 */
export function scopeLine(account: Pick<AccountSummary, 'scope'>, t: Translate, fmt: Formatters): string | null {
  const scope = account.scope;
  if (!scope) return null;
  const parts: string[] = [];
  if (scope.via) parts.push(scope.via);
  if (scope.rights)
    parts.push(
      scope.rights.granted === scope.rights.total
        ? t('list.scope.fullAccess')
        : t('list.scope.rights', { granted: fmt.number(scope.rights.granted), total: fmt.number(scope.rights.total), count: scope.rights.total }),
    );
  if (scope.tenants.length > 0) parts.push(scope.tenants.join(t('list.scope.tenantSeparator')));
  return parts.length === 0 ? null : parts.join(t('list.scope.separator'));
}

/** Folds case and width the same way for the query and the text it is looked for in ("Ｅｘｐｉｒｅｄ" finds "expired"). */
const fold = (text: string, locale: string): string => text.normalize('NFKC').toLocaleLowerCase(locale);

/**
 * Whether an account matches what the user typed: its name, e-mail, provider, scope, and the
 * words of its state in the window's language ("expired", "期限切れ", "expiré"), so the filter
 * finds accounts by what they need as well as by who they are. Every word of the query must match.
 */
export function matchesQuery(account: AccountSummary, s: AccountState, query: string, t: Translate, fmt: Formatters): boolean {
  const words = fold(query, fmt.locale).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = fold(
    [
      account.displayName,
      account.subtitle,
      PROVIDER_NAMES[account.provider],
      scopeLine(account, t, fmt) ?? '',
      stateLabel(s, t),
      s.chip === null ? '' : chipLabel(s.chip, t),
      s.attention ? chipLabel('attention', t) : '',
    ].join('\n'),
    fmt.locale,
  );
  return words.every((w) => haystack.includes(w));
}

/** Whether an account counts under a chip. */
export const inChip = (s: AccountState, chip: ChipId): boolean => (chip === 'attention' ? s.attention : s.chip === chip);

/** How many accounts each chip counts. */
export function chipCounts(states: readonly AccountState[]): Readonly<Record<ChipId, number>> {
  const counts: Record<ChipId, number> = { attention: 0, expired: 0, 'needs-login': 0, failing: 0, expiring: 0 };
  for (const s of states) {
    if (s.attention) counts.attention++;
    if (s.chip !== null) counts[s.chip]++;
  }
  return counts;
}

/**
 * The list in two groups: "Needs attention" first, most urgent first (stable otherwise), then the
 * rest in their order. `attention` is empty when nothing needs it (the list is then not grouped).
 */
export function arrange<T>(items: readonly T[], stateOf: (item: T) => AccountState): { readonly attention: T[]; readonly others: T[] } {
  const attention: { item: T; rank: number; i: number }[] = [];
  const others: T[] = [];
  items.forEach((item, i) => {
    const s = stateOf(item);
    if (s.attention) attention.push({ item, rank: s.rank, i });
    else others.push(item);
  });
  attention.sort((a, b) => a.rank - b.rank || a.i - b.i);
  return { attention: attention.map((a) => a.item), others };
}
