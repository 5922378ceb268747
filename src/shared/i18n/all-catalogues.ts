/**
 * Every language, whole (the window's namespaces and the main process's own), registered with the
 * translator (translate.ts). The main process imports its translator from here, so its words are
 * there before any is asked for; the window never imports this file (it loads one language at a
 * time, src/renderer/src/i18n.tsx).
 */
import { en } from './catalogue/en';
import { fr } from './catalogue/fr';
import { ja } from './catalogue/ja';
import type { Messages } from './catalogue/messages';
import type { Locale } from './locales';
import { registerCatalogue } from './translate';

export const CATALOGUES: { readonly [L in Locale]: Messages } = { en, ja, fr };
for (const [locale, messages] of Object.entries(CATALOGUES)) registerCatalogue(locale as Locale, messages);

export { createTranslate, flatCatalogue, type Translate } from './translate';
