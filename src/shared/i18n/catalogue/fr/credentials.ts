import type { Messages } from '../messages';

export const credentials: Messages['credentials'] = {};
