import type { Messages } from '../messages';

export const list: Messages['list'] = {};
