/**
 * Native notifications, for what a user must act on without having the window open: a refresh
 * that failed or needs a login, and a token that cannot be refreshed (Clever Cloud) coming close to
 * its expiry. Each is said once (per account and per cause) and each kind can be muted in Settings.
 * Notifications carry names and dates, never a secret, in the app's language (the `notify`
 * namespace of src/shared/i18n/catalogue/); why an account needs the user is its status reason's
 * words (src/shared/i18n/status-text.ts), the same as the window's.
 */
import { formatters } from '../../shared/i18n/format';
import { statusText } from '../../shared/i18n/status-text';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales';
import { createTranslate } from '../../shared/i18n/all-catalogues';
import { isRefreshable, PROVIDER_NAMES, type AccountSummary, type Settings } from '../../shared/types';
import type { NotifierPort } from '../desktop/ports';

export class Notices {
  private readonly said = new Set<string>();

  constructor(
    private readonly deps: {
      readonly notifier: NotifierPort;
      readonly settings: () => Settings;
      /** The language to speak (src/shared/i18n/locales.ts resolveLocale); English when not given. */
      readonly locale?: () => Locale;
      readonly now?: () => number;
    },
  ) {}

  /** Looks at the accounts as they are now (after any change, and periodically). */
  review(accounts: readonly AccountSummary[]): void {
    const settings = this.deps.settings();
    const now = (this.deps.now ?? Date.now)();
    const locale = this.deps.locale?.() ?? DEFAULT_LOCALE;
    const t = createTranslate(locale);
    const fmt = formatters(locale);
    const live = new Set<string>();
    for (const a of accounts) {
      const name = `${a.displayName} (${PROVIDER_NAMES[a.provider]})`;
      if (a.status === 'failed' || a.status === 'needs-login') {
        const key = `problem:${a.id}:${a.status}:${a.statusMessage ?? ''}`;
        live.add(key);
        if (settings.notifyRefreshFailures)
          this.once(key, a.status === 'needs-login' ? t('notify.needsLogin', { name }) : t('notify.refreshFailed', { name }), statusText(locale, a) ?? t('notify.openForDetails'));
      }
      const warnMs = settings.expiryWarningDays * 86_400_000;
      if (!isRefreshable(a.provider) && a.expiresAt !== null && a.expiresAt - now <= warnMs) {
        const key = `expiry:${a.id}:${a.expiresAt}`;
        live.add(key);
        if (settings.notifyExpiries)
          this.once(
            key,
            a.expiresAt <= now ? t('notify.expired', { name }) : t('notify.expires', { name, when: fmt.relative(a.expiresAt - now) }),
            t('notify.cannotRefresh'),
          );
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
