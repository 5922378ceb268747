/**
 * A typed client for the part of the SaaSus Auth API Tessera uses: `CredentialApi`
 * (`POST/GET /credentials`), `GET /userinfo` and `GET /auth-info`.
 *
 * Shaped like panva/oauth4webapi: each call is a pair, `xxxRequest` builds the exact signed request
 * (URL string, headers, body string) and `processXxxResponse` turns the HTTP answer into a typed
 * value or an `AppError`. The call functions just glue the two around `httpRequest`, which owns
 * timeouts, cancellation and the size cap. Keeping the builders pure makes the signed bytes easy
 * to test and guarantees the signature covers exactly what is sent.
 *
 * Wire facts that differ from the generated docs (shared/DOMAIN.md): query names are hyphenated
 * (`auth-flow`, `refresh-token`), every call is signed with SAASUSSIGV1, and a refresh answer may
 * leave out `refresh_token`.
 *
 * Error mapping, per call (messages never quote a token, code, key or URL with its query):
 * - 401 on `/credentials` and `/auth-info` → `invalid_configuration`: only the signature (SaaS ID,
 *   API key, secret key, clock) authenticates these calls.
 * - 401 on `/userinfo` → `unauthorized`: the ID token was refused (expired or invalid). The wire does
 *   not let us tell this apart from a bad signature; a bad configuration already fails the login or
 *   refresh before `/userinfo` is reached, so "log in again" is the useful reading.
 * - 404 on `tempCodeAuth` → `code_expired`; 404 on `refreshTokenAuth` → `needs_login` (the refresh
 *   token is unknown, expired or revoked).
 * - 5xx and anything else unexpected → `http_error`; bodies that are not the documented JSON →
 *   `bad_response`; network, timeout, cancel and oversized bodies come from `httpRequest`.
 */
import * as v from 'valibot';
import type { SaasusTenant } from '../../../shared/model';
import { AppError } from '../../errors';
import { httpRequest, parseJsonBody, type FetchLike, type HttpResponse, knobsOf } from '../../net/http';
import { signRequest } from './signature';

export const DEFAULT_BASE_URL = 'https://api.saasus.io/v1/auth';
export const SERVICE = 'SaaSus';
/** Temp codes (login and hand-off) live this long on the SaaSus side. */
export const TEMP_CODE_LIFETIME_MS = 10_000;

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

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** SaaSus `Credentials`. `refreshToken` is absent when the server did not send one. */
export interface Credentials {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
}

export interface UserInfo {
  readonly id: string;
  readonly email: string;
  readonly tenants: readonly SaasusTenant[];
}

export interface AuthInfo {
  readonly callbackUrl: string;
}

export type CredentialsGrant =
  | { readonly authFlow: 'tempCodeAuth'; readonly code: string }
  | { readonly authFlow: 'refreshTokenAuth'; readonly refreshToken: string };

/** A request ready for `httpRequest`: the URL string and body are the exact signed bytes. */
export interface SignedRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

// ---- Request builders -------------------------------------------------------------------------

export function createCredentialsRequest(config: SaasusApiConfig, tokens: Credentials): SignedRequest {
  const body: Record<string, string> = { id_token: tokens.idToken, access_token: tokens.accessToken };
  if (tokens.refreshToken) body.refresh_token = tokens.refreshToken;
  return signed(config, 'POST', '/credentials', undefined, JSON.stringify(body));
}

