import type { Messages } from '../messages';

export const saasusAdd: Messages['saasusAdd'] = {};
