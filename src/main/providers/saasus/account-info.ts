/**
 * What the account screen shows for a SaaSus session: who (email, ID token claims), until when (the
 * `exp` of the ID and access tokens), and what the user may do (tenants → environments → roles, from
 * `/userinfo`).
 *
 * The tokens are decoded with jwt-decode, without verifying signatures: Tessera only displays these
 * values, and the one party that must trust them (SaaSus, on `/userinfo` and in the SaaS's
 * backend) verifies them itself. Nothing here is used for an access decision.
 */
import { jwtDecode } from 'jwt-decode';
import type { SaasusTenant } from '../../../shared/model';
import { AppError } from '../../errors';
import { getUserInfo, type CallOptions, type Credentials, type SaasusApiConfig } from './api';

export interface SaasusAccountInfo {
  readonly userId: string;
  readonly email: string;
  /** The ID token's `name` claim, when the SaaS sets one. */
  readonly name: string | null;
  /** Every claim of the ID token, for display. */
  readonly idTokenClaims: Readonly<Record<string, unknown>>;
  /** Epoch ms, from `exp`; null when the token has no readable `exp`. */
  readonly idTokenExpiresAt: number | null;
  readonly accessTokenExpiresAt: number | null;
  readonly tenants: readonly SaasusTenant[];
}

export async function describeAccount(
  api: SaasusApiConfig,
  tokens: Pick<Credentials, 'idToken' | 'accessToken'>,
  opts: CallOptions = {},
): Promise<SaasusAccountInfo> {
  const idTokenClaims = decodeClaims(tokens.idToken);
  if (!idTokenClaims) throw new AppError('bad_response', 'SaaSus returned an ID token Tessera cannot read.', { key: 'saasus.idTokenUnreadable' });
  const info = await getUserInfo(api, tokens.idToken, opts);
  if (typeof idTokenClaims.sub === 'string' && idTokenClaims.sub !== info.id)
    throw new AppError('bad_response', 'SaaSus described a different user than the one in the ID token.', { key: 'saasus.otherUser' });
  return {
    userId: info.id,
    email: info.email,
    name: typeof idTokenClaims.name === 'string' ? idTokenClaims.name : null,
    idTokenClaims,
    idTokenExpiresAt: expiresAt(idTokenClaims),
    accessTokenExpiresAt: expiresAt(decodeClaims(tokens.accessToken)),
    tenants: info.tenants,
  };
}

/** The payload of a JWT, or undefined when the string is not one. */
export function decodeClaims(token: string): Record<string, unknown> | undefined {
  try {
    const claims: unknown = jwtDecode(token);
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims) ? (claims as Record<string, unknown>) : undefined;
  } catch {
    // jwt-decode's messages can quote part of the token: not passed on.
    return undefined;
  }
}

/** `exp` (seconds) as epoch ms. */
export function expiresAt(claims: Readonly<Record<string, unknown>> | undefined): number | null {
  const exp = claims?.exp;
  return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? exp * 1000 : null;
}
