/**
 * The non-secret metadata file (electron-store / conf JSON), its schema and its migrations, in
 * one place. Bump CURRENT_VERSION and append a migration when the shape changes; never edit an old
 * migration.
 */
import * as v from 'valibot';
import { ERROR_CODES } from '../../shared/errors';
import { AccountSummary, CleverCloudConsumerFields, Id, Millis, ProviderId, SaasusConnectionFields, Settings } from '../../shared/model';
import { DEFAULT_SETTINGS } from '../../shared/types';

export const CURRENT_VERSION = 3;

/** An account as listed (src/shared/model.ts), and what only main needs of it. */
export const AccountRecordSchema = v.object({
  ...AccountSummary.entries,
  createdAt: Millis,
  /** Names of this account's keychain entries (the `<field>` of account/<provider>/<id>/<field>). */
  secretFields: v.array(v.string()),
  /** Provider-owned, non-secret data; each provider parses its own part. */
  data: v.record(v.string(), v.unknown()),
});
export type AccountRecord = v.InferOutput<typeof AccountRecordSchema>;

/**
 * The settings as stored: the ranges of src/shared/model.ts, a missing one at its default (a file
 * written before that setting existed), unknown ones dropped.
 */
export const SettingsSchema = v.pipe(
  v.partial(v.object(Settings.entries)),
  v.transform((stored): Settings => ({ ...DEFAULT_SETTINGS, ...stored })),
);

export const SaasusConnectionSchema = v.object({
  ...SaasusConnectionFields.entries,
  /** MAC over what routes the secret key's signatures (src/main/vault/bindings.ts); absent before the upgrade step. */
  binding: v.optional(v.string()),
});
export type SaasusConnectionRecord = v.InferOutput<typeof SaasusConnectionSchema>;

/** A user's own Clever Cloud OAuth consumer (its secret is in the keychain: connection/clever-cloud-consumer/<id>/secret). */
export const CleverCloudConsumerSchema = v.object({
  ...CleverCloudConsumerFields.entries,
  /** MAC over the id and key (src/main/vault/bindings.ts); absent before the upgrade step. */
  binding: v.optional(v.string()),
});
export type CleverCloudConsumerRecord = v.InferOutput<typeof CleverCloudConsumerSchema>;

/**
 * Keychain entries of one account that no listed account names yet (a first save in progress) or
 * any more (a removal in progress). Names only: never a secret value.
 */
export const SecretSetSchema = v.object({
  provider: ProviderId,
  id: Id,
  fields: v.array(v.string()),
});
export type SecretSet = v.InferOutput<typeof SecretSetSchema>;

/**
 * The intent journal (see accounts-service.ts and journal.ts in src/main/accounts): what an interrupted save or removal left in the
 * keychain. Startup deletes these entries by name and empties the journal.
 */
export const JournalSchema = v.object({
  /** Written durably before the secrets of a new account (or new fields of one); cleared by the metadata write that names them. */
  saving: v.array(SecretSetSchema),
  /** Accounts taken off the list whose keychain entries are being deleted. */
  removing: v.array(SecretSetSchema),
});
export type Journal = v.InferOutput<typeof JournalSchema>;

/**
 * A replaced Clever Cloud token Tessera still has to revoke (see
 * src/main/providers/clever-cloud/retired-tokens.ts). The token itself is in the keychain
 * (`retired/clever-cloud/<rid>`); this entry names it and says how its revocation went. Names,
 * dates and an error code only: never a value.
 */
export const PendingRevocationSchema = v.object({
  rid: Id,
  /** The account whose token it was (it may have been removed since); null when not known. */
  accountId: v.nullable(Id),
  /**
   * The consumer the token was issued to ('cli' or a consumer id): removing that consumer waits for
   * this revocation. Null when not known yet (an entry rebuilt from the keychain).
   */
  consumerRef: v.nullable(v.string()),
  since: Millis,
  attempts: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastAttemptAt: v.nullable(Millis),
  lastErrorCode: v.nullable(v.picklist(ERROR_CODES)),
});
export type PendingRevocationRecord = v.InferOutput<typeof PendingRevocationSchema>;

export const MetadataSchema = v.object({
  schemaVersion: v.literal(CURRENT_VERSION),
  accounts: v.array(AccountRecordSchema),
  settings: v.optional(SettingsSchema, DEFAULT_SETTINGS),
  /** SaaS connections (their secret keys are in the keychain: connection/saasus/<id>/secret-key). */
  saasusConnections: v.optional(v.array(SaasusConnectionSchema), []),
  cleverCloudConsumers: v.optional(v.array(CleverCloudConsumerSchema), []),
  /**
   * Set when the file was missing or corrupt and the list still has to be rebuilt from the
   * keychain; cleared once that succeeded. Kept on disk so a keychain that is locked at that
   * moment does not lose the rebuild.
   */
  recoveryPending: v.optional(v.boolean(), false),
  journal: v.optional(JournalSchema, { saving: [], removing: [] }),
  pendingRevocations: v.optional(v.array(PendingRevocationSchema), []),
});
export type MetadataDocument = v.InferOutput<typeof MetadataSchema>;

export function emptyDocument(): MetadataDocument {
  return { schemaVersion: CURRENT_VERSION, accounts: [], settings: { ...DEFAULT_SETTINGS }, saasusConnections: [], cleverCloudConsumers: [], recoveryPending: false, journal: { saving: [], removing: [] }, pendingRevocations: [] };
}

/**
 * migrations[n] turns a version-n document into version n+1. Version 0 is "no schemaVersion
 * field", which no released build wrote; it exists so the mechanism is exercised from day one.
 */
const migrations: readonly ((doc: Record<string, unknown>) => Record<string, unknown>)[] = [
  (doc) => ({ ...doc, schemaVersion: 1, accounts: Array.isArray(doc.accounts) ? doc.accounts : [] }),
  // 1 → 2: the intent journal of interrupted saves and removals, empty for a file written before it.
  (doc) => ({ ...doc, schemaVersion: 2, journal: { saving: [], removing: [] } }),
  // 2 → 3: replaced Clever Cloud tokens waiting to be revoked (none for a file written before them);
  // connections, consumers and accounts gain the MAC of what routes their secrets
  // (src/main/vault/bindings.ts). The MACs cannot be computed here (the key is in the keychain): the
  // bindings' upgrade step seals them the first time the key is needed. Bumping the version keeps
  // an older Tessera from rewriting the file without them.
  (doc) => ({ ...doc, schemaVersion: 3, pendingRevocations: [] }),
];

export type MigrationOutcome =
  | { readonly ok: true; readonly doc: MetadataDocument; readonly migrated: boolean }
  | { readonly ok: false; readonly reason: string };

export function migrate(raw: unknown): MigrationOutcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  let doc = raw as Record<string, unknown>;
  const from = doc.schemaVersion === undefined ? 0 : doc.schemaVersion;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) return { ok: false, reason: 'bad schemaVersion' };
  if (from > CURRENT_VERSION) return { ok: false, reason: `written by a newer Tessera (version ${from})` };
  for (let version = from; version < CURRENT_VERSION; version += 1) doc = migrations[version]!(doc);
  const parsed = v.safeParse(MetadataSchema, doc);
  if (!parsed.success) return { ok: false, reason: 'does not match the schema' };
  const ids = new Set(parsed.output.accounts.map((a) => a.id));
  if (ids.size !== parsed.output.accounts.length) return { ok: false, reason: 'duplicate account ids' };
  return { ok: true, doc: parsed.output, migrated: from !== CURRENT_VERSION };
}
