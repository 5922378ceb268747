/** English: a SaaSus account's view (its actions and sections). */
export const saasusAccount = {
  removal: {
    explanation:
      'SaaSus offers no way to sign a session out, so nothing is revoked there: Tessera deletes its tokens from this device, and the session simply ends on this device.',
  },
  refreshNow: 'Refresh now',
  refreshing: 'Refreshing…',
  refreshed: 'Tokens refreshed.',
  openInBrowser: 'Open in browser as this user',
  opened: 'Opened the SaaS in your browser as this user.',
  copyHandOff: 'Copy hand-off code',
  handOffLeft: (p: { left: string }) => `Code copied · valid ${p.left}`,
  handOffAnnounce: 'Hand-off code copied; it works for 10 seconds, once.',
  handOffExpired: 'The hand-off code has expired.',
  loggedInAgain: 'Logged in again.',
  tenantsAndRoles: 'Tenants and roles',
  noTenant: 'This user belongs to no tenant.',
  claims: 'ID token claims',
} as const;
