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
 *
 * Two ways to change the document. `update()` is durable: it returns once the whole document
 * (with any change still pending) is on disk; every change the crash-safety rules rely on (the
 * journal, adding and removing accounts, settings) goes this way. `updateSoon()` changes memory at
 * once and writes within a window, one write for every change made meanwhile: writing the whole
 * file costs about 11–18 ms at 1,000 accounts (synchronously), so a "refresh all" that wrote once
 * per account would spend its time blocking the event loop. The window is WRITE_SHARE times the
 * last write's duration, between WRITE_WINDOW_MS and MAX_WRITE_WINDOW_MS: deferred writes then
 * take at most about 1/WRITE_SHARE of the time whatever the file's size and the refresh rate. (A
 * fixed 50 ms, one write per wave of four refreshes, held "refresh all" at 1,000 accounts to 0.72
 * of its ideal once the keychain was out of the way; a small file keeps the short window, so a
 * crash loses little.) It is for changes a crash may lose without harm (new expiry dates after a
 * refresh: the next start sees the old ones and refreshes early; a journal entry whose deletes
 * already ran).
 * `flush()` writes what is pending now; the app calls it before quitting.
 */
import { renameSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import { emptyDocument, migrate, type AccountRecord, type MetadataDocument } from './metadata-schema';

export const METADATA_FILE_NAME = 'tessera-metadata';
/** The shortest and the longest a deferred change waits for its write (see the file comment). */
export const WRITE_WINDOW_MS = 50;
export const MAX_WRITE_WINDOW_MS = 1_000;
/** Deferred writes block the event loop at most about 1/WRITE_SHARE of the time. */
const WRITE_SHARE = 40;

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
  /** Set while memory holds changes the file does not have yet (see updateSoon). */
  private pendingWrite: NodeJS.Timeout | undefined;
  private dirty = false;
  /** How long the last write took (ms): it sets the deferred-write window. */
  private lastWriteMs = 0;

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
      throw new AppError('metadata_error', 'Tessera cannot open its settings file. Check the permissions of its folder.', { cause, key: 'vault.cannotOpen' });
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

  /**
   * Applies a change and writes the document (pending deferred changes included) to disk before
   * returning; on a failed write this change is undone (deferred ones stay pending).
   */
  update(change: (doc: MetadataDocument) => MetadataDocument): MetadataDocument {
    const next = change(this.doc);
    const previous = this.doc;
    this.doc = next;
    try {
      this.write();
    } catch (cause) {
      this.doc = previous;
      throw new AppError('metadata_error', 'Tessera could not save its account list to disk.', { cause, key: 'vault.cannotSave' });
    }
    return next;
  }

  /**
   * Applies a change in memory now and writes it within the window, together with every other
   * change made meanwhile. Only for changes a crash may lose (see the file comment).
   */
  updateSoon(change: (doc: MetadataDocument) => MetadataDocument): MetadataDocument {
    this.doc = change(this.doc);
    this.dirty = true;
    this.pendingWrite ??= setTimeout(() => {
      this.pendingWrite = undefined;
      // A failed deferred write stays pending: the next update() or flush() tries again.
      try {
        this.flush();
      } catch {
        /* kept dirty */
      }
    }, Math.min(MAX_WRITE_WINDOW_MS, Math.max(WRITE_WINDOW_MS, this.lastWriteMs * WRITE_SHARE)));
    return this.doc;
  }

  /** True while deferred changes wait for their write. */
  get hasPendingChanges(): boolean {
    return this.dirty;
  }

  /** Writes deferred changes now (before quitting); does nothing when there are none. */
  flush(): void {
    if (!this.dirty) return;
    try {
      this.write();
    } catch (cause) {
      throw new AppError('metadata_error', 'Tessera could not save its account list to disk.', { cause, key: 'vault.cannotSave' });
    }
  }

  private write(): void {
    const started = performance.now();
    this.file.store = this.doc as unknown as Record<string, unknown>;
    this.lastWriteMs = performance.now() - started;
    this.dirty = false;
    clearTimeout(this.pendingWrite);
    this.pendingWrite = undefined;
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
