/**
 * Request builders of the Clever Cloud API v2 client (api.ts): each `xxxRequest` returns the exact
 * request (URL string, headers, body string), signed when the endpoint needs it. They are pure, so
 * tests can look at the signed bytes, and the signature always covers exactly what is sent.
 *
 * Where the OAuth parameters travel (docs/PROVIDERS.md):
 * - request and access token: in the form body (`/oauth/request_token`, `/oauth/access_token`) or in
 *   the query string with an empty body (the `_query` variants);
 * - every other signed call: an `Authorization: OAuth …` header.
 */
import { AppError } from '../../errors';
import type { FetchLike } from '../../net/http';
import type { PreparedRequest } from '../../net/request';
import { checkedServiceUrl, serviceEndpoint } from '../../net/service-url';
import { DEFAULT_API_BASE_URL } from './constants';
import {
  authorizationHeader,
  formEncode,
  percentEncode,
  signRequest,
  type ConsumerCredentials,
  type Param,
  type SignatureMethod,
  type TokenCredentials,
} from './oauth1';

export interface CleverCloudApiConfig {
  /** Default `https://api.clever-cloud.com/v2`. Plain http only for loopback (the emulator). */
  readonly baseUrl?: string;
  /** The OAuth consumer the tokens belong to (the CLI's public one for console logins). */
  readonly consumer: ConsumerCredentials;
  /**
   * Default HMAC-SHA512: the secrets never cross the wire and a captured request cannot be
   * replayed once its timestamp is stale. PLAINTEXT also works (TLS only), as in Clever's JS client.
   */
  readonly signatureMethod?: SignatureMethod;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Epoch ms, for `oauth_timestamp` and relative expiries; default Date.now. */
  readonly clock?: () => number;
  /** Default 16 random bytes. */
  readonly nonce?: () => string;
  /** Old partner selector of the request-token calls; sent only when set. */
  readonly cleverFlavor?: string;
}

/** Where the OAuth parameters of the token endpoints go: the plain or the `_query` variant. */
export type ParamPlacement = 'body' | 'query';

/** `WannabeAuthorization`: asks the API whether `authorization` is valid for `verb uri`. */
export interface WannabeAuthorization {
  readonly verb: string;
  readonly uri: string;
  readonly authorization: string;
  readonly payload?: string;
  readonly nonce?: string;
  readonly mac?: string;
}

// ---- URLs -----------------------------------------------------------------------------------------

/** The configured base URL, validated: https, or http to a loopback address (the emulator). */
export function apiBaseUrl(config: Pick<CleverCloudApiConfig, 'baseUrl'>): URL {
  return checkedServiceUrl(config.baseUrl ?? DEFAULT_API_BASE_URL, 'Clever Cloud API base URL');
}

function endpointUrl(config: CleverCloudApiConfig, path: string, query: readonly Param[] = []): string {
  const url = serviceEndpoint(apiBaseUrl(config), path);
  // RFC 3986 encoding, so the server's form-decoding yields exactly the values we signed.
  return query.length > 0 ? `${url.href}?${formEncode(query)}` : url.href;
}

/** Where the browser goes to approve a request token (`GET /oauth/authorize`). */
export function authorizeUrl(config: CleverCloudApiConfig, requestToken: string): string {
  return endpointUrl(config, '/oauth/authorize', [['oauth_token', requestToken]]);
}

// ---- Signing --------------------------------------------------------------------------------------

function protocolFor(
  config: CleverCloudApiConfig,
  method: string,
  url: string,
  form: readonly Param[],
  token: TokenCredentials | undefined,
  extra: readonly Param[],
): Param[] {
  return signRequest({
    method,
    url,
    form,
    consumer: config.consumer,
    token,
    signatureMethod: config.signatureMethod ?? 'HMAC-SHA512',
    extra,
    timestamp: String(Math.floor((config.clock ?? Date.now)() / 1000)),
    nonce: config.nonce?.(),
  });
}

