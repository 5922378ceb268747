/**
 * What Clever Cloud keeps in the metadata file, beside its consumers
 * (src/main/vault/metadata-schema.ts): an account's data (`record.data`; nothing here is a
 * secret), and what a consumer and an account are sealed over (src/main/vault/bindings.ts says
 * why; clever-cloud-accounts.ts says what it protects).
 */
import * as v from 'valibot';
import { CleverCloudRight } from '../../../shared/model';
import type { Seal } from '../../vault/bindings';
import type { CleverCloudConsumerRecord, MetadataDocument } from '../../vault/metadata-schema';

/** When an API token Tessera holds was made and when it expires (epoch ms; the bridge's own dates). */
export const ApiTokenDatesSchema = v.object({ createdAt: v.nullable(v.number()), expiresAt: v.number() });
export type ApiTokenDates = v.InferOutput<typeof ApiTokenDatesSchema>;
/** Those dates by token id. */
export const ApiTokenDatesByIdSchema = v.record(v.string(), ApiTokenDatesSchema);

export const AccountDataSchema = v.object({
  userId: v.string(),
  email: v.string(),
  /** 'cli' = the clever-tools public consumer; otherwise the id of one of the user's consumers. */
  consumerRef: v.string(),
  consumerName: v.nullable(v.string()),
  grantedRights: v.array(v.string()),
  availableRights: v.array(CleverCloudRight),
  tokenCreatedAt: v.nullable(v.number()),
  lastUsedAt: v.nullable(v.number()),
  /** The API base URL this account logged in with; its calls go there. */
  apiBaseUrl: v.optional(v.string()),
  /**
   * The API bridge this account's API tokens are made at and used on (its password goes there):
   * the configured bridge at login, a clever-tools profile's `AUTH_BRIDGE_HOST` on import
   * (profile-overrides.ts); absent for accounts from before, which use the configured bridge.
   */
  bridgeUrl: v.optional(v.string()),
  /** MAC over the id, consumerRef, apiBaseUrl and, when recorded, bridgeUrl (see the file comment). */
  binding: v.optional(v.string()),
  /** A clever-tools profile's `CONSOLE_URL` and `SSH_GATEWAY`: kept to write the profile back (clever-tools-export.ts). */
  consoleUrl: v.optional(v.string()),
  sshGateway: v.optional(v.string()),
  /** The alias of the clever-tools profile this account was imported from. */
  profileAlias: v.optional(v.string()),
  /**
   * The dates of the API tokens Tessera holds a value for, by token id (the values are keychain
   * fields: api-tokens/api-token-service.ts). Not secret, and not sealed: they only decide whether
   * "Copy API token" is offered; what is handed out is chosen by the dates kept with each value.
   * A malformed list reads as empty rather than making the whole account unreadable.
   */
  apiTokens: v.optional(v.fallback(ApiTokenDatesByIdSchema, {})),
});
export type AccountData = v.InferOutput<typeof AccountDataSchema>;

/** What a consumer is sealed over, in order: the key its secret signs for. */
export function consumerSealed(c: Pick<CleverCloudConsumerRecord, 'id' | 'key'>): string[] {
  return [c.id, c.key];
}

/**
 * What an account is sealed over, in order: the consumer and the API its secrets may be used with,
 * and the bridge its password goes to when it has one recorded (a MAC over three fields cannot pass
 * for four, so neither adding nor stripping the bridge goes unnoticed).
 */
export function accountSealed(accountId: string, consumerRef: string, apiBaseUrl: string, bridgeUrl?: string): string[] {
  return bridgeUrl === undefined ? [accountId, consumerRef, apiBaseUrl] : [accountId, consumerRef, apiBaseUrl, bridgeUrl];
}

/**
 * The upgrade step (src/main/vault/bindings.ts): seals every consumer, and every account with the
 * API base URL it has, or the configured one (accounts from before it was recorded).
 */
export function sealCleverCloudEntries(doc: MetadataDocument, seal: Seal, configuredBaseUrl: string): MetadataDocument {
  const cleverCloudConsumers = doc.cleverCloudConsumers.map((c) => ({ ...c, binding: seal('clever-cloud-consumer', consumerSealed(c)) }));
  const accounts = doc.accounts.map((a) => {
    if (a.provider !== 'clever-cloud') return a;
    const parsed = v.safeParse(AccountDataSchema, a.data);
    if (!parsed.success) return a;
    const apiBaseUrl = parsed.output.apiBaseUrl ?? configuredBaseUrl;
    return { ...a, data: { ...a.data, apiBaseUrl, binding: seal('clever-cloud-account', accountSealed(a.id, parsed.output.consumerRef, apiBaseUrl, parsed.output.bridgeUrl)) } };
  });
  return { ...doc, cleverCloudConsumers, accounts };
}
