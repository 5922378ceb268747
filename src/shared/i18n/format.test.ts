import { describe, expect, it } from 'vitest';
import { coarse, formatters } from './format';
import { expiryText } from './expiry-text';
import './all-catalogues';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Intl separates a number from its unit with a (narrow) no-break space in some languages: compare on plain spaces. */
const plain = (s: string): string => s.replace(/[\u00a0\u202f]/g, ' ');

describe('formatters', () => {
  it('writes numbers as each language does: "1,000" / "1,000" / "1 000"', () => {
    expect(formatters('en').number(1000)).toBe('1,000');
    expect(formatters('ja').number(1000)).toBe('1,000');
    expect(plain(formatters('fr').number(1000))).toBe('1 000');
  });

  it('says relative times in words, coarse on purpose', () => {
    expect(formatters('en').relative(3 * DAY)).toBe('in 3 days');
    expect(formatters('ja').relative(3 * DAY)).toBe('3 日後');
    expect(formatters('fr').relative(3 * DAY)).toBe('dans 3 jours');
    expect(formatters('en').relative(-2 * HOUR)).toBe('2 hours ago');
    expect(formatters('ja').relative(-2 * HOUR)).toBe('2 時間前');
    expect(formatters('fr').relative(-2 * HOUR)).toBe('il y a 2 heures');
    expect(formatters('en').relative(45 * SECOND)).toBe('in 45 seconds');
    expect(formatters('fr').relative(1 * MINUTE)).toBe('dans 1 minute');
  });

  it('writes lengths of time with their unit', () => {
    expect(formatters('en').duration(12 * MINUTE)).toBe('12 min');
    expect(plain(formatters('fr').duration(5 * HOUR))).toBe('5 heures');
    expect(formatters('ja').duration(3 * DAY)).toBe('3 日');
    expect(formatters('en').duration(45 * SECOND)).toBe('45 sec');
  });

  it('joins lists as each language does', () => {
    expect(formatters('en').list(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(formatters('ja').list(['a', 'b', 'c'])).toBe('a、b、c');
    expect(formatters('fr').list(['a', 'b', 'c'])).toBe('a, b et c');
  });

  it('writes dates in the language’s order', () => {
    const at = Date.UTC(2026, 10, 29, 12, 0);
    expect(formatters('ja').day(at)).toBe('2026/11/29');
    expect(formatters('fr').day(at)).toBe('29 nov. 2026');
    expect(formatters('en').day(at)).toBe('Nov 29, 2026');
  });
});

describe('coarse', () => {
  it('rounds to seconds under a minute, minutes under an hour, hours under two days, then days', () => {
    expect(coarse(400)).toEqual({ unit: 'second', count: 1 });
    expect(coarse(59 * SECOND)).toEqual({ unit: 'second', count: 59 });
    expect(coarse(90 * MINUTE)).toEqual({ unit: 'hour', count: 2 });
    expect(coarse(47 * HOUR)).toEqual({ unit: 'hour', count: 47 });
    expect(coarse(-10 * DAY)).toEqual({ unit: 'day', count: 10 });
  });
});

describe('expiryText', () => {
  const now = Date.UTC(2026, 10, 29);
  it('says when a token expires, or expired, in each language', () => {
    expect(expiryText(now + 3 * DAY, now, 'en')).toBe('expires in 3 days');
    expect(expiryText(now + 3 * DAY, now, 'ja')).toBe('3 日後に期限切れ');
    expect(expiryText(now + 3 * DAY, now, 'fr')).toBe('expire dans 3 jours');
    expect(expiryText(now - 2 * HOUR, now, 'en')).toBe('expired 2 hours ago');
    expect(expiryText(now - 2 * HOUR, now, 'fr')).toBe('expiré il y a 2 heures');
    expect(expiryText(null, now, 'ja')).toBe('有効期限不明');
  });
});
