import type { Messages } from '../messages';

export const agent: Messages['agent'] = {
  askCredential: 'プログラムが認証情報を求めています',
  askGrant: '許可の確認が求められています',
  once: '今回だけ許可',
  session: 'このターミナルセッションで許可',
  confirm: '許可を確定',
  deny: '拒否',
  keysHint: 'Enter で今回だけ許可、Esc で拒否します。2 分以内に応答がなければ拒否になります。',
  program: (p) => `${p.program}（pid ${p.pid}）`,
  inDirectory: (p) => `作業ディレクトリ：${p.dir}`,
  running: (p) => `実行中のコマンド：${p.command}`,
  unverified: '自己申告のみ：システムでは確認できませんでした',
  asksCredential: (p) => `次のアカウントの${p.kind}を求めています：`,
  asksEnvironment: '次のアカウントの認証情報を環境変数として求めています：',
  account: (p) => `「${p.name}」（${p.subtitle}、${p.provider}）`,
  sessionNote: (p) => `「このターミナルセッションで許可」は、このターミナル（${p.tty}）で最後に使われてから ${p.idle} 有効です。`,
  grantAsk: (p) => `許可を作成しますか？ 今後 ${p.duration}、${p.scope}は確認なしで次のアカウントの認証情報を使えます：`,
  grantAnyProgram: 'すべてのプログラム',
  grantProgramsIn: (p) => `${p.dir} 内で動くプログラム`,
  grantNote: 'Tessera を終了すると取り消されます。`tessera revoke-grant <id>` でも取り消せます。',
  askedBy: '要求元：',
};
