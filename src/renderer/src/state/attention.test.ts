/**
 * What an account asks of its user (attention.ts): the state from what main sends and the time, its
 * words in English, Japanese and French through the real catalogue, the "Needs attention" group,
 * the chips' counts and the filter that finds accounts by their state's words.
 */
import { describe, expect, it } from 'vitest';
import '../../../shared/i18n/all-catalogues';
import { formatters } from '../../../shared/i18n/format';
import type { Locale } from '../../../shared/i18n/locales';
import { createTranslate } from '../../../shared/i18n/translate';
import type { AccountSummary } from '../../../shared/types';
import { accountState, arrange, chipCounts, matchesQuery, scopeLine, stateExplanation, stateLine } from './attention';

const NOW = Date.UTC(2026, 10, 29, 7, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WARN = 14 * DAY;

const account = (over: Partial<AccountSummary> = {}): AccountSummary => ({
  id: 'a1',
  provider: 'clever-cloud',
  displayName: 'Work',
  subtitle: 'ada@example.com',
  avatarUrl: null,
  expiresAt: NOW + 300 * DAY,
  status: 'ok',
  statusMessage: null,
  updatedAt: NOW,
  ...over,
});

/** A SaaSus account whose refresh token keeps the session alive until `sessionEndsAt`. */
const saasus = (over: Partial<AccountSummary> = {}, sessionEndsAt: number | null = NOW + 29 * DAY): AccountSummary =>
  account({
    provider: 'saasus',
    expiresAt: NOW + 58 * MIN,
    scope: { via: 'Acme SaaS', rights: null, tenants: ['Tenant A', 'Tenant B'], sessionEndsAt },
    ...over,
  });

const words = (locale: Locale) => ({ t: createTranslate(locale), fmt: formatters(locale) });
const line = (a: AccountSummary, locale: Locale = 'en', now = NOW) => {
  const { t, fmt } = words(locale);
  // Intl separates numbers from units with no-break spaces in French: compared as plain spaces.
  return stateLine(accountState(a, now, WARN), now, t, fmt).replace(/[\u00a0\u202f]/g, ' ');
};

describe('the state follows what the user must do', () => {
  it('a SaaSus session that renews itself reads so, with the session’s end, not the access token’s hour', () => {
    const a = saasus();
    expect(accountState(a, NOW, WARN)).toMatchObject({ kind: 'renews', tone: 'ok', attention: false });
    expect(line(a)).toBe('Renews itself · session until Dec 28, 2026');
    // Even with its one-hour access token past its end (the refresh is due), nothing is asked of the user.
    expect(accountState(saasus({ expiresAt: NOW - MIN }), NOW, WARN).kind).toBe('renews');
  });

  it('a SaaSus session near its end warns like any token, and one past it has expired', () => {
    expect(accountState(saasus({}, NOW + 3 * DAY), NOW, WARN)).toMatchObject({ kind: 'expiring', tone: 'quiet', attention: true });
    expect(line(saasus({}, NOW + 3 * DAY))).toBe('Expiring · session ends in 3 days');
    expect(accountState(saasus({}, NOW - HOUR), NOW, WARN)).toMatchObject({ kind: 'expired', tone: 'danger' });
  });

  it('a SaaSus account without a refresh token lives its hour, and is expiring only in its last minutes', () => {
    expect(accountState(saasus({}, null), NOW, WARN).kind).toBe('fresh');
    expect(accountState(saasus({ expiresAt: NOW + 4 * MIN }, null), NOW, WARN)).toMatchObject({ kind: 'expiring', tone: 'strong' });
  });

  it('Clever Cloud’s urgency comes in steps: under a day strong, within the warning window quiet, beyond it valid', () => {
    expect(accountState(account({ expiresAt: NOW + 42_000 }), NOW, WARN)).toMatchObject({ kind: 'expiring', tone: 'strong', rank: 2 });
    expect(accountState(account({ expiresAt: NOW + 10 * DAY }), NOW, WARN)).toMatchObject({ kind: 'expiring', tone: 'quiet', rank: 3 });
    expect(accountState(account({ expiresAt: NOW + 20 * DAY }), NOW, WARN)).toMatchObject({ kind: 'fresh', attention: false });
    expect(line(account({ expiresAt: NOW + 42_000 }))).toBe('Expiring · expires in 42 seconds');
    expect(line(account({ expiresAt: NOW + 10 * DAY }))).toBe('Expiring · expires in 10 days');
  });

  it('a failing refresh with valid tokens is amber and says how long they last; red only when nothing works', () => {
    const failing = saasus({ status: 'failed', statusMessage: 'SaaSus could not be reached.' });
    expect(accountState(failing, NOW, WARN)).toMatchObject({ kind: 'refresh-failing', tone: 'warn', attention: true, chip: 'failing' });
    expect(line(failing)).toBe('Refresh failing · valid 58 min');
    const dead = saasus({ status: 'failed', expiresAt: NOW - MIN });
    expect(accountState(dead, NOW, WARN)).toMatchObject({ kind: 'failed', tone: 'danger', chip: 'failing' });
    expect(accountState(account({ status: 'needs-login' }), NOW, WARN)).toMatchObject({ kind: 'needs-login', tone: 'danger' });
    expect(line(account({ expiresAt: NOW - 2 * HOUR }))).toBe('Expired · expired 2 hours ago');
  });

  it('an account rebuilt from the keychain is neither fine nor alarming', () => {
    expect(accountState(account({ status: 'recovered', expiresAt: null }), NOW, WARN)).toMatchObject({ kind: 'recovered', tone: 'muted', attention: false });
  });
});

describe('in three languages', () => {
  it('says the same states in Japanese and French, with Intl’s durations and dates', () => {
    const failing = saasus({ status: 'failed' });
    expect(line(failing, 'fr')).toBe('Renouvellement en échec · valide encore 58 min');
    expect(line(failing, 'ja')).toBe('更新失敗 · あと58 分有効');
    expect(line(saasus(), 'fr')).toBe('Se renouvelle · session jusqu’au 28 déc. 2026');
    expect(line(saasus(), 'ja')).toBe('自動更新 · セッションは2026/12/28まで');
    expect(line(account({ expiresAt: NOW + 3 * DAY }), 'fr')).toBe('Expire bientôt · expire dans 3 jours');
    const { t } = words('ja');
    expect(stateExplanation(accountState(failing, NOW, WARN), t)).toContain('まだ有効');
  });

  it('tells two accounts of one person apart by consumer and rights, or by SaaS and tenant', () => {
    const en = words('en');
    const scoped = (granted: number, total: number) => account({ scope: { via: 'clever-tools', rights: { granted, total }, tenants: [], sessionEndsAt: null } });
    expect(scopeLine(scoped(13, 13), en.t, en.fmt)).toBe('clever-tools · full access');
    expect(scopeLine(scoped(2, 13), en.t, en.fmt)).toBe('clever-tools · 2 of 13 rights');
    expect(scopeLine(saasus(), en.t, en.fmt)).toBe('Acme SaaS · Tenant A, Tenant B');
    const fr = words('fr');
    expect(scopeLine(scoped(2, 13), fr.t, fr.fmt)).toBe('clever-tools · 2 droits sur 13');
    expect(scopeLine(account(), en.t, en.fmt)).toBeNull();
  });
});

describe('the Needs attention group, the chips and the filter', () => {
  const list = [
    account({ id: 'fine', displayName: 'Fine' }),
    account({ id: 'soon', displayName: 'Soon', expiresAt: NOW + 10 * DAY }),
    saasus({ id: 'renewing', displayName: 'Renewing' }),
    account({ id: 'today', displayName: 'Today', expiresAt: NOW + HOUR }),
    saasus({ id: 'failing', displayName: 'Failing', status: 'failed' }),
    account({ id: 'gone', displayName: 'Gone', expiresAt: NOW - DAY }),
    account({ id: 'login', displayName: 'Login', status: 'needs-login' }),
  ];
  const stateOf = (a: AccountSummary) => accountState(a, NOW, WARN);

  it('puts what needs attention first, most urgent first, and leaves the rest in their order', () => {
    const { attention, others } = arrange(list, stateOf);
    expect(attention.map((a) => a.id)).toEqual(['gone', 'login', 'failing', 'today', 'soon']);
    expect(others.map((a) => a.id)).toEqual(['fine', 'renewing']);
    expect(arrange([list[0]!, list[2]!], stateOf).attention).toEqual([]);
  });

  it('counts each state for its chip', () => {
    expect(chipCounts(list.map(stateOf))).toEqual({ attention: 5, expired: 1, 'needs-login': 1, failing: 1, expiring: 2 });
  });

  it('finds accounts by the words of their state in the window’s language, as well as by name', () => {
    const found = (query: string, locale: Locale = 'en') => {
      const { t, fmt } = words(locale);
      return list.filter((a) => matchesQuery(a, stateOf(a), query, t, fmt)).map((a) => a.id);
    };
    expect(found('expired')).toEqual(['gone']);
    expect(found('EXPIRING')).toEqual(['soon', 'today']);
    expect(found('needs attention')).toEqual(['soon', 'today', 'failing', 'gone', 'login']);
    expect(found('renews')).toEqual(['renewing']);
    expect(found('期限切れ', 'ja')).toEqual(['soon', 'today', 'gone']);
    expect(found('expiré', 'fr')).toEqual(['gone']);
    expect(found('fail')).toEqual(['failing']);
    expect(found('tenant b')).toEqual(['renewing', 'failing']);
    expect(found('gone ada')).toEqual(['gone']);
    expect(found('expired', 'ja')).toEqual([]);
  });
});
