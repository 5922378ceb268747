/**
 * Accounts: the list, one account's details, rename, remove, and the primitives providers use to
 * save and read credentials. Plain Node; its stores come in through the constructor.
 *
 * Ordering rules (why nothing is lost on a crash):
 * - Save: secrets are written to the keychain first, metadata second. A crash in between leaves
 *   keychain entries without metadata; the next start that rebuilds from the keychain finds them,
 *   and a new login for the same account overwrites them. Metadata never points at a secret that
 *   was not written.
 * - Remove: keychain entries are deleted first, metadata second. A crash in between leaves a
 *   listed account without secrets: the user sees it, it reads as "needs login", and removing it
 *   again succeeds (deleting a missing entry is not an error). The other order would leave secrets
 *   in the keychain that no list shows, which nobody would ever clean up.
 * - A failing keychain aborts the operation before metadata is touched.
 *
 * Listing never touches the keychain: drawing the list costs no secret reads.
 */
import { randomBytes } from 'node:crypto';
import type { AccountDetail, AccountSummary, ProviderId, Settings } from '../../shared/types';
import { PROVIDER_NAMES } from '../../shared/types';
import { AppError } from '../errors';
import type { EventSink } from '../ipc/events';
import type { AccountRecord } from '../vault/metadata-schema';
import type { MetadataStore } from '../vault/metadata-store';
import { accountSecretKey, parseAccountSecretKey, type SecretStore } from '../vault/secret-store';

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
}

export class AccountsService {
  private readonly now: () => number;

  constructor(
    private readonly deps: {
      readonly metadata: MetadataStore;
      readonly secrets: SecretStore;
      readonly events: EventSink;
      readonly now?: () => number;
    },
  ) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * Rebuilds the list from the keychain when the metadata file was missing or corrupt. Accounts
   * come back as "recovered": the provider fills in their details on next use.
   */
  recoverIfNeeded(): Promise<number> {
    // Startup and "keychain is back" may both ask; they share one rebuild.
    this.recovering ??= this.recover().finally(() => (this.recovering = undefined));
    return this.recovering;
  }

  private recovering: Promise<number> | undefined;

  private async recover(): Promise<number> {
    if (!this.deps.metadata.document.recoveryPending) return 0;
    const entries = await this.deps.secrets.list();
    const byAccount = new Map<string, { provider: ProviderId; accountId: string; fields: string[] }>();
    for (const { key } of entries) {
      const parsed = parseAccountSecretKey(key);
      if (!parsed) continue;
      const id = `${parsed.provider}/${parsed.accountId}`;
      const found = byAccount.get(id) ?? { provider: parsed.provider, accountId: parsed.accountId, fields: [] };
      found.fields.push(parsed.field);
      byAccount.set(id, found);
    }
    const now = this.now();
    const candidates: AccountRecord[] = [...byAccount.values()].map((a) => ({
        id: a.accountId,
        provider: a.provider,
        displayName: `Recovered ${PROVIDER_NAMES[a.provider]} account`,
        subtitle: 'Details will be reloaded from the provider',
        avatarUrl: null,
        expiresAt: null,
        status: 'recovered',
        statusMessage: 'The account list was rebuilt from the keychain.',
        createdAt: now,
        updatedAt: now,
        secretFields: a.fields.sort(),
        data: {},
      }));
    // Compared with the document at the moment of writing: a login that saved while the keychain
    // was being listed is already there and is not duplicated.
    let recovered: AccountRecord[] = [];
    this.deps.metadata.update((doc) => {
      const known = new Set(doc.accounts.map((a) => a.id));
      recovered = candidates.filter((a) => !known.has(a.id));
      return { ...doc, accounts: [...doc.accounts, ...recovered], recoveryPending: false };
    });
    if (recovered.length > 0) this.changed();
    return recovered.length;
  }

  list(): AccountSummary[] {
    return this.deps.metadata.accounts.map(toSummary);
  }

