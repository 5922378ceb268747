/**
 * Turns a key of the catalogue into words, in main and in the window alike. Built on
 * @solid-primitives/i18n's pure `flatten`/`translator` (no Solid runtime is involved), so a key is a
 * typed path (`'list.needsAttention'`) and a message that takes parameters must be given them.
 *
 * Languages are registered, not imported here, so that the window loads only the language it
 * speaks, English included, each in a chunk of its own (src/renderer/src/i18n.tsx), and none of the
 * main process's own namespaces. The main process and tests import all-catalogues.ts, which
 * registers every language whole. English is the shape (catalogue/messages.ts), and what a
 * language not registered falls back to when English is.
 */
import { flatten, resolveTemplate, translator, type Flatten, type Translator } from '@solid-primitives/i18n';
import type { Messages, WindowMessages } from './catalogue/messages';
import type { Locale } from './locales';

export type FlatMessages = Flatten<Messages>;
export type Translate = Translator<FlatMessages>;
/** Keys whose message is a plain string or a function of parameters, not a whole namespace. */
export type MessageKey = {
  [K in keyof FlatMessages]: FlatMessages[K] extends string | ((...args: never[]) => string) ? K : never;
}[keyof FlatMessages];

const catalogues = new Map<Locale, WindowMessages | Messages>();
const flat = new Map<Locale, FlatMessages>();

/** Makes a language's words available (the whole catalogue in main; the window's part in the window). */
export function registerCatalogue(locale: Locale, messages: WindowMessages | Messages): void {
  catalogues.set(locale, messages);
  flat.delete(locale);
}

export function hasCatalogue(locale: Locale): boolean {
  return catalogues.has(locale);
}

/** The words of a language, flat (`'ns.key'`); English while that language is not registered. */
export function flatCatalogue(locale: Locale): FlatMessages {
  const known = catalogues.has(locale) ? locale : 'en';
  if (!catalogues.has(known)) throw new Error(`No words registered for ${locale}: import src/shared/i18n/all-catalogues.ts, or load the language first (src/renderer/src/i18n.tsx).`);
  let dict = flat.get(known);
  if (!dict) {
    dict = flatten(catalogues.get(known) as Messages);
    flat.set(known, dict);
  }
  return dict;
}

/** A translator fixed to one locale (main: the tray, a notification, a dialog, the loopback page). */
export function createTranslate(locale: Locale): Translate {
  return translator(() => flatCatalogue(locale), resolveTemplate);
}

/** A translator that follows a changing locale (the window, whose language can change in Settings). */
export function createLiveTranslate(locale: () => Locale): Translate {
  return translator(() => flatCatalogue(locale()), resolveTemplate);
}
