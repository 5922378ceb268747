import type { Messages } from '../messages';

export const common: Messages['common'] = {
  cancel: 'キャンセル',
  close: '閉じる',
  save: '保存',
  retry: '再試行',
  dismiss: '閉じる',
  expires: (p) => `${p.when}に期限切れ`,
  expired: (p) => `${p.when}に期限切れ`,
  noExpiry: '有効期限不明',
  bridgeMissing: 'Tessera のブリッジがありません。このページは Tessera アプリから開いてください。',
  credentialKind: {
    authorizationHeader: 'Authorization ヘッダー',
    envLines: 'CLEVER_TOKEN / CLEVER_SECRET の行',
    cleverToolsProfile: 'clever-tools プロファイル',
    accessToken: 'アクセストークン',
    idToken: 'ID トークン',
    apiToken: 'API トークン',
    cleverTools3: 'clever-tools 3 の設定',
    cleverTools4: 'clever-tools 4 のプロファイル',
    serviceToken: '組織のサービストークン',
  },
  revocations: {
    pending: (p) => `置き換えたトークン ${p.count} 件をまだ失効できていません — Tessera が再試行します。`,
    pendingCleverCloud: (p) => `置き換えた Clever Cloud のトークン ${p.count} 件をまだ失効できていません — Tessera が再試行します。`,
    revoked: (p) => `置き換えたトークン ${p.count} 件を失効しました。`,
    stillPending: (p) => `まだ失効できていません：${p.why}`,
    retryNow: '今すぐ再試行',
    retrying: '再試行中…',
  },
};
