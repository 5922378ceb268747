import { describe, expect, it } from 'vitest';
import { LOCALES } from './locales';
import { CATALOGUES, flatCatalogue } from './all-catalogues';

/** Every key of every language, with the kind of its message (string or function arity). */
function shape(locale: (typeof LOCALES)[number]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(flatCatalogue(locale))) {
    if (typeof value === 'string') out.set(key, 'string');
    else if (typeof value === 'function') out.set(key, `function/${value.length}`);
  }
  return out;
}

/** Keys whose English words are names that Japanese writes the same way (a product, a protocol). */
const SAME_IN_JAPANESE = new Set<string>([
  // Key caps: Japanese keyboards print the English names.
  ...['ctrl', 'shift', 'enter', 'delete', 'escape', 'home', 'end', 'pageUp', 'pageDown'].map((k) => `settings.keys.${k}`),
  'common.app.productName',
]);

describe('the catalogue', () => {
  it('has every English key, and only those, in every language, with the same kind of message', () => {
    const english = shape('en');
    for (const locale of LOCALES) {
      const other = shape(locale);
      const missing = [...english.keys()].filter((k) => !other.has(k));
      const extra = [...other.keys()].filter((k) => !english.has(k));
      const differing = [...english].filter(([k, kind]) => other.has(k) && other.get(k) !== kind).map(([k]) => k);
      expect({ locale, missing, extra, differing }).toEqual({ locale, missing: [], extra: [], differing: [] });
    }
  });

  it('leaves no message empty, and translates (Japanese differs from English wherever English has letters)', () => {
    for (const locale of LOCALES)
      for (const [key, value] of Object.entries(flatCatalogue(locale)))
        if (typeof value === 'string') expect(value.trim(), `${locale} ${key}`).not.toBe('');
    const en = flatCatalogue('en') as Record<string, unknown>;
    const ja = flatCatalogue('ja') as Record<string, unknown>;
    const untranslated = Object.keys(en).filter((k) => typeof en[k] === 'string' && /[a-z]{3}/i.test(en[k] as string) && en[k] === ja[k] && !SAME_IN_JAPANESE.has(k));
    expect(untranslated).toEqual([]);
  });

  it('lists its languages', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });
});
