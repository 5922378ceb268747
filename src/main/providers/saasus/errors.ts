/**
 * What a SaaSus answer that is not a success means, per call, as a typed `AppError` carrying the
 * status and the endpoint as data (src/main/errors.ts). Messages never quote a token, code, key or
 * URL with its query:
 * - 401 on `/credentials` and `/auth-info` → `invalid_configuration`: only the signature (SaaS ID,
 *   API key, secret key, clock) authenticates these calls.
 * - 401 on `/userinfo` → `unauthorized`: the ID token was refused (expired or invalid). The wire does
 *   not let us tell this apart from a bad signature; a bad configuration already fails the login or
 *   refresh before `/userinfo` is reached, so "log in again" is the useful reading.
 * - 404 on `tempCodeAuth` → `code_expired`; 404 on `refreshTokenAuth` → `needs_login` (the refresh
 *   token is unknown, expired or revoked).
 * - 5xx and anything else unexpected → `http_error`.
 */
import * as v from 'valibot';
import { AppError } from '../../errors';
import type { HttpResponse } from '../../net/http';
import { SERVICE } from './constants';

/** The calls of api.ts, as they name themselves in errors (`getCredentials` by its flow). */
export type Endpoint = 'createCredentials' | 'tempCodeAuth' | 'refreshTokenAuth' | 'userInfo' | 'authInfo';

/** SaaSus error bodies: `{type, message, data?}`. Only `type` is ever used (and only if it looks like an identifier). */
const ErrorBodySchema = v.object({ type: v.string(), message: v.string() });

/** The typed error for a non-2xx answer. */
export function failureFor(endpoint: Endpoint, res: HttpResponse): AppError {
  const type = errorType(res);
  const detail = { cause: new Error(`${SERVICE} ${endpoint} answered HTTP ${res.status}${type ? ` (${type})` : ''}`), status: res.status, endpoint };
  if (res.status === 401) {
    if (endpoint === 'userInfo') return new AppError('unauthorized', 'SaaSus refused the ID token (expired or invalid): log in again.', { ...detail, key: 'saasus.idTokenRefused' });
    return new AppError('invalid_configuration', 'SaaSus refused the request: check the SaaS ID, API key and secret key.', { ...detail, key: 'saasus.configRefused' });
  }
  if (res.status === 404 && endpoint === 'tempCodeAuth') return new AppError('code_expired', 'The code expired or was already used: log in again.', { ...detail, key: 'saasus.codeExpired' });
  if (res.status === 404 && endpoint === 'refreshTokenAuth')
    return new AppError('needs_login', 'SaaSus no longer accepts this session (expired or revoked): log in again.', { ...detail, key: 'saasus.sessionEnded' });
  if (res.status >= 500) return new AppError('http_error', `SaaSus had a problem (HTTP ${res.status}). Try again in a moment.`, {
      ...detail,
      key: 'net.serverProblem',
      params: { service: 'SaaSus', status: res.status },
    });
  return new AppError('http_error', `SaaSus refused the request (HTTP ${res.status}${type ? `, ${type}` : ''}).`, {
    ...detail,
    key: 'saasus.refused',
    params: { status: res.status, type: type ?? '' },
  });
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
