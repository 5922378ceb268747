import type { Messages } from '../messages';

export const credentials: Messages['credentials'] = {
  title: '認証情報',
  hint: {
    apiToken: 'Bearer · Tessera が保持する最新の API トークン',
    plaintextHeader: 'OAuth 1.0a PLAINTEXT ヘッダー',
    envLines: 'シェル用の 2 行',
    cleverToolsProfile: 'clever-tools 用の JSON',
    jwt: 'JWT 形式',
    bearerHeader: 'Bearer ヘッダー',
  },
  hintValid: (p) => `${p.hint} · あと${p.left}有効`,
  hintExpired: (p) => `${p.hint} · 期限切れ`,
  copy: 'コピー',
  copying: 'コピー中…',
  copied: (p) => `コピー済み · ${p.left}後に消去`,
  copiedKept: 'コピー済み · 自動では消去されません',
  holds: (p) => `クリップボード: ${p.what} · ${p.left}後に消去`,
  holdsKept: (p) => `クリップボード: ${p.what}(自動では消去されません)`,
  announceCopied: (p) => `${p.what}をコピーしました。クリップボードは${p.left}後に消去されます。`,
  announceCopiedKept: (p) => `${p.what}をコピーしました。`,
  announceCleared: 'クリップボードを消去しました。',
  apiTokenNone: '下の「API トークン」で作成してください',
  apiTokensExpired: 'Tessera が保持する API トークンはすべて期限切れです。下の「API トークン」で作成してください',
};
