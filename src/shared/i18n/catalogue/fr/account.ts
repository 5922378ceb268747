import type { Messages } from '../messages';

export const account: Messages['account'] = {};
