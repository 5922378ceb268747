import type { Messages } from '../messages';

export const cleverAccount: Messages['cleverAccount'] = {};
