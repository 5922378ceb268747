/**
 * Accounts: the list, one account's details, rename, remove, and the primitives providers use to
 * save and read credentials. Plain Node; its stores come in through the constructor.
 *
 * Ordering rules (why a crash at any instant leaves every account usable and the keychain and the
 * metadata in agreement; test/reliability/crash-consistency.test.ts kills a real process at
 * random instants to check them):
 * - First save of an account (or of fields it did not have): the metadata's intent journal names
 *   the entries about to be written (provider, id, fields: names only) and is on disk before the
 *   keychain is touched. The keychain is written next, then one metadata write adds the account and
 *   clears the intent together. A crash in between leaves entries that the journal names and no
 *   account does: the next start deletes them (by name, reading nothing).
 * - Replacing the secrets of an account (a new login of the same user; a refresh, which writes
 *   only a refresh token the server rotated): the field that cannot be recovered (`writeFirst`:
 *   SaaSus's refresh token, which the server may already have rotated) is written first and alone,
 *   then the others together. A crash in between leaves the new refresh token, which is all a
 *   refresh needs. A crash before it leaves the old one: valid too, or refused by a server that
 *   rotated it, in which case the account reads "needs login" with its stored refresh token intact.
 * - Remove: one metadata write takes the account off the list and journals its entries as being
 *   removed; the keychain entries are deleted next; then the journal entry goes. A crash in
 *   between leaves no listed account without secrets and no secrets that nothing names: the next
 *   start finishes the deletes. If the keychain refuses the deletes, the account is put back and
 *   the error is reported (removing it again succeeds: deleting a missing entry is not an error).
 * - A failing keychain aborts a save before the account is listed; what it wrote is deleted again
 *   (or, if the keychain cannot do even that, left to the journal for the next start).
 * - Refresh results of existing accounts go to the metadata through the deferred write
 *   (MetadataStore.updateSoon): a crash may lose the new expiry dates, never a token; the next
 *   start sees the old dates and refreshes early.
 * - Entries a save no longer has (a new login without a field; a refresh that drops entries the
 *   provider no longer keeps, such as SaaSus ID and access tokens an older Tessera stored) are
 *   removed like an account: one durable metadata write stops naming them and journals them as
 *   being removed, then they are deleted, then the journal entry goes. A crash in between leaves
 *   entries that only the journal names: the next start deletes them.
 *
 * Listing never touches the keychain: drawing the list costs no secret reads, and the startup step
 * that finishes a previous run's interrupted saves and removals (journal.ts) only deletes entries by
 * name, and leaves this run's alone (they may still be under way).
 *
 * `accountsChanged` is coalesced: every change made within CHANGE_WINDOW_MS becomes one event
 * carrying the list as it is then.
 */
import { randomBytes } from 'node:crypto';
import type { AccountDetail, AccountScope, AccountSummary, ProviderId, Settings, StatusReason } from '../../shared/types';
import type { ErrorInfo } from '../../shared/errors';
import { AppError } from '../errors';
import { coalesce, type EventSink } from '../ipc/events';
import type { AccountRecord, MetadataDocument, SecretSet } from '../vault/metadata-schema';
import type { MetadataStore } from '../vault/metadata-store';
import { accountSecretKey, type SecretStore } from '../vault/secret-store';
import { droppedSet, entryKeys, finishInterrupted, rebuildFromKeychain, withoutJournal, withRemoval, type RebuildListener } from './journal';
import { SecretWrites } from './secret-writes';

/** Changes made within this window reach the renderer, tray, scheduler and notices as one event. */
export const CHANGE_WINDOW_MS = 16;

export interface NewAccount {
  readonly provider: ProviderId;
  /** Reuse an id to replace an existing account's credentials in place. */
  readonly id?: string;
  readonly displayName: string;
  readonly subtitle: string;
  readonly avatarUrl?: string | null;
  readonly expiresAt: number | null;
  readonly data?: Record<string, unknown>;
  /** field → secret value; each becomes one keychain entry. */
  readonly secrets: Readonly<Record<string, string>>;
  /** The field that cannot be recovered if lost (a refresh token): written first, alone. */
  readonly writeFirst?: string;
  /**
   * Fields of the account being replaced that the save keeps as they are, though `secrets` does not
   * name them (values that outlive a new login, such as the service tokens Tessera created).
   */
  readonly keeps?: (field: string) => boolean;
}

