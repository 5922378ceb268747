/** English: the account view (DetailPane): its state, actions menu, facts and the Remove dialog. */
export const account = {
  actions: 'Account actions',
  more: 'More',
  moreLabel: (p: { name: string }) => `More actions for ${p.name}`,
  rename: 'Rename',
  remove: 'Remove',
  loginAgain: 'Log in again',
  expiresOn: (p: { date: string }) => `Expires ${p.date}`,
  expiredOn: (p: { date: string }) => `Expired ${p.date}`,
  sessionEndsOn: (p: { date: string }) => `Session ends ${p.date} (estimated)`,
  added: 'Added',
  updated: 'Updated',
  loading: 'Loading details…',
  loadFailed: (p: { message: string }) => `Could not load the details: ${p.message}`,
  nameLabel: 'Account name',
  removeTitle: 'Remove account',
  removeQuestion: (p: { name: string }) => `Remove ${p.name}?`,
  removeAnyway: 'Remove from Tessera anyway',
  revoking: 'Revoking…',
  removing: 'Removing…',
  none: '—',
  /** The name and subtitle of an account rebuilt from the keychain, until its provider says more. */
  recoveredName: (p: { provider: string }) => `Recovered ${p.provider} account`,
  recoveredSubtitle: 'Details come back at the next refresh or login',
  /** The labels of the facts a provider adds to the view (DetailFact in src/shared/types.ts). */
  fact: {
    saas: 'SaaS',
    userId: 'User ID',
    consumer: 'Consumer',
    renewal: 'Renewal',
  },
  /** Fact values that are words, not the provider's data. */
  factValue: {
    cliConsumer: 'clever-tools (console login)',
    removedConsumer: 'Removed consumer',
    cannotRefresh: 'OAuth 1.0a tokens cannot be refreshed: log in again before this one expires.',
  },
} as const;
