/**
 * Request builders of the SaaSus Auth API client (api.ts): each `xxxRequest` returns the exact
 * signed request (URL string, headers, body string). Keeping them pure makes the signed bytes easy
 * to test and guarantees the signature covers exactly what is sent.
 *
 * Wire facts that differ from the generated docs (docs/PROVIDERS.md): query names are hyphenated
 * (`auth-flow`, `refresh-token`) and every call is signed with SAASUSSIGV1 (signature.ts).
 */
import type { FetchLike } from '../../net/http';
import type { PreparedRequest } from '../../net/request';
import { checkedServiceUrl, serviceEndpoint } from '../../net/service-url';
import { DEFAULT_BASE_URL } from './constants';
import type { Credentials } from './responses';
import { signRequest } from './signature';

export interface SaasusApiConfig {
  /** Default `https://api.saasus.io/v1/auth`. Plain http is allowed for loopback only. */
  readonly baseUrl?: string;
  readonly saasId: string;
  readonly apiKey: string;
  /** Signs every request; never sent, never logged. */
  readonly secretKey: string;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Epoch ms for the signature's timestamp (the app's clock, src/main/util/clock.ts); default Date.now. */
  readonly clock?: () => number;
}

export type CredentialsGrant =
  | { readonly authFlow: 'tempCodeAuth'; readonly code: string }
  | { readonly authFlow: 'refreshTokenAuth'; readonly refreshToken: string };

// ---- Builders ---------------------------------------------------------------------------------

export function createCredentialsRequest(config: SaasusApiConfig, tokens: Credentials): PreparedRequest {
  const body: Record<string, string> = { id_token: tokens.idToken, access_token: tokens.accessToken };
  if (tokens.refreshToken) body.refresh_token = tokens.refreshToken;
  return signed(config, 'POST', '/credentials', undefined, JSON.stringify(body));
}

export function getCredentialsRequest(config: SaasusApiConfig, grant: CredentialsGrant): PreparedRequest {
  // Parameter order follows the SDKs; names are hyphenated on the wire.
  const query =
    grant.authFlow === 'tempCodeAuth'
      ? new URLSearchParams([
          ['code', grant.code],
          ['auth-flow', 'tempCodeAuth'],
        ])
      : new URLSearchParams([
          ['auth-flow', 'refreshTokenAuth'],
          ['refresh-token', grant.refreshToken],
        ]);
  return signed(config, 'GET', '/credentials', query);
}

export function userInfoRequest(config: SaasusApiConfig, idToken: string): PreparedRequest {
  return signed(config, 'GET', '/userinfo', new URLSearchParams([['token', idToken]]));
}

export function authInfoRequest(config: SaasusApiConfig): PreparedRequest {
  return signed(config, 'GET', '/auth-info');
}

function signed(
  config: SaasusApiConfig,
  method: 'GET' | 'POST',
  path: string,
  query?: URLSearchParams,
  body?: string,
): PreparedRequest {
  // Serialise once and use this very string both to sign and to send: `fetch` re-parses it into
  // the same bytes (WHATWG URL serialisation is idempotent), and the Host header it sends is the
  // URL's host[:port], which is what the server puts in front of the path when it verifies.
  const url = serviceEndpoint(apiBaseUrl(config), path);
  if (query) url.search = query.toString();
  const href = url.href;
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: signRequest(config, { method, url: href, body }, (config.clock ?? Date.now)()),
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { method, url: href, headers, body };
}

/** The configured base URL, validated: https, or http to a loopback address (the emulator). */
export function apiBaseUrl(config: Pick<SaasusApiConfig, 'baseUrl'>): URL {
  return checkedServiceUrl(config.baseUrl ?? DEFAULT_BASE_URL, 'SaaSus API base URL');
}
