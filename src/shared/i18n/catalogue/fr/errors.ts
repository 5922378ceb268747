import type { Messages } from '../messages';

export const errors: Messages['errors'] = {};
