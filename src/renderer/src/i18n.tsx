/**
 * The window's language, from one place. `I18nProvider` takes the locale (main chooses it from the
 * system's languages and the user's override in Settings, src/shared/i18n/locales.ts); components
 * read words with `useI18n().t('namespace.key', params)` and dates, durations and numbers with
 * `useI18n().fmt()`. Every user-visible string comes from the catalogue (src/shared/i18n/catalogue/).
 *
 * Each language is a chunk of its own (English too), loaded when the window first speaks it, so the
 * window carries one language at a time (bench/bundle.ts measures the entry plus the largest). Until a language has arrived
 * the window keeps the words it has: `locale()` changes once the new words are there, so the words,
 * the formats and `<html lang>` always agree.
 */
import { createContext, createEffect, createMemo, createSignal, useContext, type Accessor, type JSX } from 'solid-js';
import type { WindowMessages } from '../../shared/i18n/catalogue/messages';
import { formatters, type Formatters } from '../../shared/i18n/format';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales';
import { createLiveTranslate, hasCatalogue, registerCatalogue, type Translate } from '../../shared/i18n/translate';

const LOADERS: { readonly [L in Locale]: () => Promise<WindowMessages> } = {
  en: () => import('../../shared/i18n/catalogue/en/window').then((m) => m.enWindow),
  ja: () => import('../../shared/i18n/catalogue/ja/window').then((m) => m.jaWindow),
  fr: () => import('../../shared/i18n/catalogue/fr/window').then((m) => m.frWindow),
};

/** Loads a language's words for the window (once); resolves when they can be used. */
export async function loadCatalogue(locale: Locale): Promise<void> {
  if (hasCatalogue(locale)) return;
  registerCatalogue(locale, await LOADERS[locale]());
}

export interface I18n {
  readonly locale: Accessor<Locale>;
  /** The language the system gives (Settings → Language shows "System (日本語)"). */
  readonly system: Accessor<Locale>;
  readonly t: Translate;
  readonly fmt: Accessor<Formatters>;
}

const I18nContext = createContext<I18n>();

export function I18nProvider(props: { locale: Locale; system?: Locale; children: JSX.Element }) {
  // The language whose words are here: the one asked for once it has loaded.
  const [locale, setLocale] = createSignal<Locale>(hasCatalogue(props.locale) ? props.locale : DEFAULT_LOCALE);
  createEffect(() => {
    const wanted = props.locale;
    void loadCatalogue(wanted).then(
      () => {
        if (props.locale === wanted) setLocale(wanted);
      },
      () => undefined,
    );
  });
  const system = () => props.system ?? props.locale;
  const fmt = createMemo(() => formatters(locale()));
  // Screen readers and the font stack (styles/tokens.css, :lang(ja)) follow the language.
  createEffect(() => {
    document.documentElement.lang = locale();
  });
  const value: I18n = { locale, system, t: createLiveTranslate(locale), fmt };
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** English when no provider is above (a component rendered alone in a test). */
const fallback: I18n = {
  locale: () => DEFAULT_LOCALE,
  system: () => DEFAULT_LOCALE,
  t: createLiveTranslate(() => DEFAULT_LOCALE),
  fmt: () => formatters(DEFAULT_LOCALE),
};

export function useI18n(): I18n {
  return useContext(I18nContext) ?? fallback;
}
