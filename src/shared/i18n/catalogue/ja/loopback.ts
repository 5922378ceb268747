import type { Messages } from '../messages';

export const loopback: Messages['loopback'] = {};