/** A refresh of an existing account: only the secrets that changed; other fields keep their entries. */
export interface RefreshedAccount {
  readonly expiresAt: number | null;
  /**
   * The provider's data, or how to change the data the account has when the write is made (after
   * the keychain answered), so that two changes made at once both land.
   */
  readonly data: Record<string, unknown> | ((current: Record<string, unknown>) => Record<string, unknown>);
  readonly changedSecrets: Readonly<Record<string, string>>;
  readonly writeFirst?: string;
  /** Fields whose entries the account no longer keeps: the metadata stops naming them, then they are deleted. */
  readonly droppedSecrets?: readonly string[];
}

/** A new status for one account, and why: in English (`message`) and as data the window and notifications word (`reason`). */
export interface StatusChange {
  readonly id: string;
  readonly status: AccountRecord['status'];
  readonly message: string | null;
  readonly reason: StatusReason | null;
}

export class AccountsService {
  private readonly now: () => number;
  private readonly changes = coalesce(() => this.deps.events.emit('accountsChanged', this.list()), CHANGE_WINDOW_MS);
  private readonly removalListeners = new Set<(id: string) => void>();
  private readonly rebuildListeners = new Set<RebuildListener>();
  /** The keychain writes and deletes, in the order of the rules above (secret-writes.ts). */
  private readonly writes: SecretWrites;

