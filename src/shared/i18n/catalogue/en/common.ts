/** English: words used all over the window (and the tray's expiry words). */
import { plural } from '../messages';

export const common = {
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  retry: 'Try again',
  dismiss: 'Dismiss',
  /** `when` is a relative time from Intl (src/shared/i18n/format.ts): "in 3 days". */
  expires: (p: { when: string }) => `expires ${p.when}`,
  /** `when` is a relative time from Intl: "2 hours ago". */
  expired: (p: { when: string }) => `expired ${p.when}`,
  noExpiry: 'no expiry known',
  /** Shown before any locale is known: a page opened outside Tessera. */
  bridgeMissing: 'Tessera’s bridge is missing: open this page from the Tessera app.',
  /** The credentials Tessera copies and hands out, by kind. */
  credentialKind: {
    authorizationHeader: 'Authorization header',
    envLines: 'CLEVER_TOKEN / CLEVER_SECRET lines',
    cleverToolsProfile: 'clever-tools profile',
    accessToken: 'Access token',
    idToken: 'ID token',
    apiToken: 'API token',
    cleverTools3: 'clever-tools 3 configuration',
    cleverTools4: 'clever-tools 4 profile',
    serviceToken: 'organisation service token',
  },
  revocations: {
    pending: (p: { n: number; count: string }) => `${p.count} replaced ${plural('en', p.n, { one: 'token', other: 'tokens' })} could not be revoked yet — Tessera retries.`,
    pendingCleverCloud: (p: { n: number; count: string }) =>
      `${p.count} replaced Clever Cloud ${plural('en', p.n, { one: 'token', other: 'tokens' })} could not be revoked yet — Tessera retries.`,
    revoked: (p: { n: number; count: string }) => `${p.count} replaced ${plural('en', p.n, { one: 'token', other: 'tokens' })} revoked.`,
    stillPending: (p: { why: string }) => `Still not revoked: ${p.why}`,
    retryNow: 'Retry now',
    retrying: 'Retrying…',
  },
  /** The window's frame (App.tsx): header, banners, empty state, list pane. */
  app: {
    productName: 'Tessera',
    addAccountTitle: (p: { shortcut: string }) => `Add account (${p.shortcut})`,
    settings: 'Settings',
    settingsTitle: (p: { shortcut: string }) => `Settings (${p.shortcut})`,
    shortcuts: 'Keyboard shortcuts',
    shortcutsTitle: 'Keyboard shortcuts (?)',
    loadFailed: 'The accounts could not be loaded.',
    settingsLoadFailed: (p: { reason: string }) => `Settings could not be loaded: ${p.reason}`,
    loading: 'Loading accounts…',
    emptyTitle: 'No accounts yet',
    emptyText: 'Add a Clever Cloud or SaaSus account to see what it may do, when it expires, and to copy fresh tokens.',
    emptyKeychainTitle: 'The keychain cannot be reached',
    emptyKeychainText: 'Tessera keeps every secret in the system keychain, and cannot reach it now. Unlock or start it (GNOME Keyring, KWallet, the macOS or Windows keychain), then try again.',
    noSelection: 'Select an account to see its details.',
    removed: (p: { name: string }) => `${p.name} was removed.`,
  },
} as const;
