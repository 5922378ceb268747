import type { Messages } from '../messages';

export const tray: Messages['tray'] = {};
