/** English: the system tray's menu and tooltip (src/main/tray/tray-template.ts). */
import { plural } from '../messages';

export const tray = {
  noAccounts: 'No accounts yet',
  refreshAll: 'Refresh all',
  open: 'Open Tessera',
  quit: 'Quit',
  /** One account's submenu: its name, its state and its expiry. */
  account: (p: { name: string; state: string; expiry: string }) => `${p.name} — ${p.state}, ${p.expiry}`,
  copy: (p: { what: string }) => `Copy ${p.what}`,
  state: {
    fresh: 'fresh',
    expiring: 'expiring',
    expired: 'expired',
    failed: 'refresh failed',
    needsLogin: 'needs login',
    unknown: 'unknown',
  },
  tooltip: {
    none: 'Tessera — no accounts',
    attention: (p: { n: number; count: string }) => `Tessera — ${p.count} ${plural('en', p.n, { one: 'account needs', other: 'accounts need' })} attention`,
    expiring: (p: { n: number; count: string }) => `Tessera — ${p.count} ${plural('en', p.n, { one: 'account expires', other: 'accounts expire' })} soon`,
    fresh: 'Tessera — all tokens fresh',
  },
} as const;