/** Request- and access-token calls: OAuth parameters in the body, or in the query (`_query`). */
function tokenEndpointRequest(
  config: CleverCloudApiConfig,
  path: string,
  placement: ParamPlacement,
  params: readonly Param[],
  token: TokenCredentials | undefined,
  extra: readonly Param[],
): PreparedRequest {
  const headers = { accept: 'application/x-www-form-urlencoded' };
  if (placement === 'body') {
    const url = endpointUrl(config, path);
    const oauth = protocolFor(config, 'POST', url, params, token, extra);
    return {
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: formEncode([...params, ...oauth]),
    };
  }
  // Sign the URL with the ordinary parameters only, then append the protocol parameters: signing a
  // URL that already held them would count them twice.
  const signedUrl = endpointUrl(config, `${path}_query`, params);
  const oauth = protocolFor(config, 'POST', signedUrl, [], token, extra);
  return { method: 'POST', url: endpointUrl(config, `${path}_query`, [...params, ...oauth]), headers };
}

/** A call signed with an access token, OAuth parameters in the `Authorization` header. */
export function signedApiRequest(
  config: CleverCloudApiConfig,
  credentials: TokenCredentials,
  method: 'GET' | 'DELETE' | 'POST',
  path: string,
  query: readonly Param[] = [],
): PreparedRequest {
  const url = endpointUrl(config, path, query);
  const oauth = protocolFor(config, method, url, [], credentials, []);
  return { method, url, headers: { accept: 'application/json', authorization: authorizationHeader(oauth) } };
}

// ---- Builders -------------------------------------------------------------------------------------

/** `POST /oauth/request_token` (body) or `/oauth/request_token_query` (query), with `oauth_callback`. */
export function requestTokenRequest(
  config: CleverCloudApiConfig,
  input: { readonly callback: string; readonly placement?: ParamPlacement },
): PreparedRequest {
  const params: Param[] = config.cleverFlavor ? [['clever_flavor', config.cleverFlavor]] : [];
  return tokenEndpointRequest(config, '/oauth/request_token', input.placement ?? 'body', params, undefined, [
    ['oauth_callback', input.callback],
  ]);
}

/** `POST /oauth/access_token` (body) or `/oauth/access_token_query`; signed with the request-token secret. */
export function accessTokenRequest(
  config: CleverCloudApiConfig,
  input: { readonly requestToken: TokenCredentials; readonly verifier: string; readonly placement?: ParamPlacement },
): PreparedRequest {
  return tokenEndpointRequest(config, '/oauth/access_token', input.placement ?? 'body', [], input.requestToken, [
    ['oauth_verifier', input.verifier],
  ]);
}

export function availableRightsRequest(config: CleverCloudApiConfig): PreparedRequest {
  return { method: 'GET', url: endpointUrl(config, '/oauth/rights'), headers: { accept: 'application/json' } };
}

export function loginDataRequest(config: CleverCloudApiConfig, oauthKey?: string): PreparedRequest {
  const query: Param[] = oauthKey === undefined ? [] : [['oauth_key', oauthKey]];
  return { method: 'GET', url: endpointUrl(config, '/oauth/login_data', query), headers: { accept: 'application/json' } };
}

export function checkAuthorizationRequest(config: CleverCloudApiConfig, wannabe: WannabeAuthorization): PreparedRequest {
  return {
    method: 'POST',
    url: endpointUrl(config, '/authorize'),
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      verb: wannabe.verb,
      uri: wannabe.uri,
      authorization: wannabe.authorization,
      payload: wannabe.payload ?? '',
      nonce: wannabe.nonce ?? '',
      mac: wannabe.mac ?? '',
    }),
  };
}

export function selfRequest(config: CleverCloudApiConfig, credentials: TokenCredentials): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', '/self');
}

export function currentTokenRequest(config: CleverCloudApiConfig, credentials: TokenCredentials): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', '/self/tokens/current');
}

/** `DELETE /self/tokens/{token}`. There is deliberately no builder for `DELETE /self/tokens` (it logs out everywhere). */
export function revokeTokenRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, token = credentials.token): PreparedRequest {
  if (token === '') throw new AppError('invalid_input', 'No Clever Cloud token to revoke.');
  return signedApiRequest(config, credentials, 'DELETE', `/self/tokens/${percentEncode(token)}`);
}

/** `GET /self/cli_tokens?cli_token=…`: not signed, the cli_token is the only credential. */
export function cliTokenRequest(config: CleverCloudApiConfig, cliToken: string): PreparedRequest {
  return { method: 'GET', url: endpointUrl(config, '/self/cli_tokens', [['cli_token', cliToken]]), headers: { accept: 'application/json' } };
}
