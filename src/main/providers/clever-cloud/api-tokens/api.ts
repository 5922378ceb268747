/**
 * A typed client for Clever Cloud's API bridge: create, list, rename and revoke API tokens, and
 * `/v2/self` with one. Same pattern as ../api.ts: a pure builder (requests.ts) and a processor
 * (responses.ts) around `sendPrepared`, which owns the timeout, cancellation and size cap. Every
 * call tells its processor the secrets it holds (consumer and token secrets, the password, the TOTP
 * code, an API token) so that no error message can quote them.
 */
import { sendPrepared, type CallOptions } from '../../../net/request';
import { SERVICE } from '../constants';
import type { TokenCredentials } from '../oauth1';
import {
  bridgeSelfRequest,
  createApiTokenRequest,
  listApiTokensRequest,
  revokeApiTokenRequest,
  updateApiTokenRequest,
  type ApiBridgeConfig,
  type NewApiToken,
} from './requests';
import {
  processBridgeSelfResponse,
  processCreateApiTokenResponse,
  processListApiTokensResponse,
  processRevokeApiTokenResponse,
  processUpdateApiTokenResponse,
  type ApiToken,
  type CreatedApiToken,
} from './responses';

export type { ApiBridgeConfig, NewApiToken } from './requests';
export { ApiTokenCredentialError, type ApiToken, type ApiTokenRefusal, type ApiTokenState, type CreatedApiToken } from './responses';

const secrets = (...values: (string | undefined)[]): string[] => values.filter((s): s is string => s !== undefined && s !== '');
const nowOf = (config: ApiBridgeConfig): number => (config.clock ?? Date.now)();

/** `POST /api-tokens`: a new token, with its value (which the bridge never shows again). */
export async function createApiToken(config: ApiBridgeConfig, input: NewApiToken, opts: CallOptions = {}): Promise<CreatedApiToken> {
  const res = await sendPrepared(SERVICE, config, createApiTokenRequest(config, input), opts);
  return processCreateApiTokenResponse(res, nowOf(config), secrets(input.password, input.mfaCode, config.consumer.secret));
}

/** `GET /api-tokens`, signed with the account's token. */
export async function listApiTokens(config: ApiBridgeConfig, credentials: TokenCredentials, opts: CallOptions = {}): Promise<ApiToken[]> {
  const res = await sendPrepared(SERVICE, config, listApiTokensRequest(config, credentials), opts);
  return processListApiTokensResponse(res, nowOf(config), secrets(config.consumer.secret, credentials.token, credentials.secret));
}

/** `PUT /api-tokens/{id}`: a new name and description. */
export async function updateApiToken(
  config: ApiBridgeConfig,
  credentials: TokenCredentials,
  apiTokenId: string,
  input: { readonly name: string; readonly description?: string },
  opts: CallOptions = {},
): Promise<void> {
  const res = await sendPrepared(SERVICE, config, updateApiTokenRequest(config, credentials, apiTokenId, input), opts);
  processUpdateApiTokenResponse(res, secrets(config.consumer.secret, credentials.token, credentials.secret));
}

/** `DELETE /api-tokens/{id}`: revoked at once; one already gone counts as done. */
export async function revokeApiToken(
  config: ApiBridgeConfig,
  credentials: TokenCredentials,
  apiTokenId: string,
  opts: CallOptions = {},
): Promise<'revoked' | 'already-gone'> {
  const res = await sendPrepared(SERVICE, config, revokeApiTokenRequest(config, credentials, apiTokenId), opts);
  return processRevokeApiTokenResponse(res, secrets(config.consumer.secret, credentials.token, credentials.secret));
}

/** `GET <bridge>/v2/self` as the token's holder: whose token it is. */
export async function bridgeSelf(config: ApiBridgeConfig, apiToken: string, opts: CallOptions = {}): Promise<{ readonly userId: string; readonly email: string }> {
  return processBridgeSelfResponse(await sendPrepared(SERVICE, config, bridgeSelfRequest(config, apiToken), opts), secrets(apiToken));
}
