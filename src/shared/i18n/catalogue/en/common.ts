/** English: words used all over the window. */
export const common = {
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  retry: 'Try again',
  /** The window's frame (App.tsx): header, banners, empty state, list pane. */
  app: {
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
    accountsNav: 'Accounts',
    filterLabel: 'Filter accounts',
    filterPlaceholder: (p: { count: string }) => `Filter ${p.count} accounts`,
    noMatch: (p: { query: string }) => `No account matches “${p.query}”.`,
    noSelection: 'Select an account to see its details.',
    copied: (p: { what: string; name: string }) => `${p.what} of ${p.name} copied.`,
    removed: (p: { name: string }) => `${p.name} was removed.`,
  },
} as const;
