import type { Messages } from '../messages';

export const cleverTokens: Messages['cleverTokens'] = {};
