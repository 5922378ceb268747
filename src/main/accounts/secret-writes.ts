/**
 * The keychain side of saving and removing accounts, in the order accounts-service.ts's rules need
 * (its file comment says why each step comes where it does): fields the metadata does not name yet
 * are journaled durably before they are written, an unrecoverable field (`writeFirst`) is written
 * first and alone, and entries the metadata stopped naming are deleted only after, the journal
 * keeping whatever a failure or a crash leaves for the next start (journal.ts).
 */
import type { ProviderId } from '../../shared/types';
import type { AccountRecord, SecretSet } from '../vault/metadata-schema';
import type { MetadataStore } from '../vault/metadata-store';
import { accountSecretKey, type SecretStore } from '../vault/secret-store';
import { entryKeys, withoutJournal } from './journal';

export class SecretWrites {
  constructor(
    private readonly metadata: MetadataStore,
    private readonly secrets: SecretStore,
  ) {}

  /** Deletes keychain entries by name, together. */
  async deleteKeys(keys: readonly string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.secrets.delete(key)));
  }

  /** Deletes entries the metadata stopped naming; on failure the journal keeps them for the next start. */
  async deleteDropped(dropped: SecretSet | undefined): Promise<void> {
    if (!dropped) return;
    const keys = entryKeys(dropped);
    try {
      await this.deleteKeys(keys);
    } catch {
      return; // left to the startup step
    }
    // Losing this write costs nothing: the next start deletes the (already missing) entries again.
    this.metadata.updateSoon((doc) => withoutJournal(doc, [dropped]));
  }

  /**
   * Writes an account's secrets in the order the rules above need. Fields the metadata does not
   * name yet are journaled first (durably); the returned intent is for the caller's metadata write
   * to clear. On a keychain failure, what was written for unnamed fields is deleted again.
   */
  async writeSecrets(
    provider: ProviderId,
    id: string,
    existing: AccountRecord | undefined,
    secrets: Readonly<Record<string, string>>,
    writeFirst: string | undefined,
  ): Promise<SecretSet | undefined> {
    const fields = Object.keys(secrets);
    const unnamed = fields.filter((f) => !existing?.secretFields.includes(f));
    const intent: SecretSet | undefined = unnamed.length > 0 ? { provider, id, fields: unnamed } : undefined;
    if (intent) this.metadata.update((doc) => ({ ...doc, journal: { ...doc.journal, saving: [...doc.journal.saving, intent] } }));
    const set = (field: string): Promise<void> => this.secrets.set(accountSecretKey(provider, id, field), secrets[field]!);
    try {
      if (writeFirst !== undefined && fields.includes(writeFirst)) await set(writeFirst);
      // Every write has ended (not only the first to fail) before the failure is handled, so the
      // cleanup below never runs ahead of a write that lands after it.
      const failed = (await Promise.allSettled(fields.filter((f) => f !== writeFirst).map(set))).find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    } catch (error) {
      if (intent) await this.abandon(intent);
      throw error;
    }
    return intent;
  }

  /** Undoes the keychain part of a failed save; the journal keeps it for the next start if that fails too. */
  private async abandon(intent: SecretSet): Promise<void> {
    const keys = entryKeys(intent);
    try {
      await this.deleteKeys(keys);
      this.metadata.update((doc) => withoutJournal(doc, [intent]));
    } catch {
      /* left to the startup step */
    }
  }
}
