/**
 * The shape every language's catalogue has: English defines it (catalogue/en/), and Japanese and
 * French must give every key, with the same parameters (the type checker refuses a missing key, and
 * src/shared/i18n/catalogue.test.ts refuses an extra one).
 *
 * A message is either a string, or a function of typed parameters when it needs them (a count for a
 * plural, a name, an already formatted duration). Durations, dates and numbers are formatted with
 * `Intl` by src/shared/i18n/format.ts and passed in as strings; plurals choose with
 * `Intl.PluralRules` through `plural()` below, never by hand.
 */
import type { en } from './en';

/** Strings widened from their English literal; functions keep their parameters. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof en>;
export type Namespace = keyof Messages;
/** The namespaces only the main process speaks: kept out of the window's bundle. */
export type MainOnlyNamespace = 'tray' | 'notify' | 'loopback' | 'dialogs';
/** What the window loads of a language (catalogue/<locale>/window.ts). */
export type WindowMessages = Omit<Messages, MainOnlyNamespace>;

/** The plural category of `n` in `locale` ("one", "other"; Japanese has only "other"). */
export function plural(locale: string, n: number, forms: { readonly one?: string; readonly other: string }): string {
  const category = new Intl.PluralRules(locale).select(n);
  return (category === 'one' ? forms.one : undefined) ?? forms.other;
}
