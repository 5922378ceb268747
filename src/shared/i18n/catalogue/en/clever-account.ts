/** English: a Clever Cloud account's view (its actions and sections). */
import { plural } from '../messages';

export const cleverAccount = {
  removal: {
    explanation: 'Tessera first revokes its token at Clever Cloud, so that it stops working everywhere, then deletes it from the keychain.',
    withoutRevoking: 'The token could not be revoked now. Removing the account from Tessera keeps the token valid at Clever Cloud until it expires.',
  },
  cannotRefresh: 'OAuth 1.0a tokens cannot be refreshed: log in again to get a new one.',
  loggedInAgain: 'Logged in again: the new token replaces the old one.',
  loggedInAsAnother: 'Logged in as another user: a new account was added.',
  token: 'Token',
  created: 'Created',
  lastUsed: 'Last used',
  rights: 'Rights',
  right: 'Right',
  allows: 'What it allows',
  granted: 'Granted',
  notGranted: 'Not granted',
  rightsSummary: (p: { granted: string; total: string }) => `${p.granted} of ${p.total} granted`,
  notGrantedFold: (p: { count: number; shown: string }) => `${p.shown} ${plural('en', p.count, { one: 'right', other: 'rights' })} not granted`,
} as const;
