/**
 * A typed client for Clever Cloud's API v2: every `AuthApi` call a program makes (the consent page
 * at `/oauth/authorize` is the browser's), plus the identity and token-lifecycle calls Tessera
 * needs (`/self`, `/self/tokens/current`, `DELETE /self/tokens/{token}`, `/self/cli_tokens`).
 *
 * Shaped like panva/oauth4webapi: `xxxRequest` (requests.ts) builds the exact request and
 * `processXxxResponse` (responses.ts) turns the answer into a typed value or an `AppError`
 * (errors.ts says which); each call here glues the two around `httpRequest`, which owns the
 * timeout, cancellation and the size cap. Every call tells the processor which secrets it holds,
 * so that no error message can quote them.
 */
import type { HttpResponse } from '../../net/http';
import { sendPrepared, type CallOptions, type PreparedRequest } from '../../net/request';
import { SERVICE } from './constants';
import type { TokenCredentials } from './oauth1';
import {
  accessTokenRequest,
  availableRightsRequest,
  checkAuthorizationRequest,
  cliTokenRequest,
  currentTokenRequest,
  loginDataRequest,
  requestTokenRequest,
  revokeTokenRequest,
  selfRequest,
  type CleverCloudApiConfig,
  type ParamPlacement,
  type WannabeAuthorization,
} from './requests';
import {
  processAccessTokenResponse,
  processAvailableRightsResponse,
  processCheckAuthorizationResponse,
  processCliTokenResponse,
  processCurrentTokenResponse,
  processLoginDataResponse,
  processRequestTokenResponse,
  processRevokeTokenResponse,
  processSelfResponse,
  type AccessToken,
  type CliTokenPoll,
  type CleverCloudUser,
  type CurrentToken,
  type Message,
  type RequestToken,
  type Right,
  type RevokeOutcome,
} from './responses';

export type { CallOptions } from '../../net/request';
export type { CleverCloudApiConfig, ParamPlacement, WannabeAuthorization } from './requests';
export type { AccessToken, CliTokenPoll, CleverCloudUser, CurrentToken, Message, RequestToken, Right, RevokeOutcome } from './responses';

function send(config: CleverCloudApiConfig, req: PreparedRequest, opts: CallOptions): Promise<HttpResponse> {
  return sendPrepared(SERVICE, config, req, opts);
}

function secretsOf(config: CleverCloudApiConfig, ...more: (string | undefined)[]): string[] {
  return [config.consumer.secret, ...more].filter((s): s is string => s !== undefined && s !== '');
}

/** Step 1 of the three-legged dance: a request token bound to `callback`. */
export async function requestToken(
  config: CleverCloudApiConfig,
  input: { readonly callback: string; readonly placement?: ParamPlacement },
  opts: CallOptions = {},
): Promise<RequestToken> {
  return processRequestTokenResponse(await send(config, requestTokenRequest(config, input), opts), secretsOf(config));
}

/** Step 3: the verifier from the callback and the request token become an access token. */
export async function accessToken(
  config: CleverCloudApiConfig,
  input: { readonly requestToken: TokenCredentials; readonly verifier: string; readonly placement?: ParamPlacement },
  opts: CallOptions = {},
): Promise<AccessToken> {
  const res = await send(config, accessTokenRequest(config, input), opts);
  return processAccessTokenResponse(
    res,
    (config.clock ?? Date.now)(),
    secretsOf(config, input.requestToken.token, input.requestToken.secret, input.verifier),
  );
}

/** `GET /oauth/rights`: every right a consumer may ask for. */
export async function getAvailableRights(config: CleverCloudApiConfig, opts: CallOptions = {}): Promise<Right[]> {
  return processAvailableRightsResponse(await send(config, availableRightsRequest(config), opts));
}

/** `GET /oauth/login_data?oauth_key=…` (undocumented). */
export async function getLoginData(
  config: CleverCloudApiConfig,
  oauthKey?: string,
  opts: CallOptions = {},
): Promise<Readonly<Record<string, unknown>>> {
  return processLoginDataResponse(await send(config, loginDataRequest(config, oauthKey), opts));
}

/** `POST /authorize` (WannabeAuthorization → Message): is this Authorization header valid for that request? */
export async function checkAuthorization(
  config: CleverCloudApiConfig,
  wannabe: WannabeAuthorization,
  opts: CallOptions = {},
): Promise<{ readonly valid: boolean; readonly message: Message }> {
  return processCheckAuthorizationResponse(await send(config, checkAuthorizationRequest(config, wannabe), opts), secretsOf(config));
}

/** `GET /self`: who the token belongs to. */
export async function getSelf(config: CleverCloudApiConfig, credentials: TokenCredentials, opts: CallOptions = {}): Promise<CleverCloudUser> {
  return processSelfResponse(await send(config, selfRequest(config, credentials), opts), secretsOf(config, credentials.token, credentials.secret));
}

/** `GET /self/tokens/current`: the calling token's consumer, rights and dates. */
export async function getCurrentToken(config: CleverCloudApiConfig, credentials: TokenCredentials, opts: CallOptions = {}): Promise<CurrentToken> {
  return processCurrentTokenResponse(
    await send(config, currentTokenRequest(config, credentials), opts),
    secretsOf(config, credentials.token, credentials.secret),
  );
}

/**
 * `DELETE /self/tokens/{token}`: revokes one token (by default the calling one): what "log out"
 * means. A token that is already invalid counts as done. Never `DELETE /self/tokens`.
 */
export async function revokeToken(
  config: CleverCloudApiConfig,
  credentials: TokenCredentials,
  opts: CallOptions & { readonly token?: string } = {},
): Promise<RevokeOutcome> {
  const res = await send(config, revokeTokenRequest(config, credentials, opts.token ?? credentials.token), opts);
  return processRevokeTokenResponse(res, secretsOf(config, credentials.token, credentials.secret, opts.token));
}

/** `GET /self/cli_tokens?cli_token=…`: 404 while the user has not approved in the console. */
export async function pollCliToken(config: CleverCloudApiConfig, cliToken: string, opts: CallOptions = {}): Promise<CliTokenPoll> {
  return processCliTokenResponse(await send(config, cliTokenRequest(config, cliToken), opts), secretsOf(config, cliToken));
}
