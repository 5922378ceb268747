/**
 * A typed client for the part of the SaaSus Auth API Tessera uses: `CredentialApi`
 * (`POST/GET /credentials`), `GET /userinfo` and `GET /auth-info`.
 *
 * Shaped like panva/oauth4webapi: `xxxRequest` (requests.ts) builds the exact signed request and
 * `processXxxResponse` (responses.ts) turns the answer into a typed value or an `AppError`
 * (errors.ts says which); each call here glues the two around `httpRequest`, which owns timeouts,
 * cancellation and the size cap.
 */
import type { HttpResponse } from '../../net/http';
import { sendPrepared, type CallOptions, type PreparedRequest } from '../../net/request';
import { SERVICE } from './constants';
import { authInfoRequest, createCredentialsRequest, getCredentialsRequest, userInfoRequest, type CredentialsGrant, type SaasusApiConfig } from './requests';
import {
  processAuthInfoResponse,
  processCreateCredentialsResponse,
  processGetCredentialsResponse,
  processUserInfoResponse,
  type AuthInfo,
  type Credentials,
  type UserInfo,
} from './responses';

export type { CallOptions } from '../../net/request';
export type { CredentialsGrant, SaasusApiConfig } from './requests';
export type { AuthInfo, Credentials, Role, Tenant, TenantEnv, UserInfo } from './responses';

function send(config: SaasusApiConfig, req: PreparedRequest, opts: CallOptions): Promise<HttpResponse> {
  return sendPrepared(SERVICE, config, req, opts);
}

/** `POST /credentials`: stores tokens and returns a temp code (10 s, single use) that redeems them. */
export async function createCredentials(
  config: SaasusApiConfig,
  tokens: Credentials,
  opts: CallOptions = {},
): Promise<{ code: string }> {
  return processCreateCredentialsResponse(await send(config, createCredentialsRequest(config, tokens), opts));
}

/** `GET /credentials` for either flow. */
export async function getCredentials(
  config: SaasusApiConfig,
  grant: CredentialsGrant,
  opts: CallOptions = {},
): Promise<Credentials> {
  return processGetCredentialsResponse(await send(config, getCredentialsRequest(config, grant), opts), grant.authFlow);
}

/** Redeems a temp code (from the login callback or a hand-off). */
export function tempCodeAuth(config: SaasusApiConfig, code: string, opts: CallOptions = {}): Promise<Credentials> {
  return getCredentials(config, { authFlow: 'tempCodeAuth', code }, opts);
}

/** New ID and access tokens; `refreshToken` in the answer only when the server rotated it. */
export function refreshTokenAuth(config: SaasusApiConfig, refreshToken: string, opts: CallOptions = {}): Promise<Credentials> {
  return getCredentials(config, { authFlow: 'refreshTokenAuth', refreshToken }, opts);
}

/** `GET /userinfo?token=<ID token>`: the user's tenants, environments and roles. */
export async function getUserInfo(config: SaasusApiConfig, idToken: string, opts: CallOptions = {}): Promise<UserInfo> {
  return processUserInfoResponse(await send(config, userInfoRequest(config, idToken), opts));
}

/** `GET /auth-info`: the SaaS's registered callback URL. */
export async function getAuthInfo(config: SaasusApiConfig, opts: CallOptions = {}): Promise<AuthInfo> {
  return processAuthInfoResponse(await send(config, authInfoRequest(config), opts));
}
