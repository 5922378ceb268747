import type { Messages } from '../messages';

export const cleverProfiles: Messages['cleverProfiles'] = {};
