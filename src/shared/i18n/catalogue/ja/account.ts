import type { Messages } from '../messages';

export const account: Messages['account'] = {
  actions: 'アカウントの操作',
  more: 'その他',
  moreLabel: (p) => `その他 (${p.name} の操作)`,
  rename: '名前を変更',
  remove: '削除',
  loginAgain: '再ログイン',
  expiresOn: (p) => `有効期限: ${p.date}`,
  expiredOn: (p) => `期限切れ: ${p.date}`,
  sessionEndsOn: (p) => `セッション終了: ${p.date}(推定)`,
  added: '追加日時',
  updated: '更新日時',
  loading: '詳細を読み込み中…',
  loadFailed: (p) => `詳細を読み込めませんでした: ${p.message}`,
  nameLabel: 'アカウント名',
  removeTitle: 'アカウントを削除',
  removeQuestion: (p) => `${p.name} を削除しますか?`,
  removeAnyway: 'それでも Tessera から削除',
  revoking: '無効化中…',
  removing: '削除中…',
  none: '—',
};
