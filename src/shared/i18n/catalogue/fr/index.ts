/** The fr catalogue, one file per namespace (each owned by one part of the app). */
import { common } from './common';
import { list } from './list';
import { account } from './account';
import { credentials } from './credentials';
import { add } from './add';
import { cleverAccount } from './clever-account';
import { saasusAccount } from './saasus-account';
import { cleverAdd } from './clever-add';
import { saasusAdd } from './saasus-add';
import { settings } from './settings';
import { agent } from './agent';
import { errors } from './errors';
import { tray } from './tray';
import { notify } from './notify';
import { loopback } from './loopback';
import { dialogs } from './dialogs';
import { cleverApiTokens } from './clever-api-tokens';
import { cleverServiceTokens } from './clever-service-tokens';
import { cleverProfiles } from './clever-profiles';
import type { Messages } from '../messages';

export const fr: Messages = {
  common,
  list,
  account,
  credentials,
  add,
  cleverAccount,
  saasusAccount,
  cleverAdd,
  saasusAdd,
  settings,
  agent,
  errors,
  tray,
  notify,
  loopback,
  dialogs,
  cleverApiTokens,
  cleverServiceTokens,
  cleverProfiles,
};
