import type { Messages } from '../messages';

export const saasusAccount: Messages['saasusAccount'] = {
  removal: {
    explanation:
      'SaaSus にはセッションをサインアウトする手段がないため、SaaSus 側では何も無効化されません。Tessera はこの端末からトークンを削除し、この端末でのセッションはそのまま終了します。',
  },
  refreshNow: '今すぐ更新',
  refreshing: '更新中…',
  refreshed: 'トークンを更新しました。',
  openInBrowser: 'このユーザーとしてブラウザーで開く',
  opened: 'このユーザーとして SaaS をブラウザーで開きました。',
  copyHandOff: '引き継ぎコードをコピー',
  handOffLeft: (p) => `コードをコピーしました · あと${p.left}有効`,
  handOffAnnounce: '引き継ぎコードをコピーしました。10 秒間、1 回だけ使えます。',
  handOffExpired: '引き継ぎコードの有効期限が切れました。',
  loggedInAgain: '再ログインしました。',
  tenantsAndRoles: 'テナントと役割',
  noTenant: 'このユーザーはどのテナントにも所属していません。',
  claims: 'ID トークンのクレーム',
};
