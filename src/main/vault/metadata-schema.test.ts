import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { invokeContract } from '../../shared/contract';
import type { Settings } from '../../shared/model';
import { DEFAULT_SETTINGS, SETTING_LIMITS } from '../../shared/types';
import '../../shared/i18n/all-catalogues';
import { statusText } from '../../shared/i18n/status-text';
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

describe('account status reasons in the metadata file', () => {
  const marked = {
    id: 'a',
    provider: 'saasus',
    displayName: 'Ada',
    subtitle: 'ada@example.com',
    avatarUrl: null,
    expiresAt: null,
    status: 'needs-login',
    statusMessage: 'SaaSus refused the refresh token (expired or revoked): log in again.',
    createdAt: 1,
    updatedAt: 1,
    secretFields: ['refresh-token'],
    data: {},
  } as const;
  const reopenedAccount = (account: unknown) => {
    const outcome = migrate({ ...emptyDocument(), accounts: [account] });
    return outcome.ok ? outcome.doc.accounts[0]! : outcome.reason;
  };

  it('reads an account an older Tessera marked (English message, no reason) as the generic words of its status', () => {
    const older = reopenedAccount(marked);
    expect(older).toMatchObject({ status: 'needs-login', statusMessage: marked.statusMessage });
    expect(typeof older !== 'string' && older.statusReason).toBeFalsy();
    expect(typeof older !== 'string' && statusText('ja', older)).toBe('このアカウントは再ログインが必要です。');
    expect(statusText('fr', { status: 'failed' })).toBe('La dernière actualisation de ce compte a échoué. Réessayez.');
  });

  it('keeps a reason with the account, and words one whose key this version does not know by its code', () => {
    const kept = reopenedAccount({ ...marked, statusReason: { code: 'needs_login', key: 'saasus.refreshRefused' } });
    expect(typeof kept !== 'string' && statusText('ja', kept)).toBe('SaaSus がリフレッシュトークンを拒否しました（期限切れまたは失効）。再ログインしてください。');
    const newer = reopenedAccount({ ...marked, statusReason: { code: 'needs_login', key: 'saasus.someLaterKey' } });
    expect(typeof newer !== 'string' && statusText('en', newer)).toBe('This account needs a new login.');
    expect(reopenedAccount({ ...marked, statusReason: { code: 'not_a_code' } })).toBe('does not match the schema');
  });
});
