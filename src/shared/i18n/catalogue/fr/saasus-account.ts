import type { Messages } from '../messages';

export const saasusAccount: Messages['saasusAccount'] = {};
