/** The catalogue's name of each kind of credential (common.credentialKind), for the tray and the window. */
import type { CopyKind } from '../types';

export const CREDENTIAL_KIND_KEYS = {
  'authorization-header': 'common.credentialKind.authorizationHeader',
  'env-lines': 'common.credentialKind.envLines',
  'clever-tools-profile': 'common.credentialKind.cleverToolsProfile',
  'access-token': 'common.credentialKind.accessToken',
  'id-token': 'common.credentialKind.idToken',
  'api-token': 'common.credentialKind.apiToken',
  'clever-tools-3': 'common.credentialKind.cleverTools3',
  'clever-tools-4': 'common.credentialKind.cleverTools4',
  // Not a copy kind: handed out by the command only (tessera token --kind service-token, git-credential).
  'service-token': 'common.credentialKind.serviceToken',
} as const satisfies Record<CopyKind | 'service-token', string>;
