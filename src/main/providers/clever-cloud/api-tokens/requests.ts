/**
 * Request builders of the API-bridge client (api.ts beside this file), pure like ../requests.ts:
 * each returns the exact request, so tests can look at what is sent.
 *
 * - `POST /api-tokens` carries the user's e-mail, password and (when their `preferredMFA` is TOTP)
 *   a one-time code in a JSON body, over https (or http to loopback: the emulator), to the
 *   account's bridge only. It is not signed.
 * - `GET /api-tokens`, `PUT` and `DELETE /api-tokens/{id}` are signed with the account's OAuth 1.0a
 *   token and consumer, in an `Authorization: OAuth …` header, exactly as the API's calls are
 *   (clever-tools signs them with the same consumer: its src/models/send-to-api.js).
 * - `GET /v2/self` with `Authorization: Bearer <apiToken>`: what an API token is for.
 */
import { AppError } from '../../../errors';
import type { PreparedRequest } from '../../../net/request';
import { checkedServiceUrl, serviceEndpoint } from '../../../net/service-url';
import { DEFAULT_BRIDGE_URL } from '../constants';
import { authorizationHeader, percentEncode, signRequest, type TokenCredentials } from '../oauth1';
import type { CleverCloudApiConfig } from '../requests';

/** The API's signing configuration, with the bridge it sends API-token calls to. */
export interface ApiBridgeConfig extends CleverCloudApiConfig {
  /** Default `https://api-bridge.clever-cloud.com`. Plain http only for loopback (the emulator). */
  readonly bridgeUrl?: string;
}

export interface NewApiToken {
  readonly email: string;
  readonly password: string;
  /** Only when the user's `preferredMFA` is TOTP. */
  readonly mfaCode?: string;
  readonly name: string;
  readonly description?: string;
  /** Epoch ms. */
  readonly expiresAt: number;
}

/** The bridge's base, validated: https, or http to a loopback address. */
export function bridgeBaseUrl(config: Pick<ApiBridgeConfig, 'bridgeUrl'>): URL {
  return checkedServiceUrl(config.bridgeUrl ?? DEFAULT_BRIDGE_URL, 'Clever Cloud API bridge URL');
}

function bridgeUrl(config: ApiBridgeConfig, path: string): string {
  return serviceEndpoint(bridgeBaseUrl(config), path).href;
}

function signed(config: ApiBridgeConfig, credentials: TokenCredentials, method: 'GET' | 'PUT' | 'DELETE', path: string): PreparedRequest {
  const url = bridgeUrl(config, path);
  const oauth = signRequest({
    method,
    url,
    consumer: config.consumer,
    token: credentials,
    signatureMethod: config.signatureMethod ?? 'HMAC-SHA512',
    timestamp: String(Math.floor((config.clock ?? Date.now)() / 1000)),
    nonce: config.nonce?.(),
  });
  return { method, url, headers: { accept: 'application/json', authorization: authorizationHeader(oauth) } };
}

function tokenPath(apiTokenId: string): string {
  if (apiTokenId === '') throw new AppError('invalid_input', 'No API token id.');
  return `/api-tokens/${percentEncode(apiTokenId)}`;
}

export function createApiTokenRequest(config: ApiBridgeConfig, input: NewApiToken): PreparedRequest {
  return {
    method: 'POST',
    url: bridgeUrl(config, '/api-tokens'),
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      email: input.email,
      password: input.password,
      ...(input.mfaCode ? { mfaCode: input.mfaCode } : {}),
      name: input.name,
      description: input.description ?? '',
      expirationDate: new Date(input.expiresAt).toISOString(),
    }),
  };
}

export function listApiTokensRequest(config: ApiBridgeConfig, credentials: TokenCredentials): PreparedRequest {
  return signed(config, credentials, 'GET', '/api-tokens');
}

export function updateApiTokenRequest(
  config: ApiBridgeConfig,
  credentials: TokenCredentials,
  apiTokenId: string,
  input: { readonly name: string; readonly description?: string },
): PreparedRequest {
  const req = signed(config, credentials, 'PUT', tokenPath(apiTokenId));
  return {
    ...req,
    headers: { ...req.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ name: input.name, description: input.description ?? '' }),
  };
}

export function revokeApiTokenRequest(config: ApiBridgeConfig, credentials: TokenCredentials, apiTokenId: string): PreparedRequest {
  return signed(config, credentials, 'DELETE', tokenPath(apiTokenId));
}

/** `GET <bridge>/v2/self` as an API token's holder calls it. */
export function bridgeSelfRequest(config: ApiBridgeConfig, apiToken: string): PreparedRequest {
  return { method: 'GET', url: bridgeUrl(config, '/v2/self'), headers: { accept: 'application/json', authorization: `Bearer ${apiToken}` } };
}
