import type { Messages } from '../messages';

export const cleverAdd: Messages['cleverAdd'] = {};
