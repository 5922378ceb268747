/**
 * The languages Tessera speaks and how one is chosen. The window, the tray, notifications, native
 * dialogs and the loopback page all read the same catalogue (src/shared/i18n/catalogue/) in the
 * locale chosen here: the user's override from Settings when set, otherwise the first of the
 * system's preferred languages that Tessera has (Electron's `app.getPreferredSystemLanguages()`,
 * then `app.getLocale()`), otherwise English.
 */
export const LOCALES = ['en', 'ja', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The first supported language among BCP 47 tags such as `fr-CA`, `ja-JP`, `en-US`, `zh-Hans-CN`. */
export function matchLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const language = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(language)) return language;
  }
  return DEFAULT_LOCALE;
}

/** Settings → Language: a language of Tessera's, or 'system' (src/shared/types.ts LANGUAGE_SETTINGS). */
export type LanguageSetting = 'system' | Locale;

/** The language in use and the one the system gives (Settings shows "System (日本語)"). */
export interface LocaleInfo {
  readonly locale: Locale;
  readonly system: Locale;
}

/**
 * The effective locale: the user's choice, or with 'system' the first of the system's preferred
 * languages Tessera speaks (Electron's `app.getPreferredSystemLanguages()` then `app.getLocale()`).
 */
export function resolveLocale(setting: LanguageSetting, systemLanguages: readonly string[]): LocaleInfo {
  const system = matchLocale(systemLanguages);
  return { locale: setting === 'system' ? system : setting, system };
}

/** Each language's own name, for the Language setting (written in that language, as OSes do). */
export const LOCALE_NAMES: { readonly [L in Locale]: string } = { en: 'English', ja: '日本語', fr: 'Français' };
