import type { Messages } from '../messages';

export const common: Messages['common'] = {
  cancel: 'キャンセル',
  close: '閉じる',
  save: '保存',
  retry: '再試行',
  /** ウィンドウの枠 (App.tsx)。 */
  app: {
    addAccountTitle: (p) => `アカウントを追加 (${p.shortcut})`,
    settings: '設定',
    settingsTitle: (p) => `設定 (${p.shortcut})`,
    shortcuts: 'キーボードショートカット',
    shortcutsTitle: 'キーボードショートカット (?)',
    loadFailed: 'アカウントを読み込めませんでした。',
    settingsLoadFailed: (p) => `設定を読み込めませんでした: ${p.reason}`,
    loading: 'アカウントを読み込んでいます…',
    emptyTitle: 'アカウントはまだありません',
    emptyText: 'Clever Cloud または SaaSus のアカウントを追加すると、できること・有効期限を確認し、新しいトークンをコピーできます。',
    emptyKeychainTitle: 'キーチェーンに接続できません',
    emptyKeychainText: 'Tessera はすべての秘密情報をシステムのキーチェーンに保管しますが、現在接続できません。キーチェーン (GNOME Keyring、KWallet、macOS または Windows のキーチェーン) のロックを解除するか起動してから、再試行してください。',
    accountsNav: 'アカウント',
    filterLabel: 'アカウントを絞り込む',
    filterPlaceholder: (p) => `${p.count} 件のアカウントを絞り込む`,
    noMatch: (p) => `「${p.query}」に一致するアカウントはありません。`,
    noSelection: 'アカウントを選択すると詳細が表示されます。',
    copied: (p) => `${p.name} の ${p.what} をコピーしました。`,
    removed: (p) => `${p.name} を削除しました。`,
  },
};
