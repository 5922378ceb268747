import type { Messages } from '../messages';

export const dialogs: Messages['dialogs'] = {};
