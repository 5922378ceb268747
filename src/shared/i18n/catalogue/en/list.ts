/** English: the account list, its groups, state chips and filter, and the words of an account's state. */
import { plural } from '../messages';

export const list = {
  label: 'Accounts',
  filterLabel: 'Filter accounts by name, e-mail or state',
  filterPlaceholder: (p: { count: string }) => `Filter ${p.count} accounts`,
  noMatch: (p: { query: string }) => `No account matches “${p.query}”.`,
  noneInChip: 'No account in this state.',
  chips: 'Show accounts by state',
  chipAll: (p: { count: string }) => `All ${p.count}`,
  needsAttention: (p: { count: string }) => `Needs attention · ${p.count}`,
  others: 'Other accounts',
  joined: (p: { first: string; second: string }) => `${p.first} · ${p.second}`,
  chip: {
    attention: 'Needs attention',
    expired: 'Expired',
    needsLogin: 'Needs login',
    failing: 'Refresh failing',
    expiring: 'Expiring',
  },
  state: {
    renews: 'Renews itself',
    fresh: 'Valid',
    expiring: 'Expiring',
    refreshFailing: 'Refresh failing',
    expired: 'Expired',
    needsLogin: 'Needs login',
    failed: 'Failed',
    recovered: 'Recovered',
  },
  explain: {
    renews: 'Tessera refreshes the tokens on its own until the session ends; nothing to do until then.',
    fresh: 'The credentials work.',
    expiring: 'The credentials stop working soon: log in again before then.',
    refreshFailing: 'The last refresh failed, but the current tokens still work; Tessera keeps trying.',
    expired: 'The credentials have expired: log in again.',
    needsLogin: 'Log in again to use this account.',
    failed: 'The last attempt to use or refresh the credentials failed, and no valid token is left.',
    recovered: 'Rebuilt from the keychain; the expiry is known after the next check.',
  },
  when: {
    noExpiry: 'no expiry known',
    sessionUntil: (p: { date: string }) => `session until ${p.date}`,
    sessionEnds: (p: { when: string }) => `session ends ${p.when}`,
    sessionEnded: (p: { when: string }) => `session ended ${p.when}`,
    validFor: (p: { left: string }) => `valid ${p.left}`,
    expires: (p: { when: string }) => `expires ${p.when}`,
    expired: (p: { when: string }) => `expired ${p.when}`,
  },
  scope: {
    fullAccess: 'full access',
    rights: (p: { granted: string; total: string; count: number }) => `${p.granted} of ${p.total} ${plural('en', p.count, { one: 'right', other: 'rights' })}`,
    separator: ' · ',
    tenantSeparator: ', ',
  },
  /** Under each provider's name in "Add account" (src/renderer/src/providers/registry.ts). */
  providerDescription: {
    cleverCloud: 'Log in with your Clever Cloud account, or import clever-tools credentials.',
    saasus: 'Connect a SaaS built on SaaSus and log users in through its login page.',
  },
} as const;
