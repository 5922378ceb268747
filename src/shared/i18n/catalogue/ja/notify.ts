import type { Messages } from '../messages';

export const notify: Messages['notify'] = {
  needsLogin: (p) => `${p.name} は再ログインが必要です`,
  refreshFailed: (p) => `${p.name} の更新に失敗しました`,
  openForDetails: '詳しくは Tessera を開いてください。',
  expired: (p) => `${p.name} の有効期限が切れました`,
  expires: (p) => `${p.name} は ${p.when}に期限切れになります`,
  cannotRefresh: 'このトークンは更新できません。Tessera から再ログインしてください。',
  copyFailed: 'Tessera はコピーできませんでした',
  refreshAllTitle: 'Tessera：すべて更新',
  refreshed: (p) => `${p.count} 件更新`,
  needLogin: (p) => `${p.count} 件は再ログインが必要`,
  failed: (p) => `${p.count} 件失敗`,
  refreshAllBody: (p) => `${p.parts}。詳しくは Tessera を開いてください。`,
  approvalTitle: 'Tessera：プログラムが認証情報を求めています',
};
