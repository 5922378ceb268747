import type { Messages } from '../messages';

export const cleverProfiles: Messages['cleverProfiles'] = {
  importedTitle: 'clever-tools からインポートしました',
  overridesBrought: (p) => `プロファイル「${p.alias}」には独自の設定がありました: ${p.names}。`,
  overridesNote: 'Tessera はこのアカウントの呼び出しにこれらの設定を使い、clever-tools プロファイルとしてコピーするときに書き戻します。',
  plaintextOffer: (p) =>
    `インポートしたトークンは ${p.path} に平文のまま残っています。Tessera はキーチェーンに保管し、「tessera exec」が clever-tools に渡すので、ファイルから削除できます。`,
  plaintextProfiles: (p) => `対象のプロファイル: ${p.aliases}。`,
  removePlaintext: 'ファイルから削除する(バックアップを残します)',
  removingPlaintext: '削除しています…',
  keepPlaintext: 'ファイルはそのままにする',
  plaintextRemoved: (p) => `削除しました。元のファイルは ${p.backup} に保存されています(あなただけが読めます)。`,
  done: '完了',
  copyTitle: 'clever-tools プロファイルとしてコピー',
  detected: (p) => `clever-tools ${p.version} をお使いです。`,
  detectedFromFile: '設定ファイルの形式から判断しました。',
  detectedFromCommand: '「clever version」で確認しました。',
  notDetected: 'お使いの clever-tools のバージョンを判断できませんでした。選んでください。',
  versionLegend: 'clever-tools のバージョン',
  version3: 'clever-tools 3 系',
  version4: 'clever-tools 4 系',
  copy: 'コピー',
  copying: 'コピーしています…',
  v3Note: 'clever-tools 3 は API ホストと OAuth コンシューマーを環境変数からしか読みません。独自の設定を持つアカウントでは「tessera exec」経由で clever-tools を実行してください。',
  v4Note: 'clever-tools.json の「profiles」の要素として貼り付けてください。先頭のプロファイルが有効になります。',
};
