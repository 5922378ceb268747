/**
 * Account metadata and settings on disk, through electron-store in the app and `conf` (the
 * library electron-store is built on, same file format) in plain Node. Both are passed in as a
 * factory, so this module never imports electron.
 *
 * The file is parsed, migrated and schema-checked on open. A file that cannot be read, is not
 * JSON, or does not match the schema is moved aside (`tessera-metadata.corrupt-<time>.json`, kept
 * for the user and for bug reports) and the store starts empty with `recovery` set, so the
 * accounts service rebuilds the list from the keychain. Opening never throws for a bad file.
 *
 * Writes are atomic (conf writes a temporary file and renames it), so a crash leaves either the
 * old or the new document, never half of one.
 */
import { renameSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { emptyDocument, migrate, type AccountRecord, type MetadataDocument } from './metadata-schema';

export const METADATA_FILE_NAME = 'tessera-metadata';

/** What Tessera needs of electron-store / conf. */
export interface JsonFileStore {
  store: Record<string, unknown>;
  readonly path: string;
}

export type JsonFileStoreFactory = (opts: { cwd: string; name: string }) => JsonFileStore;

/** Why the store started empty: the accounts service then rebuilds the list from the keychain. */
export type MetadataRecovery = { readonly reason: 'missing' } | { readonly reason: 'corrupt'; readonly movedTo: string | null; readonly detail: string };

export class MetadataStore {
  private doc: MetadataDocument;

  private constructor(
    private readonly file: JsonFileStore,
    doc: MetadataDocument,
    /** Why this store started empty, when it did (for the log and the UI). */
    readonly recovery: MetadataRecovery | null,
  ) {
    this.doc = doc;
  }

  static open(opts: { dir: string; factory: JsonFileStoreFactory; now?: () => number }): MetadataStore {
    const now = opts.now ?? Date.now;
    const filePath = path.join(opts.dir, `${METADATA_FILE_NAME}.json`);
    let file: JsonFileStore | undefined;
    let problem: string;
    try {
      file = opts.factory({ cwd: opts.dir, name: METADATA_FILE_NAME });
      const raw = file.store;
      if (Object.keys(raw).length === 0) {
        const store = new MetadataStore(file, { ...emptyDocument(), recoveryPending: true }, { reason: 'missing' });
        store.write();
        return store;
      }
      const outcome = migrate(raw);
      if (outcome.ok) {
        const store = new MetadataStore(file, outcome.doc, null);
        if (outcome.migrated) store.write();
        return store;
      }
      problem = outcome.reason;
    } catch (cause) {
      problem = cause instanceof SyntaxError ? 'not valid JSON' : 'unreadable';
    }
    const movedTo = moveAside(filePath, now());
    try {
      file = opts.factory({ cwd: opts.dir, name: METADATA_FILE_NAME });
    } catch (cause) {
      throw new AppError('metadata_error', 'Tessera cannot open its settings file. Check the permissions of its folder.', { cause });
    }
    const store = new MetadataStore(file, { ...emptyDocument(), recoveryPending: true }, { reason: 'corrupt', movedTo, detail: problem });
    store.write();
    return store;
  }

  get document(): MetadataDocument {
    return this.doc;
  }

  get accounts(): readonly AccountRecord[] {
    return this.doc.accounts;
  }

  findAccount(id: string): AccountRecord | undefined {
    return this.doc.accounts.find((a) => a.id === id);
  }

  /** Applies a change and writes it to disk before returning; on a failed write nothing changes. */
  update(change: (doc: MetadataDocument) => MetadataDocument): MetadataDocument {
    const next = change(this.doc);
    const previous = this.doc;
    this.doc = next;
    try {
      this.write();
    } catch (cause) {
      this.doc = previous;
      throw new AppError('metadata_error', 'Tessera could not save its account list to disk.', { cause });
    }
    return next;
  }

  private write(): void {
    this.file.store = this.doc as unknown as Record<string, unknown>;
  }
}

function moveAside(filePath: string, time: number): string | null {
  const target = filePath.replace(/\.json$/, `.corrupt-${time}.json`);
  try {
    renameSync(filePath, target);
    return target;
  } catch {
    return null;
  }
}
