/** The catalogue's name of each kind of credential (common.credentialKind), for the tray and the window. */
import type { CopyKind } from '../types';

export const CREDENTIAL_KIND_KEYS = {
  'authorization-header': 'common.credentialKind.authorizationHeader',
  'env-lines': 'common.credentialKind.envLines',
  'clever-tools-profile': 'common.credentialKind.cleverToolsProfile',
  'access-token': 'common.credentialKind.accessToken',
  'id-token': 'common.credentialKind.idToken',
} as const satisfies Record<CopyKind, string>;
