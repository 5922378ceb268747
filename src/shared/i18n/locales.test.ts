import { describe, expect, it } from 'vitest';
import { matchLocale, resolveLocale } from './locales';

describe('matchLocale', () => {
  it('takes the first preferred language Tessera speaks, region and script ignored', () => {
    expect(matchLocale(['de-DE', 'fr-CA', 'ja-JP'])).toBe('fr');
    expect(matchLocale(['ja_JP', 'en-US'])).toBe('ja');
    expect(matchLocale(['zh-Hans-CN', 'EN-gb'])).toBe('en');
  });

  it('falls back to English when the system speaks none of them', () => {
    expect(matchLocale(['de-DE', 'zh-Hans-CN'])).toBe('en');
    expect(matchLocale([])).toBe('en');
  });
});

describe('resolveLocale', () => {
  it('follows the system with "system", and says what the system gives', () => {
    expect(resolveLocale('system', ['ja-JP', 'en-US'])).toEqual({ locale: 'ja', system: 'ja' });
  });

  it('lets the setting override the system', () => {
    expect(resolveLocale('fr', ['ja-JP'])).toEqual({ locale: 'fr', system: 'ja' });
    expect(resolveLocale('en', ['fr-FR'])).toEqual({ locale: 'en', system: 'fr' });
  });
});
