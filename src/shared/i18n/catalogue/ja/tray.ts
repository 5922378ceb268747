import type { Messages } from '../messages';

export const tray: Messages['tray'] = {
  noAccounts: 'アカウントはまだありません',
  refreshAll: 'すべて更新',
  open: 'Tessera を開く',
  quit: '終了',
  account: (p) => `${p.name} — ${p.state}、${p.expiry}`,
  copy: (p) => `${p.what}をコピー`,
  state: {
    fresh: '有効',
    expiring: 'まもなく期限切れ',
    expired: '期限切れ',
    failed: '更新に失敗',
    needsLogin: '要ログイン',
    unknown: '不明',
  },
  tooltip: {
    none: 'Tessera — アカウントなし',
    attention: (p) => `Tessera — 対応が必要なアカウント ${p.count} 件`,
    expiring: (p) => `Tessera — まもなく期限切れのアカウント ${p.count} 件`,
    fresh: 'Tessera — すべてのトークンが有効',
  },
};
