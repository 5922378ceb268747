import type { Messages } from '../messages';

export const agent: Messages['agent'] = {};