  get(id: string): AccountDetail {
    const record = this.record(id);
    return {
      ...toSummary(record),
      createdAt: record.createdAt,
      facts: [],
      provided: null,
    };
  }

  record(id: string): AccountRecord {
    const record = this.deps.metadata.findAccount(id);
    if (!record) throw new AppError('not_found', 'This account does not exist (it may have been removed).');
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
    return toSummary(this.record(id));
  }

  async remove(id: string): Promise<void> {
    const record = this.record(id);
    await Promise.all(record.secretFields.map((field) => this.deps.secrets.delete(accountSecretKey(record.provider, record.id, field))));
    this.deps.metadata.update((doc) => ({ ...doc, accounts: doc.accounts.filter((a) => a.id !== id) }));
    this.changed();
  }

  /** Creates an account, or replaces one in place when `account.id` names an existing one. */
  async save(account: NewAccount): Promise<AccountSummary> {
    const id = account.id ?? newAccountId();
    const existing = this.deps.metadata.findAccount(id);
    if (existing && existing.provider !== account.provider) throw new AppError('conflict', 'This account belongs to another provider.');
    const fields = Object.keys(account.secrets).sort();
    for (const field of fields) await this.deps.secrets.set(accountSecretKey(account.provider, id, field), account.secrets[field]!);
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
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      secretFields: fields,
      data: account.data ?? {},
    };
    this.deps.metadata.update((doc) => ({
      ...doc,
      accounts: doc.accounts.some((a) => a.id === id) ? doc.accounts.map((a) => (a.id === id ? record : a)) : [...doc.accounts, record],
    }));
    // Entries of fields the new credentials no longer have are removed only after the metadata
    // stopped naming them.
    for (const field of existing?.secretFields ?? []) {
      if (!fields.includes(field)) await this.deps.secrets.delete(accountSecretKey(account.provider, id, field)).catch(() => false);
    }
    this.changed();
    return toSummary(record);
  }

  /**
   * Marks an account (a refresh was refused, a token was revoked) without touching its secrets:
   * what it has is kept until the user decides.
   */
  setStatus(id: string, status: AccountRecord['status'], message: string | null): AccountSummary {
    this.record(id);
    const now = this.now();
    this.deps.metadata.update((doc) => ({
      ...doc,
      accounts: doc.accounts.map((a) => (a.id === id ? { ...a, status, statusMessage: message, updatedAt: now } : a)),
    }));
    this.changed();
    return toSummary(this.record(id));
  }

  /** Reads an account's secrets (for a provider call or a copy); never for display. */
  async readSecrets(id: string): Promise<Record<string, string | null>> {
    const record = this.record(id);
    // One round trip's worth of latency, not one per field: the reads go out together.
    const values = await Promise.all(record.secretFields.map((field) => this.deps.secrets.get(accountSecretKey(record.provider, id, field))));
    return Object.fromEntries(record.secretFields.map((field, i) => [field, values[i] ?? null]));
  }

  settings(): Settings {
    return this.deps.metadata.document.settings;
  }

  updateSettings(patch: Partial<Settings>): Settings {
    const doc = this.deps.metadata.update((d) => ({ ...d, settings: { ...d.settings, ...stripUndefined(patch) } }));
    this.deps.events.emit('settingsChanged', doc.settings);
    return doc.settings;
  }

  private changed(): void {
    this.deps.events.emit('accountsChanged', this.list());
  }
}

export function newAccountId(): string {
  return randomBytes(12).toString('base64url');
}

function toSummary(r: AccountRecord): AccountSummary {
  return {
    id: r.id,
    provider: r.provider,
    displayName: r.displayName,
    subtitle: r.subtitle,
    avatarUrl: r.avatarUrl,
    expiresAt: r.expiresAt,
    status: r.status,
    statusMessage: r.statusMessage,
    updatedAt: r.updatedAt,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined)) as Partial<T>;
}
