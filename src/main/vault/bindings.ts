/**
 * Where a secret may go is decided by data the keychain authenticates, never by the metadata file
 * alone.
 *
 * The metadata file (`tessera-metadata.json`) is plain JSON that any process of the user can edit,
 * and some of it decides where a secret is sent: a SaaS connection's API base URL receives an
 * account's refresh token (query string of `GET /credentials`) and, on a hand-off, its ID, access
 * and refresh tokens; a Clever Cloud account's API base URL receives PLAINTEXT signatures, which
 * contain the consumer secret and the token secret. Editing that file and waiting for a restart
 * would otherwise be enough to make the next refresh deliver them to any https host.
 *
 * So every entry that routes a secret carries a MAC (HMAC-SHA256) over the fields that route it,
 * under a 32-byte random key kept in the keychain (`app/binding-key`, beside the secrets it
 * protects: whoever can read it can read them anyway). The key is read once, then held in memory:
 * checking a MAC before each send costs no keychain read. Providers check before every signing or
 * send; a mismatch is a typed `changed_outside` error and nothing is sent (see
 * the metadata.ts of src/main/providers/saasus and clever-cloud for what each binds, and docs/SECURITY.md,
 * "Where a secret may go").
 *
 * The encoding is canonical and unambiguous: the JSON of an array of strings (a format tag, the
 * purpose, then the fields in a fixed order). JSON escapes every separator a field could contain,
 * and the purpose keeps a MAC of one kind of entry from being accepted for another kind.
 *
 * Upgrade (trust on upgrade): when the key is ABSENT from the keychain (the first run of a Tessera
 * that binds), a key is generated in memory, every entry of the current metadata is sealed with it
 * (through the sealers the providers register), the metadata is written, and only THEN is the key
 * stored. A crash in between leaves no key: the next run simply does it again. Once the key is
 * there, an entry without a MAC is one that was changed outside Tessera (someone stripped it): it
 * is refused, never sealed. Stripping every MAC from the file therefore gains nothing; only the
 * very first run of this version trusts the file as it finds it. A stored value that is not a key
 * of the right length is treated as absent (only a process that can already read every secret in
 * the keychain could have written it).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors';
import type { MetadataDocument } from './metadata-schema';
import type { MetadataStore } from './metadata-store';
import type { SecretStore } from './secret-store';

/** The keychain entry of the key; not under `account/`, so the rebuild from the keychain ignores it. */
export const BINDING_KEY_ENTRY = 'app/binding-key';
const KEY_BYTES = 32;
/** Changes if the encoding ever does: an old MAC then no longer matches anything new. */
const FORMAT = 'tessera-binding-1';

export type BindingPurpose = 'saasus-connection' | 'saasus-account' | 'clever-cloud-consumer' | 'clever-cloud-account';

/** Seals fields for a purpose with the key in hand. */
export type Seal = (purpose: BindingPurpose, fields: readonly string[]) => string;

/** Seals every entry one provider owns in a document (the upgrade step); returns the new document. */
export type Sealer = (doc: MetadataDocument, seal: Seal) => MetadataDocument;

/** The MAC of `fields` for `purpose` (base64url of HMAC-SHA256 over the canonical encoding, hashed as UTF-8: Node's default for a string). */
export function bindingMac(key: Uint8Array, purpose: BindingPurpose, fields: readonly string[]): string {
  return createHmac('sha256', key).update(JSON.stringify([FORMAT, purpose, ...fields])).digest('base64url');
}

/** True when `mac` is the MAC of `fields` for `purpose`; compared in constant time. */
export function bindingMatches(key: Uint8Array, purpose: BindingPurpose, fields: readonly string[], mac: unknown): boolean {
  if (typeof mac !== 'string') return false;
  const expected = Buffer.from(bindingMac(key, purpose, fields));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The part of a URL that says where a request goes: its origin (scheme, host, port). Anything that
 * is not a URL with an origin stands for itself, so that it can never equal a real origin.
 */
export function routeOrigin(url: string): string {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? `unparsed:${url}` : origin;
  } catch {
    return `unparsed:${url}`;
  }
}

export class Bindings {
  private key: Buffer | undefined;
  private loading: Promise<Buffer> | undefined;
  private readonly sealers: Sealer[] = [];

  constructor(private readonly deps: { readonly secrets: SecretStore; readonly metadata: MetadataStore }) {}

  /** Registers how one provider seals its entries on upgrade; before the first ready(). */
  addSealer(sealer: Sealer): void {
    this.sealers.push(sealer);
  }

  /**
   * Resolves once seal() and verify() can be used: the key is held (one keychain read, the first
   * time), after the upgrade step when the keychain had none. Concurrent callers share one load; a
   * failed one (keychain locked) is tried again by the next caller.
   */
  async ready(): Promise<void> {
    this.loading ??= this.load().then(
      (key) => (this.key = key),
      (error: unknown) => {
        this.loading = undefined;
        throw error;
      },
    );
    await this.loading;
  }

  /** True once the key is held. */
  get isReady(): boolean {
    return this.key !== undefined;
  }

  /** The MAC to store next to these fields. Only after ready(). */
  seal(purpose: BindingPurpose, fields: readonly string[]): string {
    return bindingMac(this.heldKey(), purpose, fields);
  }

  /** True when `mac` was sealed by Tessera over exactly these fields. Only after ready(). */
  verify(purpose: BindingPurpose, fields: readonly string[], mac: unknown): boolean {
    return bindingMatches(this.heldKey(), purpose, fields, mac);
  }

  private heldKey(): Buffer {
    if (!this.key) throw new AppError('internal', 'Something went wrong inside Tessera. Please try again.');
    return this.key;
  }

  private async load(): Promise<Buffer> {
    const stored = await this.deps.secrets.get(BINDING_KEY_ENTRY);
    const key = stored === null ? undefined : Buffer.from(stored, 'base64');
    if (key?.length === KEY_BYTES) return key;
    // First run of a Tessera that binds: seal what the file says now, write it, then keep the key.
    const fresh = randomBytes(KEY_BYTES);
    const seal: Seal = (purpose, fields) => bindingMac(fresh, purpose, fields);
    this.deps.metadata.update((doc) => this.sealers.reduce((sealed, sealer) => sealer(sealed, seal), doc));
    await this.deps.secrets.set(BINDING_KEY_ENTRY, fresh.toString('base64'));
    return fresh;
  }
}
