/** English: native notifications (src/main/notices/notices.ts, the tray's actions, the agent's questions). */
import { plural } from '../messages';

export const notify = {
  needsLogin: (p: { name: string }) => `${p.name} needs a new login`,
  refreshFailed: (p: { name: string }) => `Refreshing ${p.name} failed`,
  openForDetails: 'Open Tessera for details.',
  expired: (p: { name: string }) => `${p.name} has expired`,
  /** `when` is a relative time from Intl: "in 3 days". */
  expires: (p: { name: string; when: string }) => `${p.name} expires ${p.when}`,
  cannotRefresh: 'Its token cannot be refreshed: log in again from Tessera.',
  copyFailed: 'Tessera could not copy',
  refreshAllTitle: 'Tessera: refresh all',
  refreshed: (p: { n: number; count: string }) => `${p.count} refreshed`,
  needLogin: (p: { n: number; count: string }) => `${p.count} ${plural('en', p.n, { one: 'needs', other: 'need' })} a new login`,
  failed: (p: { n: number; count: string }) => `${p.count} failed`,
  /** `parts` is a list joined by Intl.ListFormat. */
  refreshAllBody: (p: { parts: string }) => `${p.parts}. Open Tessera for details.`,
  approvalTitle: 'Tessera: a program asks for a credential',
} as const;
