import type { Messages } from '../messages';

export const notify: Messages['notify'] = {};
