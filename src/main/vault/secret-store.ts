/**
 * Secrets live in the OS keychain and nowhere else: macOS Keychain, Windows Credential Manager,
 * or a Secret Service (GNOME Keyring, KWallet) on Linux, all through keytar.
 *
 * Entry scheme, under the service name `Tessera`:
 *
 *   account/<provider>/<accountId>/<field>     a credential of one account (e.g. …/token-secret)
 *   connection/<kind>/<connectionId>/<field>   a provider configuration secret (SaaSus secret key,
 *                                              a Clever Cloud consumer secret)
 *
 * One entry per secret rather than one JSON blob per account: Windows caps a credential at 2,560
 * bytes, which a SaaSus ID + access + refresh token set can exceed. The key names the provider and
 * account, so the account list can be rebuilt from the keychain alone if the metadata file is lost.
 *
 * When no keychain is reachable (no Secret Service, locked, a prompt left open) every call fails
 * with a typed `keychain_unavailable` error. There is deliberately no plaintext fallback.
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

export class KeytarSecretStore implements SecretStore {
  readonly stats: KeychainStats = { reads: 0, writes: 0 };
  private readonly keytar: KeytarLike;
  private readonly service: string;
  private readonly timeoutMs: number;
  private readonly onStatus: KeychainStatusListener | undefined;
  private lastAvailable: boolean | undefined;

  constructor(opts: { keytar: KeytarLike; service?: string; timeoutMs?: number; onStatus?: KeychainStatusListener }) {
    this.keytar = opts.keytar;
    this.service = opts.service ?? KEYCHAIN_SERVICE;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.onStatus = opts.onStatus;
  }

  get(key: string): Promise<string | null> {
    this.stats.reads += 1;
    return this.call(() => this.keytar.getPassword(this.service, key));
  }

  set(key: string, value: string): Promise<void> {
    this.stats.writes += 1;
    return this.call(() => this.keytar.setPassword(this.service, key, value));
  }

  delete(key: string): Promise<boolean> {
    this.stats.writes += 1;
    return this.call(() => this.keytar.deletePassword(this.service, key));
  }

  async list(): Promise<SecretEntry[]> {
    this.stats.reads += 1;
    const found = await this.call(() => this.keytar.findCredentials(this.service));
    return found.map(({ account, password }) => ({ key: account, value: password }));
  }

  /** Checks that the keychain answers, without reading any secret. */
  async probe(): Promise<void> {
    await this.call(() => this.keytar.getPassword(this.service, 'probe/availability'));
  }

  private async call<T>(op: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const result = await Promise.race([
        op(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('keychain timeout')), this.timeoutMs);
        }),
      ]);
      this.report(true);
      return result;
    } catch (cause) {
      // keytar's messages come from the platform (D-Bus, Security.framework) and never contain
      // the secret, but they are not for users: keep them as the cause only.
      this.report(false);
      throw new AppError('keychain_unavailable', UNAVAILABLE_MESSAGE, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  private report(available: boolean): void {
    if (this.lastAvailable === available) return;
    this.lastAvailable = available;
    this.onStatus?.(available, available ? null : UNAVAILABLE_MESSAGE);
  }
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
