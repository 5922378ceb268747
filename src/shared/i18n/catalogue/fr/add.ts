import type { Messages } from '../messages';

export const add: Messages['add'] = {};
