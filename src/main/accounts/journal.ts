/**
 * The start-up half of the ordering rules in accounts-service.ts: finishing the saves and removals
 * a crash interrupted (the intent journal), and rebuilding the account list from the keychain when
 * the metadata file was lost or corrupt. Also the pure edits of the journal the service makes on
 * every save and removal. Reads no secret, except the one listing of the keychain a rebuild needs.
 */
import type { ProviderId } from '../../shared/types';
import type { AccountRecord, MetadataDocument, SecretSet } from '../vault/metadata-schema';
import type { MetadataStore } from '../vault/metadata-store';
import { accountSecretKey, parseAccountSecretKey, type SecretStore } from '../vault/secret-store';

/**
 * Told every keychain entry name of a rebuild before its accounts are written: a provider adopts
 * the entries that are no account's (replaced tokens waiting to be revoked) with its own durable
 * metadata write. A crash after that write leaves the rebuild pending, so the next start lists the
 * keychain again and the provider adopts only what it does not know yet.
 */
export type RebuildListener = (keys: readonly string[], now: number) => void;

/**
 * Deletes, by name, the keychain entries the journal's `leftovers` say an interrupted save wrote or
 * an interrupted removal had not deleted yet (never one a listed account names), then empties those
 * journal entries. Reads no secret.
 *
 * `leftovers` are the entries the journal held when the metadata file was opened: what a previous
 * run left. Entries added since belong to saves and removals of this run, perhaps still under way
 * (an agent serves commands from its first moment), and are left alone: deleting the entry a save
 * has just written, before the save lists its account, would lose the account's token.
 */
export async function finishInterrupted(metadata: MetadataStore, secrets: SecretStore, leftovers: readonly SecretSet[]): Promise<void> {
  const { saving, removing } = metadata.document.journal;
  const pending = leftovers.filter((set) => saving.includes(set) || removing.includes(set));
  if (pending.length === 0) return;
  const named = new Set(metadata.accounts.flatMap((a) => entryKeys({ provider: a.provider, id: a.id, fields: a.secretFields })));
  await Promise.all(pending.flatMap(entryKeys).filter((k) => !named.has(k)).map((key) => secrets.delete(key)));
  metadata.update((doc) => withoutJournal(doc, pending));
}

/**
 * When the metadata file was missing or corrupt: one account per provider and id the keychain
 * names, "recovered" (the provider fills in its details on next use). Returns the accounts added.
 */
export async function rebuildFromKeychain(
  metadata: MetadataStore,
  secrets: SecretStore,
  now: number,
  listeners: Iterable<RebuildListener>,
): Promise<readonly AccountRecord[]> {
  if (!metadata.document.recoveryPending) return [];
  const keys = (await secrets.list()).map((entry) => entry.key);
  for (const listener of listeners) listener(keys, now);
  const byAccount = new Map<string, { provider: ProviderId; accountId: string; fields: string[] }>();
  for (const key of keys) {
    const parsed = parseAccountSecretKey(key);
    if (!parsed) continue;
    const id = `${parsed.provider}/${parsed.accountId}`;
    const found = byAccount.get(id) ?? { provider: parsed.provider, accountId: parsed.accountId, fields: [] };
    found.fields.push(parsed.field);
    byAccount.set(id, found);
  }
  const candidates: AccountRecord[] = [...byAccount.values()].map((a) => ({
    id: a.accountId,
    provider: a.provider,
    // No name of its own: worded where it is shown, in that place's language (AccountsService's placeholders).
    displayName: '',
    subtitle: '',
    avatarUrl: null,
    expiresAt: null,
    status: 'recovered',
    statusMessage: 'The account list was rebuilt from the keychain.',
    statusReason: { code: 'metadata_error', key: 'account.rebuilt' },
    createdAt: now,
    updatedAt: now,
    secretFields: a.fields.sort(),
    data: {},
  }));
  // Compared with the document at the moment of writing: a login that saved while the keychain
  // was being listed is already there and is not duplicated.
  let recovered: AccountRecord[] = [];
  metadata.update((doc) => {
    const known = new Set(doc.accounts.map((a) => a.id));
    recovered = candidates.filter((a) => !known.has(a.id));
    return { ...doc, accounts: [...doc.accounts, ...recovered], recoveryPending: false };
  });
  return recovered;
}

/** The keychain entry names of a set. */
export function entryKeys(set: SecretSet): string[] {
  return set.fields.map((f) => accountSecretKey(set.provider, set.id, f));
}

/**
 * The document without these journal entries (compared by identity: one save's intent, not
 * another's); `undefined` stands for a save that journaled nothing.
 */
export function withoutJournal(doc: MetadataDocument, done: readonly (SecretSet | undefined)[]): MetadataDocument {
  return {
    ...doc,
    journal: { saving: doc.journal.saving.filter((s) => !done.includes(s)), removing: doc.journal.removing.filter((s) => !done.includes(s)) },
  };
}

/** The fields of `named` that `drop` selects, as a journal entry; undefined when none. */
export function droppedSet(provider: ProviderId, id: string, named: readonly string[], drop: (field: string) => boolean): SecretSet | undefined {
  const fields = named.filter(drop);
  return fields.length > 0 ? { provider, id, fields } : undefined;
}

/** The document with these entries journaled as being removed. */
export function withRemoval(doc: MetadataDocument, removal: SecretSet | undefined): MetadataDocument {
  return removal ? { ...doc, journal: { ...doc.journal, removing: [...doc.journal.removing, removal] } } : doc;
}
