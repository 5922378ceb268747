/**
 * The window's language in an end-to-end test, chosen as a user does: Settings → Language
 * (`updateSettings({ language })` over the bridge). English needs no choice (the default); the
 * window says which language it speaks in `<html lang>`, which the helper waits for.
 */
import { expect, type Page } from '@playwright/test';
import type { Settings } from '../../src/shared/model';

export const LANGUAGES = ['en', 'ja', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  if (language !== 'en') {
    const change = { language } as unknown as Partial<Settings>;
    const result = await page.evaluate((c) => window.tessera.updateSettings(c), change);
    if (!result.ok) throw new Error(`Settings → Language could not be set to ${language}: ${result.error.message}`);
  }
  await expect(page.locator('html')).toHaveAttribute('lang', language);
}
