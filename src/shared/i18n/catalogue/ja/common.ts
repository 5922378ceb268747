import type { Messages } from '../messages';

export const common: Messages['common'] = {
  cancel: 'キャンセル',
  close: '閉じる',
  save: '保存',
  retry: '再試行',
};
