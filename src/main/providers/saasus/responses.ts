/**
 * Response processors of the SaaSus Auth API client (api.ts): each `processXxxResponse` turns the
 * HTTP answer into a typed value or an `AppError` (non-2xx answers through errors.ts). Bodies that
 * are not the documented JSON are a `bad_response`; a refresh answer may leave out `refresh_token`.
 */
import * as v from 'valibot';
import { parseJsonBody, type HttpResponse } from '../../net/http';
import { expectSuccess } from '../../net/request';
import { SERVICE } from './constants';
import { failureFor, type Endpoint } from './errors';
import type { CredentialsGrant } from './requests';

/** SaaSus `Credentials`. `refreshToken` is absent when the server did not send one. */
export interface Credentials {
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken?: string;
}

export interface Role {
  readonly roleName: string;
  readonly displayName: string;
}

export interface TenantEnv {
  /** An integer in the SaaSus API; kept as a string so that nothing downstream depends on it. */
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
}

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly planId: string | null;
  readonly envs: readonly TenantEnv[];
}

export interface UserInfo {
  readonly id: string;
  readonly email: string;
  readonly tenants: readonly Tenant[];
}

export interface AuthInfo {
  readonly callbackUrl: string;
}

// ---- Processors ----------------------------------------------------------------------------------

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

function expectOk(endpoint: Endpoint, res: HttpResponse): void {
  expectSuccess(res, (r) => failureFor(endpoint, r));
}

export function processCreateCredentialsResponse(res: HttpResponse): { code: string } {
  expectOk('createCredentials', res);
  return { code: parseJsonBody(res, TempCodeSchema, SERVICE).code };
}

export function processGetCredentialsResponse(res: HttpResponse, authFlow: CredentialsGrant['authFlow']): Credentials {
  expectOk(authFlow, res);
  const body = parseJsonBody(res, CredentialsSchema, SERVICE);
  return body.refresh_token
    ? { idToken: body.id_token, accessToken: body.access_token, refreshToken: body.refresh_token }
    : { idToken: body.id_token, accessToken: body.access_token };
}

export function processUserInfoResponse(res: HttpResponse): UserInfo {
  expectOk('userInfo', res);
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
  expectOk('authInfo', res);
  return { callbackUrl: parseJsonBody(res, AuthInfoSchema, SERVICE).callback_url };
}
