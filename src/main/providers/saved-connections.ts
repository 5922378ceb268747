/**
 * What a provider's saved connections have in common: SaaS connections (saasus/connections.ts) and
 * a user's own Clever Cloud OAuth consumers (clever-cloud/consumers.ts). Each is a record in one
 * list of the metadata, found by id, sealed over the fields that decide where its secret may go
 * (src/main/vault/bindings.ts), with that secret in the keychain (`connection/<kind>/<id>/<field>`),
 * which a new one must come with. The subclass keeps what differs: its fields, its secret, what the
 * window sees of it. The window's side of the same idea is src/renderer/src/state/connections.ts.
 */
import { AppError } from '../errors';
import type { BindingPurpose, Bindings } from '../vault/bindings';
import type { MetadataDocument } from '../vault/metadata-schema';
import type { MetadataStore } from '../vault/metadata-store';

/** The lists of the metadata that hold saved connections. */
export type SavedConnectionList = 'saasusConnections' | 'cleverCloudConsumers';

type RecordOf<L extends SavedConnectionList> = MetadataDocument[L][number];

/** One kind of saved connection, in the words its refusals use. */
export interface SavedConnectionKind<L extends SavedConnectionList> {
  readonly list: L;
  readonly purpose: BindingPurpose;
  /** The fields its seal covers, in order (the provider's metadata.ts). */
  readonly sealed: (record: RecordOf<L>) => readonly string[];
  /** What the user calls one: "This <noun> does not exist". */
  readonly noun: string;
  /** What the user calls its secret: "Enter the <secret>." */
  readonly secret: string;
  /** The window's words for the same two errors (the `errors` namespace). */
  readonly words: { readonly notFound: 'saasus.connectionNotFound' | 'cleverCloud.consumerNotFound'; readonly enterSecret: 'saasus.enterSecretKey' | 'cleverCloud.enterConsumerSecret' };
}

export abstract class SavedConnections<L extends SavedConnectionList, Shown> {
  constructor(
    private readonly stores: { readonly metadata: MetadataStore; readonly bindings: Bindings },
    private readonly kind: SavedConnectionKind<L>,
  ) {}

  /** Every one, as the window sees it. */
  async list(): Promise<Shown[]> {
    await this.stores.bindings.ready();
    return this.records().map((r) => this.shown(r));
  }

  find(id: string): RecordOf<L> | undefined {
    return this.records().find((r) => r.id === id);
  }

  get(id: string): RecordOf<L> {
    const found = this.find(id);
    if (!found) throw new AppError('not_found', `This ${this.kind.noun} does not exist (it may have been removed).`, { key: this.kind.words.notFound });
    return found;
  }

  /** True when the record is as Tessera sealed it. After bindings.ready(). */
  intact(record: RecordOf<L>): boolean {
    return this.stores.bindings.verify(this.kind.purpose, this.kind.sealed(record), record.binding);
  }

  /** A record as the window sees it: no MAC, and whether it is whole. After bindings.ready(). */
  protected abstract shown(record: RecordOf<L>): Shown;

  protected records(): MetadataDocument[L] {
    return this.stores.metadata.document[this.kind.list];
  }

  /** The record an edit replaces (`get`), or undefined for a new one, which must come with its secret. */
  protected editing(id: string | undefined, secret: string | undefined): RecordOf<L> | undefined {
    const existing = id ? this.get(id) : undefined;
    if (!existing && !secret) throw new AppError('invalid_input', `Enter the ${this.kind.secret}.`, { key: this.kind.words.enterSecret });
    return existing;
  }

  /** Adds the record, or replaces the one with its id in place; on disk when it returns. */
  protected put(record: RecordOf<L>): void {
    this.write((records) => (records.some((r) => r.id === record.id) ? records.map((r) => (r.id === record.id ? record : r)) : [...records, record]));
  }

  /** Removes the record with this id; on disk when it returns. */
  protected drop(id: string): void {
    this.write((records) => records.filter((r) => r.id !== id));
  }

  private write(change: (records: readonly RecordOf<L>[]) => readonly RecordOf<L>[]): void {
    this.stores.metadata.update((doc) => ({ ...doc, [this.kind.list]: change(doc[this.kind.list]) }));
  }
}
