/**
 * What main holds of each SaaSus account in memory: the refresh token once read or received, and
 * the ID and access token pair with the expiry of the first of them.
 *
 * The ID and access tokens (one hour) live only here: fewer bearer tokens at rest, and a refresh
 * costs no keychain write unless SaaSus rotated the refresh token (GNOME Keyring rewrites its whole
 * file on each write: those writes, not the network, bounded "refresh all"). After a restart none
 * is held: whatever needs one (a copy, a hand-off) refreshes first, one network call. An account
 * whose login answer carried no refresh token cannot refresh, so it keeps its ID and access tokens
 * in the keychain; entries an older Tessera wrote beside a refresh token are read once as the held
 * value when still valid, and dropped by the account's next refresh or login.
 *
 * What an account holds is one object, replaced (never reused) when the account is forgotten
 * (removed, logged in again): a refresh that was running meanwhile asks `current` before it puts
 * its result back, so the newer state wins.
 */
import { decodeClaims, expiresAt } from './account-info';

/** The keychain fields of a SaaSus account. */
export const FIELDS = { idToken: 'id-token', accessToken: 'access-token', refreshToken: 'refresh-token' } as const;

/** ID and access tokens ready for use, and until when they work (the first of their expiries). */
export interface Session {
  readonly idToken: string;
  readonly accessToken: string;
  readonly expiresAt: number | null;
}

/** What main holds of one account. */
export interface Held {
  /** Undefined until read from the keychain or received. */
  refreshToken?: string;
  /** Undefined until looked for; null when the keychain held no usable pair. */
  session?: Session | null;
}

export interface HeldTokensDeps {
  /** One keychain read of a field the account names; null when it names none. */
  readonly readSecret: (accountId: string, field: string) => Promise<string | null>;
  /** The keychain fields the account names (throws when it is not a SaaSus account). */
  readonly secretFields: (accountId: string) => readonly string[];
  readonly now: () => number;
}

export class HeldTokens {
  private readonly held = new Map<string, Held>();

  constructor(private readonly deps: HeldTokensDeps) {}

  /** What main holds of an account, created empty on first use. */
  of(accountId: string): Held {
    let held = this.held.get(accountId);
    if (!held) {
      held = {};
      this.held.set(accountId, held);
    }
    return held;
  }

  /** True while `held` is what main holds of the account (it was not forgotten or replaced since). */
  current(accountId: string, held: Held): boolean {
    return this.held.get(accountId) === held;
  }

  forget(accountId: string): void {
    this.held.delete(accountId);
  }

  /** What a login brought, in place of whatever was held. */
  replace(accountId: string, held: Held): void {
    this.held.set(accountId, held);
  }

  /** The refresh token: held, or read from the keychain (one read) and then held. */
  async refreshToken(accountId: string, held: Held = this.of(accountId)): Promise<string | null> {
    if (held.refreshToken !== undefined) return held.refreshToken;
    const read = await this.deps.readSecret(accountId, FIELDS.refreshToken);
    if (read && this.current(accountId, held)) held.refreshToken ??= read;
    return read;
  }

  /**
   * The held ID and access tokens. Not held yet: the keychain has them only for an account without
   * a refresh token, or from an older Tessera; they are read once, and kept if still valid.
   */
  async session(accountId: string): Promise<Session | null> {
    const fields = this.deps.secretFields(accountId);
    const held = this.of(accountId);
    if (held.session !== undefined) return held.session;
    let found: Session | null = null;
    if (fields.includes(FIELDS.idToken) && fields.includes(FIELDS.accessToken)) {
      const read = (field: string): Promise<string | null> => this.deps.readSecret(accountId, field);
      const [idToken, accessToken] = await Promise.all([read(FIELDS.idToken), read(FIELDS.accessToken)]);
      const until = idToken && accessToken ? earliest(expiresAt(decodeClaims(idToken)), expiresAt(decodeClaims(accessToken))) : null;
      if (idToken && accessToken && (until === null || until > this.deps.now())) found = { idToken, accessToken, expiresAt: until };
    }
    // A refresh or login that finished meanwhile has newer tokens: they win.
    if (this.current(accountId, held)) held.session ??= found;
    return held.session ?? found;
  }
}

/** The earlier of two expiries; null only when neither is known. */
export function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
