/** The fr catalogue's namespaces the window uses (the main process's own are in index.ts); loaded when the window speaks it. */
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
import { cleverApiTokens } from './clever-api-tokens';
import { cleverServiceTokens } from './clever-service-tokens';
import { cleverProfiles } from './clever-profiles';
import type { WindowMessages } from '../messages';

export const frWindow: WindowMessages = {
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
  cleverApiTokens,
  cleverServiceTokens,
  cleverProfiles,
};
