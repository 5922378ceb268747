/**
 * Secrets live in the OS keychain and nowhere else: macOS Keychain, Windows Credential Manager,
 * or a Secret Service (GNOME Keyring, KWallet) on Linux, all through keytar.
 *
 * Entry scheme, under the service name `Tessera`:
 *
 *   account/<provider>/<accountId>/<field>     a credential of one account (e.g. …/refresh-token)
 *   connection/<kind>/<connectionId>/<field>   a provider configuration secret (SaaSus secret key,
 *                                              a Clever Cloud consumer secret)
 *   retired/<provider>/<rid>                   a replaced token waiting to be revoked, with what
 *                                              revoking it needs (one small JSON envelope; see
 *                                              src/main/providers/clever-cloud/retired-tokens.ts)
 *
 * One entry per secret rather than one JSON blob per account: Windows caps a credential at 2,560
 * bytes, which a SaaSus ID + access + refresh token set can exceed (a Clever Cloud token and its
 * secret, small and only valid together, share one: src/main/providers/clever-cloud/token-entry.ts). The key names the
 * provider and account, so the account list can be rebuilt from the keychain alone if the metadata
 * file is lost.
 *
 * When no keychain is reachable (no Secret Service, locked, a prompt left open) every call fails
 * with a typed `keychain_unavailable` error. There is deliberately no plaintext fallback.
 *
 * At most `maxInFlight` calls reach the keychain at once; the others wait their turn, reads before
 * writes. A Secret Service answers one request at a time, and a file-backed collection (GNOME
 * Keyring's login keyring) rewrites its file on every write, so a write costs more the more entries
 * it holds (tens of milliseconds at 1,000: README, "Where data lives") while a read stays under a
 * millisecond. Calls come in bursts (a "refresh all" of 1,000 accounts after a restart reads 1,000
 * refresh tokens, and writes as many when SaaSus rotates them); without the queue each call's
 * timeout would count the time spent behind the others (and fail healthy calls), and a copy's one
 * read would wait behind all of them. The timeout starts when a call reaches the keychain; when
 * one times out, the calls waiting behind it fail at once instead of each waiting its own timeout.
 * Reordering a read before queued writes is safe: nothing reads an entry whose write it has not
 * awaited.
 *
 * A listing never overlaps a write or a delete of this process: keytar's `findCredentials` on Linux
 * loads every item's secret, an item changed meanwhile comes back without one, and keytar then
 * passes libsecret's NULL on (`secret_value_get_text: assertion 'value' failed`) and the process
 * crashes. A listing waits for the process's writes under way; writes asked for meanwhile wait for it.
 */
import { AppError } from '../errors';
import type { ProviderId } from '../../shared/types';
import { PROVIDERS } from '../../shared/types';

export const KEYCHAIN_SERVICE = 'Tessera';

export interface SecretEntry {
  readonly key: string;
  readonly value: string;
}

export interface SecretStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** True when an entry was deleted, false when there was none. */
  delete(key: string): Promise<boolean>;
  /** Every entry of our service, values included (used only to rebuild lost metadata). */
  list(): Promise<SecretEntry[]>;
}

/** The subset of keytar Tessera uses; keytar itself satisfies it. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

export interface KeychainStats {
  reads: number;
  writes: number;
}

export type KeychainStatusListener = (available: boolean, message: string | null) => void;

const UNAVAILABLE_MESSAGE =
  'Tessera cannot use the system keychain. Unlock it (or start a Secret Service such as GNOME Keyring), then retry. Nothing is stored until it is available.';

/**
 * The process's listing under way and its writes and deletes under way, each settled when it is
 * over (see the file comment). One for the process, not per store: the crash is libsecret's, in
 * whichever store's call.
 */
