import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../shared/types';
import { trayModel, type TrayItem } from './tray-template';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const WARN = 14 * DAY;
const account = (id: string, over: Partial<AccountSummary>): AccountSummary => ({
  id,
  provider: 'clever-cloud',
  displayName: id,
  subtitle: `${id}@example.com`,
  avatarUrl: null,
  expiresAt: NOW + 60 * DAY,
  status: 'ok',
  statusMessage: null,
  updatedAt: NOW,
  ...over,
});
const labels = (items: readonly TrayItem[]): string[] => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('trayModel', () => {
  it('says there is nothing yet when there are no accounts', () => {
    const model = trayModel([], NOW, WARN);
    expect(model.state).toBe('fresh');
    expect(model.tooltip).toBe('Tessera — no accounts');
    expect(labels(model.items)).toEqual(['No accounts yet', '---', 'Refresh all', 'Open Tessera', '---', 'Quit']);
    expect(model.items.find((i) => i.type === 'normal' && i.label === 'Refresh all')).toMatchObject({ enabled: false });
  });

  it('groups accounts by provider with their copy actions and expiry', () => {
    const model = trayModel(
      [
        account('ada', { expiresAt: NOW + 3 * DAY }),
        account('sam', { provider: 'saasus', expiresAt: NOW + 3_600_000 }),
        account('bob', { expiresAt: NOW + 90 * DAY }),
      ],
      NOW,
      WARN,
    );
    expect(model.state).toBe('expiring');
    expect(model.tooltip).toBe('Tessera — 1 account expires soon');
    expect(labels(model.items)).toEqual([
      'Clever Cloud',
      'ada — expiring, expires in 3 days',
      'bob — fresh, expires in 90 days',
      '---',
      'SaaSus',
      'sam — fresh, expires in 1 hour',
      '---',
      'Refresh all',
      'Open Tessera',
      '---',
      'Quit',
    ]);
    const sam = model.items.find((i) => i.type === 'submenu' && i.label.startsWith('sam'));
    expect(sam?.type === 'submenu' && sam.submenu.map((i) => (i.type === 'normal' ? [i.label, i.action] : null))).toEqual([
      ['Copy Access token', { type: 'copy', accountId: 'sam', kind: 'access-token' }],
      ['Copy ID token', { type: 'copy', accountId: 'sam', kind: 'id-token' }],
      ['Copy Authorization header', { type: 'copy', accountId: 'sam', kind: 'authorization-header' }],
    ]);
  });

  it('shows failures first, and disables copies that cannot work', () => {
    const model = trayModel(
      [account('ada', {}), account('sam', { provider: 'saasus', status: 'needs-login' }), account('old', { expiresAt: NOW - DAY })],
      NOW,
      WARN,
    );
    expect(model.state).toBe('failed');
    expect(model.tooltip).toBe('Tessera — 2 accounts need attention');
    const sub = (name: string) => model.items.find((i) => i.type === 'submenu' && i.label.startsWith(name)) as Extract<TrayItem, { type: 'submenu' }>;
    const enabled = (name: string) => sub(name).submenu.map((i) => i.type === 'normal' && i.enabled);
    expect(enabled('sam')).toEqual([false, false, false]);
    expect(enabled('old')).toEqual([false, false, false]);
    expect(enabled('ada')).toEqual([true, true, true]);
    expect(sub('old').label).toBe('old — expired, expired 24 hours ago');
    expect(sub('sam').label).toBe('sam — needs login, expires in 60 days');
  });

  it('offers "Copy API token" only for a Clever Cloud account that holds a valid one', () => {
    const scope = (heldApiTokens?: { createdAt: number | null; expiresAt: number | null }[]) => ({ via: 'clever-tools', rights: null, tenants: [], sessionEndsAt: null, ...(heldApiTokens === undefined ? {} : { heldApiTokens }) });
    const copies = (over: Partial<AccountSummary>, now = NOW): string[] => {
      const model = trayModel([account('ada', over)], now, WARN);
      const sub = model.items.find((i) => i.type === 'submenu') as Extract<TrayItem, { type: 'submenu' }>;
      return sub.submenu.map((i) => (i.type === 'normal' && i.action?.type === 'copy' ? i.action.kind : '?'));
    };
    const oauthKinds = ['authorization-header', 'env-lines', 'clever-tools-profile'];
    const valid = { createdAt: NOW - DAY, expiresAt: NOW + DAY };
    // None held (none created through Tessera yet, the last one revoked, or a scope not known): no item that could only fail.
    expect(copies({ scope: scope([]) })).toEqual(oauthKinds);
    expect(copies({ scope: scope() })).toEqual(oauthKinds);
    expect(copies({})).toEqual(oauthKinds);
    // One held, or two: the item is there, and acts on this account.
    expect(copies({ scope: scope([valid]) })).toEqual([...oauthKinds, 'api-token']);
    expect(copies({ scope: scope([valid, { createdAt: null, expiresAt: null }]) })).toEqual([...oauthKinds, 'api-token']);
    // Held, but expired by the time the menu is drawn: gone again.
    expect(copies({ scope: scope([valid]) }, NOW + DAY)).toEqual(oauthKinds);
    const model = trayModel([account('ada', { scope: scope([valid]) })], NOW, WARN);
    const sub = model.items.find((i) => i.type === 'submenu') as Extract<TrayItem, { type: 'submenu' }>;
    expect(sub.submenu.at(-1)).toEqual({ type: 'normal', label: 'Copy API token', enabled: true, action: { type: 'copy', accountId: 'ada', kind: 'api-token' } });
  });

  it('speaks Japanese and French: menu, states, copy kinds, expiries from Intl, tooltip with plurals', () => {
    const accounts = [account('ada', { expiresAt: NOW + 3 * DAY }), account('sam', { provider: 'saasus', status: 'needs-login', expiresAt: NOW - 2 * 3_600_000 })];
    const ja = trayModel(accounts, NOW, WARN, 'ja');
    expect(labels(ja.items)).toEqual(['Clever Cloud', 'ada — まもなく期限切れ、3 日後に期限切れ', '---', 'SaaSus', 'sam — 要ログイン、2 時間前に期限切れ', '---', 'すべて更新', 'Tessera を開く', '---', '終了']);
    expect(ja.tooltip).toBe('Tessera — 対応が必要なアカウント 1 件');
    const jaSam = ja.items.find((i) => i.type === 'submenu' && i.label.startsWith('sam')) as Extract<TrayItem, { type: 'submenu' }>;
    expect(labels(jaSam.submenu)).toEqual(['アクセストークンをコピー', 'ID トークンをコピー', 'Authorization ヘッダーをコピー']);

    const fr = trayModel(accounts, NOW, WARN, 'fr');
    expect(labels(fr.items)).toEqual(['Clever Cloud', 'ada — expire bientôt, expire dans 3 jours', '---', 'SaaSus', 'sam — connexion requise, expiré il y a 2 heures', '---', 'Tout actualiser', 'Ouvrir Tessera', '---', 'Quitter']);
    expect(fr.tooltip).toBe('Tessera — 1 compte demande votre attention');
    expect(trayModel([account('a', { status: 'failed' }), account('b', { status: 'failed' })], NOW, WARN, 'fr').tooltip).toBe('Tessera — 2 comptes demandent votre attention');
    expect(labels(trayModel([], NOW, WARN, 'fr').items)[0]).toBe('Aucun compte pour l’instant');
  });
});
