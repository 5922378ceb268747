/**
 * Words and dates for the UI, in the window's language: thin wrappers over src/shared/i18n/
 * (Intl only, no hand-made durations). Components use `useI18n().fmt()` directly; these stay for
 * the callers that pass a locale or formatters. Relative times are for glancing; exact dates are
 * reachable beside them.
 */
import type { Formatters } from '../../shared/i18n/format';

export { expiryText } from '../../shared/i18n/expiry-text';

/** An exact instant in the window's language; "—" when unknown. */
export function formatDate(ms: number | null, fmt: Formatters): string {
  return ms === null ? '—' : fmt.date(ms);
}

export const daysToMs = (days: number): number => days * 86_400_000;
