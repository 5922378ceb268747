/**
 * Refreshing a SaaSus session (`refreshTokenAuth`).
 *
 * The answer always carries new ID and access tokens, and a refresh token only when the server
 * rotated it (whether SaaSus rotates is unverified, so both are handled: docs/PROVIDERS.md, SaaSus,
 * "Refresh"). `mergeRefreshed` is the one place that rule lives: a caller that stores the merged
 * value never drops a still-valid refresh token, and a caller whose refresh failed stores nothing,
 * so what it had stays usable.
 *
 * Errors (see api.ts): `needs_login` when SaaSus no longer knows the refresh token (expired,
 * revoked, already rotated away), `invalid_configuration` when the signature is refused, and the
 * transport codes (`timeout`, `network`, `http_error`, `bad_response`, …) for failures that a later
 * retry may fix.
 */
import { refreshTokenAuth, type CallOptions, type Credentials, type SaasusApiConfig } from './api';

/** The refresh answer as SaaSus sent it: `refreshToken` only when rotated. */
export function refreshTokens(api: SaasusApiConfig, refreshToken: string, opts: CallOptions = {}): Promise<Credentials> {
  return refreshTokenAuth(api, refreshToken, opts);
}

/** The credentials to store after a refresh: the new tokens, and the old refresh token unless a new one came. */
export function mergeRefreshed(old: Credentials, answer: Credentials): Credentials {
  const refreshToken = answer.refreshToken ?? old.refreshToken;
  return refreshToken === undefined
    ? { idToken: answer.idToken, accessToken: answer.accessToken }
    : { idToken: answer.idToken, accessToken: answer.accessToken, refreshToken };
}

/** True when the answer replaced the refresh token (the old one is now dead on the server). */
export function refreshTokenRotated(old: Credentials, answer: Credentials): boolean {
  return answer.refreshToken !== undefined && answer.refreshToken !== old.refreshToken;
}
