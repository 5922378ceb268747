import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../shared/contract';
import type { Settings } from '../../shared/model';
import { DEFAULT_SETTINGS, SETTING_LIMITS } from '../../shared/types';
import { CURRENT_VERSION, emptyDocument, migrate } from './metadata-schema';

/** The settings a file holds after a restart, or why the file is refused. */
function reopened(settings: unknown): Settings | string {
  const outcome = migrate({ ...emptyDocument(), schemaVersion: CURRENT_VERSION, settings });
  return outcome.ok ? outcome.doc.settings : outcome.reason;
}

describe('settings in the metadata file', () => {
  it('keeps every setting the window may save, and the window cannot save one the file would refuse', () => {
    for (const [name, limit] of Object.entries(SETTING_LIMITS)) {
      for (const value of [0, limit, limit + 1, -1, 2.5]) {
        const patch = { [name]: value };
        const saved = v.safeParse(invokeContract.updateSettings.input, patch).success;
        const kept = reopened({ ...DEFAULT_SETTINGS, ...patch });
        expect({ name, value, saved, kept: typeof kept !== 'string' && kept[name as keyof Settings] === value }).toEqual({ name, value, saved, kept: saved });
      }
    }
  });

  it('reads a setting an older file did not have as its default, and drops one it does not know', () => {
    expect(reopened({ expiryWarningDays: 3, theme: 'dark' })).toEqual({ ...DEFAULT_SETTINGS, expiryWarningDays: 3 });
    expect(reopened(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('reads a file from before Settings → Language as following the system, and keeps a language chosen since', () => {
    const { language: _language, ...older } = DEFAULT_SETTINGS;
    expect(reopened(older)).toMatchObject({ language: 'system' });
    expect(reopened({ ...DEFAULT_SETTINGS, language: 'ja' })).toMatchObject({ language: 'ja' });
    expect(reopened({ ...DEFAULT_SETTINGS, language: 'de' })).toBe('does not match the schema');
    expect(v.safeParse(invokeContract.updateSettings.input, { language: 'de' }).success).toBe(false);
  });

  it('refuses a file whose setting has the wrong type rather than guessing', () => {
    expect(reopened({ ...DEFAULT_SETTINGS, closeToTray: 'yes' })).toBe('does not match the schema');
  });
});
