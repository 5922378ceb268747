import type { Messages } from '../messages';

export const loopback: Messages['loopback'] = {
  done: 'ログインしました。このタブを閉じて Tessera に戻ってください。',
  doneSaasus: 'Tessera がログインを受け取りました。このタブを閉じて Tessera に戻ってください。',
  doneCleverCloud: 'Tessera が Clever Cloud のログインを受け取りました。このタブを閉じて Tessera に戻ってください。',
  finished: 'このログインはすでに完了しています。このタブは閉じてかまいません。',
  failed: 'ログインは完了しませんでした。理由は Tessera で確認できます。このタブは閉じてかまいません。',
  notNavigation: 'このアドレスは、ログインから戻るブラウザーだけを受け付けます。',
  notThisCleverCloudLogin: 'このアドレスは、進行中の Clever Cloud ログインのものではありません。',
  expectsSaasusCode: 'このアドレスは SaaS のログインページからのログインコードを待っています。',
  wrongHost: 'ホストが正しくありません。',
  foreignOrigin: '別のオリジンからのリクエストです。',
  methodNotAllowed: 'このメソッドは使用できません。',
  notFound: '見つかりません。',
};
