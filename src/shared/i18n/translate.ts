/**
 * Turns a key of the catalogue into words, in main and in the window alike. Built on
 * @solid-primitives/i18n's pure `flatten`/`translator` (no Solid runtime is involved), so a key is a
 * typed path (`'list.needsAttention'`) and a message that takes parameters must be given them.
 */
import { flatten, resolveTemplate, translator, type Flatten, type Translator } from '@solid-primitives/i18n';
import { en } from './catalogue/en';
import { fr } from './catalogue/fr';
import { ja } from './catalogue/ja';
import type { Messages } from './catalogue/messages';
import type { Locale } from './locales';

export type FlatMessages = Flatten<Messages>;
export type Translate = Translator<FlatMessages>;
/** Keys whose message is a plain string or a function of parameters, not a whole namespace. */
export type MessageKey = {
  [K in keyof FlatMessages]: FlatMessages[K] extends string | ((...args: never[]) => string) ? K : never;
}[keyof FlatMessages];

export const CATALOGUES: { readonly [L in Locale]: Messages } = { en, ja, fr };

const flat = new Map<Locale, FlatMessages>();

export function flatCatalogue(locale: Locale): FlatMessages {
  let dict = flat.get(locale);
  if (!dict) {
    dict = flatten(CATALOGUES[locale]);
    flat.set(locale, dict);
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
