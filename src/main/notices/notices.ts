/**
 * Native notifications, for what a user must act on without having the window open: a refresh
 * that failed or needs a login, and a token that cannot be refreshed (Clever Cloud) coming close to
 * its expiry. Each is said once (per account and per cause) and each kind can be muted in Settings.
 * Notifications carry names and dates, never a secret.
 */
import { isRefreshable, PROVIDER_NAMES, type AccountSummary, type Settings } from '../../shared/types';
import type { NotifierPort } from '../desktop/ports';

export class Notices {
  private readonly said = new Set<string>();

  constructor(
    private readonly deps: {
      readonly notifier: NotifierPort;
      readonly settings: () => Settings;
      readonly now?: () => number;
    },
  ) {}

  /** Looks at the accounts as they are now (after any change, and periodically). */
  review(accounts: readonly AccountSummary[]): void {
    const settings = this.deps.settings();
    const now = (this.deps.now ?? Date.now)();
    const live = new Set<string>();
    for (const a of accounts) {
      const name = `${a.displayName} (${PROVIDER_NAMES[a.provider]})`;
      if (a.status === 'failed' || a.status === 'needs-login') {
        const key = `problem:${a.id}:${a.status}:${a.statusMessage ?? ''}`;
        live.add(key);
        if (settings.notifyRefreshFailures) this.once(key, a.status === 'needs-login' ? `${name} needs a new login` : `Refreshing ${name} failed`, a.statusMessage ?? 'Open Tessera for details.');
      }
      const warnMs = settings.expiryWarningDays * 86_400_000;
      if (!isRefreshable(a.provider) && a.expiresAt !== null && a.expiresAt - now <= warnMs) {
        const key = `expiry:${a.id}:${a.expiresAt}`;
        live.add(key);
        const days = Math.max(0, Math.ceil((a.expiresAt - now) / 86_400_000));
        if (settings.notifyExpiries)
          this.once(key, a.expiresAt <= now ? `${name} has expired` : `${name} expires in ${days} day(s)`, 'Its token cannot be refreshed: log in again from Tessera.');
      }
    }
    // A cause that went away (a new login, a successful refresh) may be said again if it comes back.
    for (const key of [...this.said]) if (!live.has(key)) this.said.delete(key);
  }

  private once(key: string, title: string, body: string): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    this.deps.notifier.notify({ title, body });
  }
}
