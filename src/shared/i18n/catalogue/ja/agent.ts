import type { Messages } from '../messages';

export const agent: Messages['agent'] = {
  askCredential: 'プログラムが認証情報を求めています',
  askGrant: '許可の確認が求められています',
  once: '今回だけ許可',
  session: 'このターミナルセッションで許可',
  confirm: '許可を確定',
  deny: '拒否',
  keysHint: 'Enter で今回だけ許可、Esc で拒否します。2 分以内に応答がなければ拒否になります。',
};
