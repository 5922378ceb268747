import type { Messages } from '../messages';

export const cleverAccount: Messages['cleverAccount'] = {
  removal: {
    explanation: 'Tessera はまず Clever Cloud でトークンを無効化し(どこからも使えなくなります)、その後キーチェーンから削除します。',
    withoutRevoking: '今はトークンを無効化できませんでした。Tessera から削除しても、トークンは期限が切れるまで Clever Cloud で有効なままです。',
  },
  cannotRefresh: 'OAuth 1.0a のトークンは更新できません。新しいトークンを得るには再ログインしてください。',
  loggedInAgain: '再ログインしました。新しいトークンが古いトークンに置き換わります。',
  loggedInAsAnother: '別のユーザーでログインしました。新しいアカウントを追加しました。',
  token: 'トークン',
  created: '作成日時',
  lastUsed: '最終使用日時',
  rights: '権限',
  right: '権限',
  allows: '許可される操作',
  granted: '付与済み',
  notGranted: '未付与',
  rightsSummary: (p) => `${p.total} 件中 ${p.granted} 件を付与`,
  notGrantedFold: (p) => `未付与の権限 ${p.shown} 件`,
};
