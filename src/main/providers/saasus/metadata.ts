/**
 * What SaaSus keeps in the metadata file, beside the connections (src/main/vault/metadata-schema.ts):
 * an account's data (`record.data`; nothing here is a secret), and what a connection and an account
 * are sealed over (src/main/vault/bindings.ts says why; saasus-accounts.ts says what it protects).
 */
import * as v from 'valibot';
import { SaasusTenant } from '../../../shared/model';
import { routeOrigin, type Seal } from '../../vault/bindings';
import type { MetadataDocument, SaasusConnectionRecord } from '../../vault/metadata-schema';
import { DEFAULT_BASE_URL } from './constants';

/** What a SaaSus account keeps in the metadata (`record.data`). Nothing here is a secret. */
export const AccountDataSchema = v.object({
  connectionId: v.string(),
  /** The origins of the connection's API base URL and login page when this user logged in. */
  apiOrigin: v.optional(v.string()),
  loginOrigin: v.optional(v.string()),
  /** MAC over the id, connectionId and the two origins (see the file comment). */
  binding: v.optional(v.string()),
  userId: v.string(),
  email: v.string(),
  tenants: v.array(SaasusTenant),
  claims: v.record(v.string(), v.unknown()),
  idTokenExpiresAt: v.nullable(v.number()),
  accessTokenExpiresAt: v.nullable(v.number()),
  refreshTokenObtainedAt: v.nullable(v.number()),
});
export type AccountData = v.InferOutput<typeof AccountDataSchema>;

/** What an account is sealed over (see the file comment). */
export type AccountRoute = Pick<AccountData, 'connectionId' | 'apiOrigin' | 'loginOrigin'>;

export function apiBaseUrlOf(connection: Pick<SaasusConnectionRecord, 'apiBaseUrl'>): string {
  return connection.apiBaseUrl || DEFAULT_BASE_URL;
}

/** What a connection is sealed over, in order: where its secret key signs for. */
export function connectionSealed(c: Pick<SaasusConnectionRecord, 'id' | 'saasId' | 'apiKey' | 'apiBaseUrl' | 'loginUrl'>): string[] {
  return [c.id, c.saasId, c.apiKey, routeOrigin(apiBaseUrlOf(c)), routeOrigin(c.loginUrl)];
}

/** What an account is sealed over, in order: where its tokens may go. */
export function accountSealed(accountId: string, route: AccountRoute): string[] {
  return [accountId, route.connectionId, route.apiOrigin ?? '', route.loginOrigin ?? ''];
}

/**
 * The upgrade step (src/main/vault/bindings.ts): seals every connection, and every account with
 * the origins of its connection as they are now (an account sealed before keeps its own).
 */
export function sealSaasusEntries(doc: MetadataDocument, seal: Seal): MetadataDocument {
  const saasusConnections = doc.saasusConnections.map((c) => ({ ...c, binding: seal('saasus-connection', connectionSealed(c)) }));
  const accounts = doc.accounts.map((a) => {
    if (a.provider !== 'saasus') return a;
    const parsed = v.safeParse(AccountDataSchema, a.data);
    if (!parsed.success) return a;
    // Without its connection (which nothing should allow) it can send nothing anyway: sealed to no host.
    const connection = saasusConnections.find((c) => c.id === parsed.output.connectionId);
    const apiOrigin = parsed.output.apiOrigin ?? (connection ? routeOrigin(apiBaseUrlOf(connection)) : '');
    const loginOrigin = parsed.output.loginOrigin ?? (connection ? routeOrigin(connection.loginUrl) : '');
    const route: AccountRoute = { connectionId: parsed.output.connectionId, apiOrigin, loginOrigin };
    return { ...a, data: { ...a.data, apiOrigin, loginOrigin, binding: seal('saasus-account', accountSealed(a.id, route)) } };
  });
  return { ...doc, saasusConnections, accounts };
}
