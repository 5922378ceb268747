/** English: the credentials card, its copy buttons and what the clipboard holds. */
export const credentials = {
  title: 'Credentials',
  hint: {
    apiToken: 'Bearer · the newest API token Tessera holds',
    plaintextHeader: 'OAuth 1.0a PLAINTEXT header',
    envLines: 'two lines for a shell',
    cleverToolsProfile: 'JSON for clever-tools',
    jwt: 'JWT',
    bearerHeader: 'Bearer header',
  },
  hintValid: (p: { hint: string; left: string }) => `${p.hint} · valid ${p.left}`,
  hintExpired: (p: { hint: string }) => `${p.hint} · expired`,
  copy: 'Copy',
  copying: 'Copying…',
  copied: (p: { left: string }) => `Copied · clears in ${p.left}`,
  copiedKept: 'Copied · not cleared automatically',
  holds: (p: { what: string; left: string }) => `Clipboard: ${p.what} · cleared in ${p.left}`,
  holdsKept: (p: { what: string }) => `Clipboard: ${p.what} (not cleared automatically)`,
  announceCopied: (p: { what: string; left: string }) => `${p.what} copied. The clipboard is cleared in ${p.left}.`,
  announceCopiedKept: (p: { what: string }) => `${p.what} copied.`,
  announceCleared: 'Clipboard cleared.',
  /** In place of the API token's copy button while the account holds none (the API tokens panel is further down). */
  apiTokenNone: 'Create an API token below',
  /** In its place once every API token Tessera holds has expired. */
  apiTokensExpired: 'The API tokens Tessera holds have expired: create one below',
} as const;