  constructor(
    private readonly deps: {
      readonly metadata: MetadataStore;
      readonly secrets: SecretStore;
      readonly events: EventSink;
      readonly now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
    this.writes = new SecretWrites(deps.metadata, deps.secrets);
    this.leftovers = [...deps.metadata.document.journal.saving, ...deps.metadata.document.journal.removing];
  }

  /**
   * The startup step (AppServices.start): finishes saves and removals a crash interrupted, then
   * rebuilds the list from the keychain when the metadata file was missing or corrupt. Rebuilt
   * accounts come back as "recovered": the provider fills in their details on next use. Returns
   * how many accounts were rebuilt.
   */
  recoverIfNeeded(): Promise<number> {
    // Startup and "keychain is back" may both ask; they share one run.
    this.recovering ??= finishInterrupted(this.deps.metadata, this.deps.secrets, this.leftovers)
      .then(() => rebuildFromKeychain(this.deps.metadata, this.deps.secrets, this.now(), this.rebuildListeners))
      .then((recovered) => {
        if (recovered.length > 0) this.changed();
        return recovered.length;
      })
      .finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private recovering: Promise<number> | undefined;
  /** What the journal held when the metadata file was opened: a previous run's unfinished work (journal.ts). */
  private readonly leftovers: readonly SecretSet[];

  /** Called during a rebuild from the keychain, before its accounts are written (journal.ts, `RebuildListener`). */
  onRebuild(listener: RebuildListener): () => void {
    this.rebuildListeners.add(listener);
    return () => this.rebuildListeners.delete(listener);
  }

  list(): AccountSummary[] {
    return this.deps.metadata.accounts.map((r) => this.summary(r));
  }

  /** The stored detail; the provider detail and the avatar are added by the caller (src/main/ipc/handlers/accounts.ts). */
  get(id: string): Omit<AccountDetail, 'avatar'> {
    const record = this.record(id);
    return { ...this.summary(record), createdAt: record.createdAt, facts: [], provided: null };
  }

  /** Every account as stored (for the providers' own views, accounts/provider-records.ts). */
  records(): readonly AccountRecord[] {
    return this.deps.metadata.accounts;
  }

  record(id: string): AccountRecord {
    const record = this.deps.metadata.findAccount(id);
    if (!record) throw new AppError('not_found', 'This account does not exist (it may have been removed).', { key: 'account.notFound' });
    return record;
  }

  rename(id: string, name: string): AccountSummary {
    this.record(id);
    const now = this.now();
    this.deps.metadata.update((doc) => ({
      ...doc,
      accounts: doc.accounts.map((a) => (a.id === id ? { ...a, displayName: name, updatedAt: now } : a)),
    }));
    this.changed();
    return this.summary(this.record(id));
  }

  /**
   * Called when an account leaves the list (removal, log out), so that a provider drops what it
   * holds of it in memory (SaaSus ID and access tokens). Returns the cleanup.
   */
  onRemoved(listener: (id: string) => void): () => void {
    this.removalListeners.add(listener);
    return () => this.removalListeners.delete(listener);
  }

  async remove(id: string): Promise<void> {
    const record = this.record(id);
    const removal: SecretSet = { provider: record.provider, id, fields: [...record.secretFields] };
    this.deps.metadata.update((doc) => withRemoval({ ...doc, accounts: doc.accounts.filter((a) => a.id !== id) }, removal));
    for (const listener of this.removalListeners) listener(id);
    this.changed();
    try {
      await this.writes.deleteKeys(entryKeys(removal));
    } catch (error) {
      // The keychain refused: the account comes back (perhaps missing some entries, which reads as
      // "needs login"), so the user sees what happened and can remove it again.
      this.deps.metadata.update((doc) => ({ ...withoutJournal(doc, [removal]), accounts: [...doc.accounts, record] }));
      this.changed();
      throw error;
    }
    // Losing this write costs nothing: the next start deletes the (already missing) entries again.
    this.deps.metadata.updateSoon((doc) => withoutJournal(doc, [removal]));
  }

  /** Creates an account, or replaces one in place when `account.id` names an existing one. */
  async save(account: NewAccount): Promise<AccountSummary> {
    const id = account.id ?? newAccountId();
    const existing = this.deps.metadata.findAccount(id);
    if (existing && existing.provider !== account.provider) throw new AppError('conflict', 'This account belongs to another provider.', { key: 'account.otherProvider' });
    const written = Object.keys(account.secrets);
    const kept = (existing?.secretFields ?? []).filter((f) => !written.includes(f) && (account.keeps?.(f) ?? false));
    const fields = [...written, ...kept].sort();
    const intent = await this.writes.writeSecrets(account.provider, id, existing, account.secrets, account.writeFirst);
    const now = this.now();
    const record: AccountRecord = {
      id,
      provider: account.provider,
      displayName: account.displayName,
      subtitle: account.subtitle,
      avatarUrl: account.avatarUrl ?? null,
      expiresAt: account.expiresAt,
      status: 'ok',
      statusMessage: null,
      statusReason: null,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      secretFields: fields,
      data: account.data ?? {},
    };
    // Entries of fields the new credentials no longer have are removed only after the metadata
    // stopped naming them (see the rules above).
    const dropped = droppedSet(account.provider, id, existing?.secretFields ?? [], (f) => !fields.includes(f));
    this.deps.metadata.update((doc) =>
      withRemoval(
        {
          ...withoutJournal(doc, [intent]),
          accounts: doc.accounts.some((a) => a.id === id) ? doc.accounts.map((a) => (a.id === id ? record : a)) : [...doc.accounts, record],
        },
        dropped,
      ),
    );
    await this.writes.deleteDropped(dropped);
    this.changed();
    return this.summary(record);
  }

  /**
   * Stores the outcome of a refresh: the secrets that changed (the others keep their entries), then
   * the new expiry through the deferred metadata write (a crash loses only the dates; see above).
   * Fails with `not_found` when the account was removed meanwhile, leaving no entry behind.
   */
  async saveRefreshed(id: string, refreshed: RefreshedAccount): Promise<AccountSummary> {
    const existing = this.record(id);
    const intent = await this.writes.writeSecrets(existing.provider, id, existing, refreshed.changedSecrets, refreshed.writeFirst);
    const current = this.deps.metadata.findAccount(id);
    if (!current) {
      // Removed while the refresh was running: its removal already deleted the entries it knew of.
      // A delete that fails here leaves an entry nothing names (see "Known gaps" in docs/SECURITY.md).
      await Promise.all(Object.keys(refreshed.changedSecrets).map((f) => this.deps.secrets.delete(accountSecretKey(existing.provider, id, f)).catch(() => undefined)));
      if (intent) this.deps.metadata.update((doc) => withoutJournal(doc, [intent]));
      return this.record(id);
    }
    const changed = Object.keys(refreshed.changedSecrets);
    const dropped = droppedSet(current.provider, id, current.secretFields, (f) => (refreshed.droppedSecrets?.includes(f) ?? false) && !changed.includes(f));
    const record: AccountRecord = {
      ...current,
      expiresAt: refreshed.expiresAt,
      status: 'ok',
      statusMessage: null,
      statusReason: null,
      updatedAt: this.now(),
      secretFields: [...new Set([...current.secretFields, ...changed])].filter((f) => !dropped?.fields.includes(f)).sort(),
      data: typeof refreshed.data === 'function' ? refreshed.data(current.data) : refreshed.data,
    };
    const change = (doc: MetadataDocument): MetadataDocument =>
      withRemoval({ ...withoutJournal(doc, [intent]), accounts: doc.accounts.map((a) => (a.id === id ? record : a)) }, dropped);
    // New field names must be on disk before anything relies on them, and dropped ones must be
    // off it before their entries go; new dates need not.
    if (intent || dropped) this.deps.metadata.update(change);
    else this.deps.metadata.updateSoon(change);
    await this.writes.deleteDropped(dropped);
    this.changed();
    return this.summary(record);
  }

  /**
   * Marks an account (a refresh was refused, a token was revoked) without touching its secrets:
   * what it has is kept until the user decides. `why` is what failed (AppError.toInfo()): its
   * English message is kept for the command line, its code, key and parameters for the words.
   */
  setStatus(id: string, status: AccountRecord['status'], why: ErrorInfo | null): AccountSummary {
    this.record(id);
    this.setStatuses([{ id, status, message: why?.message ?? null, reason: why && statusReasonOf(why) }]);
    return this.summary(this.record(id));
  }

  /** Marks several accounts at once (a review of every account at start-up): one metadata write. */
  setStatuses(changes: readonly StatusChange[]): void {
    const byId = new Map(changes.filter((c) => this.deps.metadata.findAccount(c.id)).map((c) => [c.id, c]));
    if (byId.size === 0) return;
    const now = this.now();
    this.deps.metadata.update((doc) => ({
      ...doc,
      accounts: doc.accounts.map((a) => {
        const change = byId.get(a.id);
        return change ? { ...a, status: change.status, statusMessage: change.message, statusReason: change.reason, updatedAt: now } : a;
      }),
    }));
    this.changed();
  }

  /** Reads an account's secrets (for a provider call); never for display. */
  async readSecrets(id: string): Promise<Record<string, string | null>> {
    const record = this.record(id);
    // One round trip's worth of latency, not one per field: the reads go out together.
    const values = await Promise.all(record.secretFields.map((field) => this.deps.secrets.get(accountSecretKey(record.provider, id, field))));
    return Object.fromEntries(record.secretFields.map((field, i) => [field, values[i] ?? null]));
  }

  /** Reads one secret of an account (a copy needs one token, a refresh the refresh token): one keychain read. */
  async readSecret(id: string, field: string): Promise<string | null> {
    const record = this.record(id);
    if (!record.secretFields.includes(field)) return null;
    return this.deps.secrets.get(accountSecretKey(record.provider, id, field));
  }

  settings(): Settings {
    return this.deps.metadata.document.settings;
  }

  updateSettings(patch: Partial<Settings>): Settings {
    const doc = this.deps.metadata.update((d) => ({ ...d, settings: { ...d.settings, ...stripUndefined(patch) } }));
    this.deps.events.emit('settingsChanged', doc.settings);
    return doc.settings;
  }

  /**
   * Sets what derives an account's scope (AccountScope in src/shared/model.ts) from its record: the
   * account's provider module, wired by src/main/app-services.ts once the modules exist.
   */
  setScope(scopeOf: (record: AccountRecord) => AccountScope | undefined): void {
    this.scopeOf = scopeOf;
  }

  private scopeOf: (record: AccountRecord) => AccountScope | undefined = () => undefined;

  /**
   * Sets the words for an account that has no name of its own yet (one rebuilt from the keychain,
   * src/main/accounts/journal.ts, stores none): worded when summarised, in the current language,
   * wired by src/main/app-services.ts.
   */
  setPlaceholders(words: (provider: ProviderId) => Pick<AccountSummary, 'displayName' | 'subtitle'>): void {
    this.placeholders = words;
  }

  private placeholders: (provider: ProviderId) => Pick<AccountSummary, 'displayName' | 'subtitle'> = () => ({ displayName: '', subtitle: '' });

  private summary(record: AccountRecord): AccountSummary {
    const named = record.displayName === '' ? { ...record, ...this.placeholders(record.provider) } : record;
    return toSummary(named, this.scopeOf(record));
  }

  private changed(): void {
    this.changes.request();
  }
}

/** An error's code, key and parameters (never its English message, which statusMessage keeps). */
export function statusReasonOf(why: ErrorInfo): StatusReason {
  return { code: why.code, ...(why.key ? { key: why.key } : {}), ...(why.params ? { params: why.params } : {}) };
}

export function newAccountId(): string {
  return randomBytes(12).toString('base64url');
}

function toSummary(r: AccountRecord, scope: AccountScope | undefined): AccountSummary {
  const summary: AccountSummary = {
    id: r.id,
    provider: r.provider,
    displayName: r.displayName,
    subtitle: r.subtitle,
    avatarUrl: r.avatarUrl,
    expiresAt: r.expiresAt,
    status: r.status,
    statusMessage: r.statusMessage,
    statusReason: r.statusReason ?? null,
    updatedAt: r.updatedAt,
  };
  return scope === undefined ? summary : { ...summary, scope };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as Partial<T>;
}
