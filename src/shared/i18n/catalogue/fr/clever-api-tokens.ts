import type { Messages } from '../messages';

export const cleverApiTokens: Messages['cleverApiTokens'] = {};
