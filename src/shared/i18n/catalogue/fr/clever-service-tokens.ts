import type { Messages } from '../messages';

export const cleverServiceTokens: Messages['cleverServiceTokens'] = {};
