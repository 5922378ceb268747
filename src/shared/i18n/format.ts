/**
 * Dates, durations and numbers in the user's language, with `Intl` only: no hand-made duration
 * strings anywhere else (the window and the tray both use these). Relative durations are coarse on
 * purpose ("in 3 days", "3 日後", "dans 3 jours"), so the text changes rarely.
 */
import type { Locale } from './locales';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Formatters {
  readonly locale: Locale;
  /** A length of time with its unit, unsigned: "45 s", "12 min", "5 h", "3 days" / "3 jours" / "3 日". */
  duration(ms: number): string;
  /** Relative to now: "in 3 days" / "dans 3 jours" / "3 日後"; "2 hours ago" / "il y a 2 heures". */
  relative(ms: number): string;
  /** An exact instant: "29 Nov 2026, 07:10". */
  date(ms: number): string;
  /** A day: "29 Nov 2026". */
  day(ms: number): string;
  /** "1,000" / "1 000" / "1,000". */
  number(n: number): string;
  /** "a, b and c" / "a、b、c" / "a, b et c". */
  list(items: readonly string[]): string;
}

type Unit = 'second' | 'minute' | 'hour' | 'day';

/** The coarse unit and count for a length of time: seconds under a minute, then minutes, hours (under two days), days. */
export function coarse(ms: number): { readonly unit: Unit; readonly count: number } {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return { unit: 'second', count: Math.max(1, Math.round(abs / SECOND)) };
  if (abs < HOUR) return { unit: 'minute', count: Math.round(abs / MINUTE) };
  if (abs < 2 * DAY) return { unit: 'hour', count: Math.round(abs / HOUR) };
  return { unit: 'day', count: Math.round(abs / DAY) };
}

const cache = new Map<Locale, Formatters>();

export function formatters(locale: Locale): Formatters {
  const cached = cache.get(locale);
  if (cached) return cached;
  const units = new Map<Unit, Intl.NumberFormat>();
  const unitFormat = (unit: Unit): Intl.NumberFormat => {
    let format = units.get(unit);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: unit === 'day' || unit === 'hour' ? 'long' : 'short' });
      units.set(unit, format);
    }
    return format;
  };
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const numberFormat = new Intl.NumberFormat(locale);
  const listFormat = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const made: Formatters = {
    locale,
    duration(ms) {
      const { unit, count } = coarse(ms);
      return unitFormat(unit).format(count);
    },
    relative(ms) {
      const { unit, count } = coarse(ms);
      return relativeFormat.format(ms < 0 ? -count : count, unit);
    },
    date: (ms) => dateFormat.format(ms),
    day: (ms) => dayFormat.format(ms),
    number: (n) => numberFormat.format(n),
    list: (items) => listFormat.format(items),
  };
  cache.set(locale, made);
  return made;
}