const gate = { listing: undefined as Promise<void> | undefined, changing: new Set<Promise<void>>() };

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export class KeytarSecretStore implements SecretStore {
  readonly stats: KeychainStats = { reads: 0, writes: 0 };
  private readonly keytar: KeytarLike;
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly maxInFlight: number;
  private readonly onStatus: KeychainStatusListener | undefined;
  private lastAvailable: boolean | undefined;
  private inFlight = 0;
  private readonly waiting = { read: [] as Waiter[], write: [] as Waiter[] };

  constructor(opts: { keytar: KeytarLike; service?: string; timeoutMs?: number; maxInFlight?: number; onStatus?: KeychainStatusListener }) {
    this.keytar = opts.keytar;
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxInFlight = opts.maxInFlight ?? 4;
    this.onStatus = opts.onStatus;
  }

  get(key: string): Promise<string | null> {
    this.stats.reads += 1;
    return this.call('read', () => this.keytar.getPassword(this.service, key));
  }

  set(key: string, value: string): Promise<void> {
    this.stats.writes += 1;
    return apart('write', () => this.call('write', () => this.keytar.setPassword(this.service, key, value)));
  }

  delete(key: string): Promise<boolean> {
    this.stats.writes += 1;
    return apart('write', () => this.call('write', () => this.keytar.deletePassword(this.service, key)));
  }

  async list(): Promise<SecretEntry[]> {
    this.stats.reads += 1;
    const found = await apart('list', () => this.call('read', () => this.keytar.findCredentials(this.service)));
    return found.map(({ account, password }) => ({ key: account, value: password }));
  }

  /** Checks that the keychain answers, without reading any secret. */
  async probe(): Promise<void> {
    await this.call('read', () => this.keytar.getPassword(this.service, 'probe/availability'));
  }

  /** Waits for a free slot (see the file comment); rejects when the keychain timed out meanwhile. */
  private turn(kind: 'read' | 'write'): Promise<void> {
    if (this.inFlight < this.maxInFlight) {
      this.inFlight += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiting[kind].push({ resolve, reject }));
  }

  /** Hands the slot to the next waiter (reads first), or frees it. */
  private release(): void {
    const next = this.waiting.read.shift() ?? this.waiting.write.shift();
    if (next) next.resolve();
    else this.inFlight -= 1;
  }

  private async call<T>(kind: 'read' | 'write', op: () => Promise<T>): Promise<T> {
    try {
      await this.turn(kind);
    } catch (cause) {
      throw new AppError('keychain_unavailable', UNAVAILABLE_MESSAGE, { cause, key: 'vault.keychainUnavailable' });
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            const timeout = new Error('keychain timeout');
            // What waits behind a keychain that does not answer would only time out in turn.
            for (const waiter of [...this.waiting.read.splice(0), ...this.waiting.write.splice(0)]) waiter.reject(timeout);
            reject(timeout);
          }, this.timeoutMs);
        }),
      ]);
      this.report(true);
      return result;
    } catch (cause) {
      // keytar's messages come from the platform (D-Bus, Security.framework) and never contain
      // the secret, but they are not for users: keep them as the cause only.
      this.report(false);
      throw new AppError('keychain_unavailable', UNAVAILABLE_MESSAGE, { cause, key: 'vault.keychainUnavailable' });
    } finally {
      clearTimeout(timer);
      this.release();
    }
  }

  private report(available: boolean): void {
    if (this.lastAvailable === available) return;
    this.lastAvailable = available;
    this.onStatus?.(available, available ? null : UNAVAILABLE_MESSAGE);
  }
}

/** Runs a write or a listing apart from the other kind, in this process (see the file comment). */
async function apart<T>(kind: 'write' | 'list', run: () => Promise<T>): Promise<T> {
  while (gate.listing) await gate.listing;
  const running =
    kind === 'write'
      ? run()
      : (async () => {
          while (gate.changing.size > 0) await Promise.all(gate.changing);
          return run();
        })();
  const over = running.then(
    () => undefined,
    () => undefined,
  );
  if (kind === 'write') {
    gate.changing.add(over);
    void over.then(() => gate.changing.delete(over));
  } else {
    gate.listing = over;
    void over.then(() => {
      if (gate.listing === over) gate.listing = undefined;
    });
  }
  return running;
}

export function accountSecretKey(provider: ProviderId, accountId: string, field: string): string {
  return `account/${provider}/${accountId}/${field}`;
}

export function connectionSecretKey(kind: string, connectionId: string, field: string): string {
  return `connection/${kind}/${connectionId}/${field}`;
}

export interface ParsedAccountKey {
  readonly provider: ProviderId;
  readonly accountId: string;
  readonly field: string;
}

export function parseAccountSecretKey(key: string): ParsedAccountKey | undefined {
  const parts = key.split('/');
  if (parts.length !== 4 || parts[0] !== 'account') return undefined;
  const [, provider, accountId, field] = parts as [string, string, string, string];
  if (!(PROVIDERS as readonly string[]).includes(provider) || !/^[A-Za-z0-9_-]+$/.test(accountId) || !field) return undefined;
  return { provider: provider as ProviderId, accountId, field };
}

export function retiredTokenKey(provider: ProviderId, rid: string): string {
  return `retired/${provider}/${rid}`;
}

/** The provider and id of a `retired/<provider>/<rid>` entry; undefined for any other name. */
export function parseRetiredTokenKey(key: string): { readonly provider: ProviderId; readonly rid: string } | undefined {
  const parts = key.split('/');
  if (parts.length !== 3 || parts[0] !== 'retired') return undefined;
  const [, provider, rid] = parts as [string, string, string];
  if (!(PROVIDERS as readonly string[]).includes(provider) || !/^[A-Za-z0-9_-]{1,128}$/.test(rid)) return undefined;
  return { provider: provider as ProviderId, rid };
}
