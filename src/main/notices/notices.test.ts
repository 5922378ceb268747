import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type AccountSummary, type Settings } from '../../shared/types';
import type { Locale } from '../../shared/i18n/locales';
import { Notices } from './notices';
import { startSaasusEmulator } from '../../../emulators/saasus/server';
import { demoConnectionInput } from '../../../emulators/saasus/testing';
import { makeTestWorld } from '../../../test/support/real-stores';
import { createTestApp, testDesktop } from '../../../test/support/test-app';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const account = (over: Partial<AccountSummary>): AccountSummary => ({
  id: 'a',
  provider: 'saasus',
  displayName: 'Ada',
  subtitle: 'ada@example.com',
  avatarUrl: null,
  expiresAt: NOW + 3_600_000,
  status: 'ok',
  statusMessage: null,
  updatedAt: NOW,
  ...over,
});

function setup(settings: Partial<Settings> = {}, locale: Locale = 'en') {
  const sent: { title: string; body: string }[] = [];
  const notices = new Notices({ notifier: { notify: (n) => void sent.push(n) }, settings: () => ({ ...DEFAULT_SETTINGS, ...settings }), locale: () => locale, now: () => NOW });
  return { sent, notices };
}

describe('Notices', () => {
  it('tells a failed refresh once, and again only after it recovered and failed anew', () => {
    const { sent, notices } = setup();
    const failed = account({ status: 'needs-login', statusMessage: 'SaaSus refused the refresh token (expired or revoked): log in again.', statusReason: { code: 'needs_login', key: 'saasus.refreshRefused' } });
    notices.review([failed]);
    notices.review([failed]);
    expect(sent).toEqual([{ title: 'Ada (SaaSus) needs a new login', body: 'SaaSus refused the refresh token (expired or revoked): log in again.' }]);
    notices.review([account({})]);
    notices.review([failed]);
    expect(sent).toHaveLength(2);
  });

  it('warns once before a token that cannot be refreshed expires', () => {
    const { sent, notices } = setup({ expiryWarningDays: 14 });
    const cc = account({ provider: 'clever-cloud', displayName: 'Bob', expiresAt: NOW + 3 * DAY });
    notices.review([cc, account({ id: 's', expiresAt: NOW + 60_000 })]);
    notices.review([cc]);
    expect(sent).toEqual([{ title: 'Bob (Clever Cloud) expires in 3 days', body: 'Its token cannot be refreshed: log in again from Tessera.' }]);
  });

  it('says nothing of what the user muted', () => {
    const { sent, notices } = setup({ notifyExpiries: false, notifyRefreshFailures: false });
    notices.review([account({ status: 'failed', statusMessage: 'x' }), account({ id: 'c', provider: 'clever-cloud', expiresAt: NOW + DAY })]);
    expect(sent).toEqual([]);
  });

  it('speaks the app’s language (Japanese, French); a status without a reason (an older file) reads as its generic words', () => {
    const ja = setup({}, 'ja');
    ja.notices.review([account({ status: 'needs-login', statusMessage: 'SaaSus refused the refresh token: log in again.' }), account({ id: 'c', provider: 'clever-cloud', displayName: 'Bob', expiresAt: NOW + 3 * DAY })]);
    expect(ja.sent).toEqual([
      { title: 'Ada (SaaSus) は再ログインが必要です', body: 'このアカウントは再ログインが必要です。' },
      { title: 'Bob (Clever Cloud) は 3 日後に期限切れになります', body: 'このトークンは更新できません。Tessera から再ログインしてください。' },
    ]);
    const fr = setup({}, 'fr');
    fr.notices.review([account({ status: 'failed', statusMessage: 'x' }), account({ id: 'c', provider: 'clever-cloud', displayName: 'Bob', expiresAt: NOW - DAY })]);
    expect(fr.sent).toEqual([
      { title: 'L’actualisation de Ada (SaaSus) a échoué', body: 'La dernière actualisation de ce compte a échoué. Réessayez.' },
      { title: 'Bob (Clever Cloud) a expiré', body: 'Son jeton ne peut pas être actualisé : reconnectez-vous depuis Tessera.' },
    ]);
  });

  it('says why an account failed in Japanese: a refresh SaaSus refuses, through the real services', async () => {
    const world = makeTestWorld();
    const emulator = await startSaasusEmulator();
    const desktop = testDesktop();
    const app = createTestApp(world, { desktop, systemLanguages: () => ['ja-JP'] });
    try {
      const { config } = emulator;
      const connection = await app.saasus.connections.save(demoConnectionInput(emulator, 28996));
      const { id } = await app.saasus.exchangePastedCode(connection.id, emulator.issueTempCode(config.users[0]!.email));
      expect(emulator.revokeRefreshToken((await app.saasus.readCredentials(id))!.refreshToken!)).toBe(true);
      await expect(app.saasus.refresh(id)).rejects.toMatchObject({ code: 'needs_login' });
      app.notices.review(app.accounts.list());
      expect(desktop.notified).toContainEqual({
        title: expect.stringContaining('は再ログインが必要です') as string,
        body: 'SaaSus がリフレッシュトークンを拒否しました（期限切れまたは失効）。再ログインしてください。',
      });
    } finally {
      app.scheduler.stop();
      await emulator.close();
      await world.cleanup();
    }
  });
});