export function getCredentialsRequest(config: SaasusApiConfig, grant: CredentialsGrant): SignedRequest {
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

export function userInfoRequest(config: SaasusApiConfig, idToken: string): SignedRequest {
  return signed(config, 'GET', '/userinfo', new URLSearchParams([['token', idToken]]));
}

export function authInfoRequest(config: SaasusApiConfig): SignedRequest {
  return signed(config, 'GET', '/auth-info');
}

function signed(
  config: SaasusApiConfig,
  method: 'GET' | 'POST',
  path: string,
  query?: URLSearchParams,
  body?: string,
): SignedRequest {
  const base = apiBaseUrl(config);
  // Serialise once and use this very string both to sign and to send: `fetch` re-parses it into
  // the same bytes (WHATWG URL serialisation is idempotent), and the Host header it sends is the
  // URL's host[:port], which is what the server puts in front of the path when it verifies.
  const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
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
  let url: URL;
  try {
    url = new URL(config.baseUrl ?? DEFAULT_BASE_URL);
  } catch {
    throw new AppError('invalid_configuration', 'The SaaSus API base URL is not a valid URL.');
  }
  if (url.search || url.hash || url.username || url.password)
    throw new AppError('invalid_configuration', 'The SaaSus API base URL must not carry a query, fragment or user name.');
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
  throw new AppError(
    'invalid_configuration',
    'The SaaSus API base URL must use https (plain http is only allowed for 127.0.0.1 or localhost).',
  );
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

// ---- Response processors ----------------------------------------------------------------------

const nonEmpty = v.pipe(v.string(), v.minLength(1));

const CredentialsSchema = v.object({
  id_token: nonEmpty,
  access_token: nonEmpty,
  // Optional on the wire; parse `null` and "" defensively as "not sent".
  refresh_token: v.optional(v.nullable(v.string())),
});

const TempCodeSchema = v.object({ code: nonEmpty });

const RoleSchema = v.object({ role_name: v.string(), display_name: v.string() });
const EnvSchema = v.object({
  id: v.union([v.number(), v.string()]),
  name: v.string(),
  roles: v.array(RoleSchema),
});
const TenantSchema = v.object({
  id: v.string(),
  name: v.string(),
  plan_id: v.optional(v.nullable(v.string())),
  envs: v.array(EnvSchema),
});
const UserInfoSchema = v.object({ id: v.string(), email: v.string(), tenants: v.array(TenantSchema) });
const AuthInfoSchema = v.object({ callback_url: v.string() });

/** SaaSus error bodies: `{type, message, data?}`. Only `type` is ever used (and only if it looks like an identifier). */
const ErrorBodySchema = v.object({ type: v.string(), message: v.string() });

export type Endpoint = 'createCredentials' | 'tempCodeAuth' | 'refreshTokenAuth' | 'userInfo' | 'authInfo';

export function processCreateCredentialsResponse(res: HttpResponse): { code: string } {
  expectSuccess('createCredentials', res);
  return { code: parseJsonBody(res, TempCodeSchema, SERVICE).code };
}

export function processGetCredentialsResponse(res: HttpResponse, authFlow: CredentialsGrant['authFlow']): Credentials {
  expectSuccess(authFlow, res);
  const body = parseJsonBody(res, CredentialsSchema, SERVICE);
  return body.refresh_token
    ? { idToken: body.id_token, accessToken: body.access_token, refreshToken: body.refresh_token }
    : { idToken: body.id_token, accessToken: body.access_token };
}

export function processUserInfoResponse(res: HttpResponse): UserInfo {
  expectSuccess('userInfo', res);
  const body = parseJsonBody(res, UserInfoSchema, SERVICE);
  return {
    id: body.id,
    email: body.email,
    tenants: body.tenants.map((t) => ({
      id: t.id,
      name: t.name,
      planId: t.plan_id ?? null,
      envs: t.envs.map((e) => ({
        id: String(e.id),
        name: e.name,
        roles: e.roles.map((r) => ({ roleName: r.role_name, displayName: r.display_name })),
      })),
    })),
  };
}

export function processAuthInfoResponse(res: HttpResponse): AuthInfo {
  expectSuccess('authInfo', res);
  return { callbackUrl: parseJsonBody(res, AuthInfoSchema, SERVICE).callback_url };
}

function expectSuccess(endpoint: Endpoint, res: HttpResponse): void {
  if (res.status >= 200 && res.status < 300) return;
  throw failureFor(endpoint, res);
}

/** The typed error for a non-2xx answer. Exported for tests and for callers that build their own calls. */
export function failureFor(endpoint: Endpoint, res: HttpResponse): AppError {
  const type = errorType(res);
  const cause = new Error(`SaaSus ${endpoint} answered HTTP ${res.status}${type ? ` (${type})` : ''}`);
  if (res.status === 401) {
    if (endpoint === 'userInfo')
      return new AppError('unauthorized', 'SaaSus refused the ID token (expired or invalid): log in again.', { cause });
    return new AppError('invalid_configuration', 'SaaSus refused the request: check the SaaS ID, API key and secret key.', {
      cause,
    });
  }
  if (res.status === 404 && endpoint === 'tempCodeAuth')
    return new AppError('code_expired', 'The code expired or was already used: log in again.', { cause });
  if (res.status === 404 && endpoint === 'refreshTokenAuth')
    return new AppError('needs_login', 'SaaSus no longer accepts this session (expired or revoked): log in again.', { cause });
  if (res.status >= 500)
    return new AppError('http_error', `SaaSus had a problem (HTTP ${res.status}). Try again in a moment.`, { cause });
  return new AppError('http_error', `SaaSus refused the request (HTTP ${res.status}${type ? `, ${type}` : ''}).`, { cause });
}

function errorType(res: HttpResponse): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(res.text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(ErrorBodySchema, data);
  // The type is an identifier like `permission_denied`; anything else is not repeated to the user.
  return parsed.success && /^[A-Za-z_]{1,40}$/.test(parsed.output.type) ? parsed.output.type : undefined;
}

// ---- Calls ------------------------------------------------------------------------------------

async function send(config: SaasusApiConfig, req: SignedRequest, opts: CallOptions): Promise<HttpResponse> {
  return httpRequest({
    ...req,
    ...knobsOf(config),
    service: SERVICE,
    signal: opts.signal,
  });
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
