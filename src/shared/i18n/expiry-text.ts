/**
 * "expires in 3 days" / "3 日後に期限切れ" / "expiré il y a 2 heures" / "no expiry known": one
 * account's expiry in words, for the window (src/renderer/src/format.ts) and the tray
 * (src/main/tray/tray-template.ts) alike. The relative time comes from Intl (format.ts).
 */
import { formatters } from './format';
import type { Locale } from './locales';
import { createTranslate, type Translate } from './translate';

const translators = new Map<Locale, Translate>();

export function expiryText(expiresAt: number | null, now: number, locale: Locale): string {
  let t = translators.get(locale);
  if (!t) {
    t = createTranslate(locale);
    translators.set(locale, t);
  }
  if (expiresAt === null) return t('common.noExpiry');
  const left = expiresAt - now;
  const when = formatters(locale).relative(left);
  return left > 0 ? t('common.expires', { when }) : t('common.expired', { when });
}
