/**
 * The environment `tessera exec` and `tessera env` give a command, per provider:
 *
 * - Clever Cloud: `CLEVER_TOKEN` and `CLEVER_SECRET`, what clever-tools reads (its
 *   `src/models/configuration.js`); and, when the account is not on clever-tools' defaults, the
 *   defaults it would otherwise use: `API_HOST` (the API origin, without `/v2`) for an account
 *   logged in against another API, `OAUTH_CONSUMER_KEY` / `OAUTH_CONSUMER_SECRET` for a token issued
 *   to the user's own consumer. On the defaults those three are removed from the environment, so a
 *   value left over from elsewhere cannot send the token to another host. With them
 *   `CC_API_TOKEN`, the newest API token Tessera holds for the account (removed when it holds
 *   none), and `AUTH_BRIDGE_HOST` for an account whose API bridge is not clever-tools' default
 *   (removed on the default), so that `clever tokens` and programs using the token reach the
 *   account's bridge.
 * - SaaSus: `SAASUS_ACCESS_TOKEN`, `SAASUS_ID_TOKEN`, and `SAASUS_AUTHORIZATION` (the
 *   `Bearer …` header value).
 *
 * Everything a Clever Cloud account needs is in its PLAINTEXT Authorization header (one keychain
 * read): the consumer key, the token, and the signature, which RFC 5849 3.4.4 defines as
 * `encode(consumer secret) & encode(token secret)`.
 */
import { apiHostOf } from '../providers/clever-cloud/clever-tools-paths';
import { CLEVER_TOOLS_CONSUMER, DEFAULT_API_BASE_URL, DEFAULT_BRIDGE_URL } from '../providers/clever-cloud/constants';

export { apiHostOf };
import { PROVIDER_NAMES, type ProviderId } from '../../shared/types';
import { printable } from '../../shared/printable';
import { AppError } from '../errors';

export const CLEVER_CLOUD_VARIABLES = ['CLEVER_TOKEN', 'CLEVER_SECRET'] as const;
/** clever-tools' defaults a Clever Cloud account may need to replace. */
export const CLEVER_TOOLS_DEFAULTS = ['API_HOST', 'OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET'] as const;
/** An account's API token and its bridge (api-tokens/api-token-service.ts). */
export const CLEVER_API_TOKEN_VARIABLES = ['CC_API_TOKEN', 'AUTH_BRIDGE_HOST'] as const;
export const SAASUS_VARIABLES = ['SAASUS_ACCESS_TOKEN', 'SAASUS_ID_TOKEN', 'SAASUS_AUTHORIZATION'] as const;

/** Every variable an account of this provider may set or remove. */
export function variablesOf(provider: ProviderId): readonly string[] {
  return provider === 'clever-cloud' ? [...CLEVER_CLOUD_VARIABLES, ...CLEVER_TOOLS_DEFAULTS, ...CLEVER_API_TOKEN_VARIABLES] : SAASUS_VARIABLES;
}

/**
 * Refuses accounts whose variables collide (two Clever Cloud accounts both set CLEVER_TOKEN), before
 * anything is asked or read. The message names the variable and the accounts.
 */
export function checkNoCollision(accounts: readonly { readonly displayName: string; readonly provider: ProviderId }[]): void {
  const owner = new Map<string, string>();
  for (const account of accounts) {
    for (const name of variablesOf(account.provider)) {
      const first = owner.get(name);
      if (first !== undefined)
        throw new AppError('invalid_input', `"${first}" and "${printable(account.displayName)}" would both set ${name}: run one command per ${PROVIDER_NAMES[account.provider]} account.`);
      owner.set(name, printable(account.displayName));
    }
  }
}

export interface AccountEnvironment {
  readonly set: readonly (readonly [string, string])[];
  readonly unset: readonly string[];
}

/**
 * The Clever Cloud variables from the account's PLAINTEXT Authorization header and its API base URL;
 * with `bridge`, also its API token (null: none held) and its API bridge (null: the default).
 */
export function cleverCloudEnvironment(
  authorizationHeader: string,
  endpoint: string | null,
  bridge?: { readonly apiToken: string | null; readonly bridgeUrl: string | null },
): AccountEnvironment {
  const params = headerParams(authorizationHeader);
  const get = (name: string): string | undefined => params.get(name);
  const consumerKey = get('oauth_consumer_key');
  const token = get('oauth_token');
  const signature = get('oauth_signature');
  const amp = signature?.indexOf('&') ?? -1;
  if (get('oauth_signature_method') !== 'PLAINTEXT' || !consumerKey || !token || signature === undefined || amp < 0)
    throw new AppError('internal', 'Tessera could not read this Clever Cloud account’s credentials.');
  let consumerSecret: string;
  let tokenSecret: string;
  try {
    consumerSecret = decodeURIComponent(signature.slice(0, amp));
    tokenSecret = decodeURIComponent(signature.slice(amp + 1));
  } catch {
    throw new AppError('internal', 'Tessera could not read this Clever Cloud account’s credentials.');
  }
  const set: [string, string][] = [
    ['CLEVER_TOKEN', token],
    ['CLEVER_SECRET', tokenSecret],
  ];
  const unset: string[] = [];
  const apiHost = apiHostOf(endpoint ?? DEFAULT_API_BASE_URL);
  if (apiHost === apiHostOf(DEFAULT_API_BASE_URL)) unset.push('API_HOST');
  else set.push(['API_HOST', apiHost]);
  if (consumerKey === CLEVER_TOOLS_CONSUMER.key && consumerSecret === CLEVER_TOOLS_CONSUMER.secret) unset.push('OAUTH_CONSUMER_KEY', 'OAUTH_CONSUMER_SECRET');
  else set.push(['OAUTH_CONSUMER_KEY', consumerKey], ['OAUTH_CONSUMER_SECRET', consumerSecret]);
  if (bridge) {
    if (bridge.apiToken !== null) set.push(['CC_API_TOKEN', bridge.apiToken]);
    else unset.push('CC_API_TOKEN');
    const origin = bridge.bridgeUrl === null ? null : bridgeOrigin(bridge.bridgeUrl);
    if (origin === null || origin === bridgeOrigin(DEFAULT_BRIDGE_URL)) unset.push('AUTH_BRIDGE_HOST');
    else set.push(['AUTH_BRIDGE_HOST', origin]);
  }
  return { set, unset };
}

/** clever-tools wants the bridge's origin (it appends `/api-tokens`, `/v2/…`). */
function bridgeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * The parameters of the PLAINTEXT header Tessera itself writes (`credentialsToCopy` in
 * src/main/providers/clever-cloud/account.ts): `OAuth k="v", k="v"`, each value percent-encoded
 * once; decoded once here, the PLAINTEXT signature is RFC 5849 3.4.4's `enc(consumer secret) &
 * enc(token secret)`, split and decoded again below.
 */
function headerParams(header: string): Map<string, string> {
  const params = new Map<string, string>();
  if (!header.startsWith('OAuth ')) return params;
  for (const [, name, value] of header.slice('OAuth '.length).matchAll(/([a-z_]+)="([^"]*)"/g)) {
    if (name === undefined || value === undefined || params.has(name)) return new Map();
    params.set(name, safeDecode(value));
  }
  return params;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}


export function saasusEnvironment(tokens: { readonly accessToken: string; readonly idToken: string; readonly authorization: string }): AccountEnvironment {
  return {
    set: [
      ['SAASUS_ACCESS_TOKEN', tokens.accessToken],
      ['SAASUS_ID_TOKEN', tokens.idToken],
      ['SAASUS_AUTHORIZATION', tokens.authorization],
    ],
    unset: [],
  };
}
