/**
 * Replaced Clever Cloud tokens, kept until Clever Cloud has revoked them.
 *
 * A new login or import of the same user through the same consumer replaces the account's token in
 * place (save-token.ts, `CleverCloudSaves`). The old token would stay valid at Clever Cloud
 * (a console login's for a year) unless Tessera revokes it: `DELETE /self/tokens/{token}`, signed
 * with the old token itself and its consumer, never `DELETE /self/tokens` (which would end every
 * session of the user). That happens once the new token is saved, best effort: when Clever Cloud
 * cannot be reached (offline, a 5xx), the old token is kept, the window says so ("1 replaced token
 * could not be revoked yet — Tessera retries", with "Retry now"), and Tessera retries. A 401 or 404
 * means Clever Cloud already refuses the token: that is what revoking wanted, so it is done.
 *
 * Where a retired token lives: one keychain entry per token, `retired/clever-cloud/<rid>`, holding
 * a small JSON envelope with everything its revocation needs (token, secret, consumer, the API base
 * URL it came from, and whose it was). It does not depend on the account, which may be removed
 * meanwhile. The place the token may be sent to comes from the keychain, not from the metadata
 * file. The metadata's `pendingRevocations` names each envelope (rid, account id, consumer id,
 * dates, attempts, the last error code: never a value), for the window and for the retries.
 *
 * Ordering, so that a crash at any instant neither forgets a token that is still valid at Clever
 * Cloud nor revokes one an account still uses:
 * 1. One durable metadata write names the envelope about to be written (an intent, like the
 *    journal of a first save in accounts-service.ts).
 * 2. The envelope is written to the keychain.
 * 3. The new token is saved (accounts-service.ts's own rules).
 * 4. The revocation is tried. Only after it succeeded (or Clever Cloud answered 401/404) is the
 *    envelope deleted, and only then the metadata entry.
 * The metadata names the envelope before it exists (the other way round from an account's
 * secrets) because an envelope nothing names would keep a copy of a live token in the keychain for
 * good, while an entry that names no envelope costs nothing: it has nothing to revoke and is
 * dropped (a crash between 1 and 2, or between the two deletes of 4).
 * Before any revocation, an entry is dropped without a request (envelope deleted first, then the
 * entry) when an account still holds that very token (the account of that user and consumer, or
 * the account it was taken from): the replacement never happened (a crash between 1 and 3, a save
 * that failed), or the user imported that token again.
 * A metadata file that is lost or corrupt is rebuilt from the keychain: `retired/…` entries come
 * back as pending revocations, never as accounts (`adopt`, called by accounts/journal.ts).
 *
 * Retries: every pending revocation at start (AppServices.start, after the first list), then each
 * one again after an exponential backoff on the app's clock (RETRY_BASE_MS doubling up to
 * RETRY_MAX_MS; one timer for the earliest, never a loop), and all of them at once on "Retry now"
 * and when the network comes back (src/main/index.ts).
 * One attempt per token at a time (a single flight), one token after the other.
 */
import { randomBytes } from 'node:crypto';
import * as v from 'valibot';
import type { ErrorCode, ErrorInfo } from '../../../shared/errors';
import type { PendingRevocation, RevocationRetryResult } from '../../../shared/types';
import { AppError } from '../../errors';
import type { EventSink } from '../../ipc/events';
import { systemClock, type Clock } from '../../util/clock';
import { makeSingleFlight } from '../../util/single-flight';
import type { MetadataDocument, PendingRevocationRecord } from '../../vault/metadata-schema';
import type { MetadataStore } from '../../vault/metadata-store';
import { parseRetiredTokenKey, retiredTokenKey, type SecretStore } from '../../vault/secret-store';

/** The first retry comes this long after a failure; each further one waits twice as long… */
export const RETRY_BASE_MS = 60_000;
/** …up to this. */
export const RETRY_MAX_MS = 3_600_000;

const EnvelopeSchema = v.object({
  token: v.pipe(v.string(), v.minLength(1)),
  secret: v.pipe(v.string(), v.minLength(1)),
  /** 'cli' (the clever-tools public consumer) or the id of one of the user's consumers. */
  consumerRef: v.string(),
  /** Where the token was issued: the only place it is ever sent to. */
  apiBaseUrl: v.string(),
  /** Whose token it was: the account of this user and consumer must not hold it any more. */
  userId: v.string(),
  accountId: v.nullable(v.string()),
});
/** What the keychain keeps of a replaced token (secret: never logged, never in the metadata). */
export type RetiredToken = v.InferOutput<typeof EnvelopeSchema>;

export interface RetiredTokensDeps {
  readonly metadata: MetadataStore;
  readonly secrets: SecretStore;
  readonly events: EventSink;
  /** Revokes one token at Clever Cloud; resolves when Clever Cloud no longer accepts it. */
  readonly revoke: (retired: RetiredToken) => Promise<unknown>;
  /** True when an account holds this very token now (then it was not replaced, or came back). */
  readonly stillHeld: (retired: RetiredToken) => Promise<boolean>;
  readonly clock?: Clock;
}

/** A replacement in progress (see the ordering above). */
export interface Retirement {
  /** Step 4, once the new token is saved; never throws (a failure is kept and retried). */
  revoke(): Promise<void>;
  /** The new token could not be saved: the old one is still the account's, nothing to revoke. */
  abandon(): Promise<void>;
}

type Outcome = 'revoked' | 'kept' | 'dropped';

export class RetiredTokens {
  private readonly clock: Clock;
  private readonly flights = makeSingleFlight<string, Outcome>();
  /** Replacements this process is making: no attempt until the new token is saved. */
  private readonly replacing = new Set<string>();
  /** When each failed revocation is tried again (this process's plan). */
  private readonly nextAt = new Map<string, number>();
  private timer: unknown = null;
  private running = false;

  constructor(private readonly deps: RetiredTokensDeps) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Steps 1 and 2: the old token is kept, under a name the metadata knows, before it is replaced. */
  async retire(old: RetiredToken): Promise<Retirement> {
    const rid = randomBytes(12).toString('base64url');
    const entry: PendingRevocationRecord = {
      rid,
      accountId: old.accountId,
      consumerRef: old.consumerRef,
      since: this.clock.now(),
      attempts: 0,
      lastAttemptAt: null,
      lastErrorCode: null,
    };
    this.deps.metadata.update((doc) => ({ ...doc, pendingRevocations: [...doc.pendingRevocations, entry] }));
    this.replacing.add(rid);
    try {
      await this.deps.secrets.set(retiredTokenKey('clever-cloud', rid), JSON.stringify(old));
    } catch (error) {
      this.replacing.delete(rid);
      // Nothing was kept, and the save that follows would fail on the same keychain anyway.
      await this.drop(rid).catch(() => undefined);
      throw error;
    }
    return {
      revoke: async () => {
        this.replacing.delete(rid);
        await this.attempt(rid);
        this.arm();
      },
      abandon: async () => {
        this.replacing.delete(rid);
        // If the keychain refuses even this, the next attempt finds the account still holding the
        // token and drops the entry then.
        await this.drop(rid).catch(() => undefined);
      },
    };
  }

  /** Startup (after the first list): every pending revocation, then the backoff timer. */
  async start(): Promise<void> {
    this.running = true;
    await this.pass(() => true);
  }

  stop(): void {
    this.running = false;
    this.disarm();
  }

  /** "Retry now": every pending revocation at once. */
  async retryNow(): Promise<RevocationRetryResult> {
    const revoked = await this.pass(() => true);
    return { revoked, pending: this.list() };
  }

  /** The revocations that failed at least once (what the window shows); never a token. */
  list(): PendingRevocation[] {
    return this.deps.metadata.document.pendingRevocations
      .filter((e) => e.lastErrorCode !== null && !this.replacing.has(e.rid))
      .map((e) => ({
        id: e.rid,
        accountId: e.accountId,
        since: e.since,
        attempts: e.attempts,
        lastError: e.lastErrorCode === null ? null : failureMessage(e.lastErrorCode),
        nextAttemptAt: this.nextAt.get(e.rid) ?? null,
      }));
  }

  /**
   * A rebuild of the metadata from the keychain (accounts/journal.ts): every `retired/clever-cloud/…`
   * entry the metadata does not name comes back as a pending revocation, whose envelope tells the
   * rest at its first attempt. One durable write, before the rebuilt accounts are written.
   */
  adopt(keys: readonly string[], now: number): void {
    const named = new Set(this.deps.metadata.document.pendingRevocations.map((p) => p.rid));
    const adopted: PendingRevocationRecord[] = keys.flatMap((key) => {
      const parsed = parseRetiredTokenKey(key);
      if (parsed?.provider !== 'clever-cloud' || named.has(parsed.rid)) return [];
      return [{ rid: parsed.rid, accountId: null, consumerRef: null, since: now, attempts: 0, lastAttemptAt: null, lastErrorCode: null }];
    });
    if (adopted.length > 0) this.deps.metadata.update((doc) => withEntries(doc, (list) => [...list, ...adopted]));
  }

  /** How many revocations still need this consumer (removing it would make them impossible). */
  waitingFor(consumerRef: string): number {
    return this.deps.metadata.document.pendingRevocations.filter((e) => e.consumerRef === consumerRef).length;
  }

  /** One attempt at each selected entry, one after the other; returns how many were revoked. */
  private async pass(select: (e: PendingRevocationRecord) => boolean): Promise<number> {
    const rids = this.deps.metadata.document.pendingRevocations.filter((e) => !this.replacing.has(e.rid) && select(e)).map((e) => e.rid);
    let revoked = 0;
    for (const rid of rids) if ((await this.attempt(rid)) === 'revoked') revoked += 1;
    this.arm();
    return revoked;
  }

  private attempt(rid: string): Promise<Outcome> {
    return this.flights.run(rid, async () => {
      if (!this.entry(rid)) return 'dropped';
      try {
        const retired = await this.read(rid);
        if (retired === null) {
          await this.drop(rid);
          return 'dropped';
        }
        this.learn(rid, retired);
        if (await this.deps.stillHeld(retired)) {
          await this.drop(rid);
          return 'dropped';
        }
        await this.deps.revoke(retired);
        await this.drop(rid);
        return 'revoked';
      } catch (error) {
        this.failed(rid, error instanceof AppError ? error.code : 'internal');
        return 'kept';
      }
    });
  }

  /** The envelope; null when it is missing or unreadable (then there is nothing to revoke with). */
  private async read(rid: string): Promise<RetiredToken | null> {
    const raw = await this.deps.secrets.get(retiredTokenKey('clever-cloud', rid));
    if (raw === null) return null;
    try {
      const parsed = v.safeParse(EnvelopeSchema, JSON.parse(raw));
      return parsed.success ? parsed.output : null;
    } catch {
      return null;
    }
  }

  /** An entry rebuilt from the keychain learns whose token it was from its envelope. */
  private learn(rid: string, retired: RetiredToken): void {
    const entry = this.entry(rid);
    if (!entry || entry.consumerRef !== null) return;
    this.change((e) => (e.rid === rid ? { ...e, accountId: retired.accountId, consumerRef: retired.consumerRef } : e));
  }

  /** Envelope first, then the entry that names it (see the ordering above). */
  private async drop(rid: string): Promise<void> {
    await this.deps.secrets.delete(retiredTokenKey('clever-cloud', rid));
    this.nextAt.delete(rid);
    this.deps.metadata.update((doc) => withEntries(doc, (list) => list.filter((e) => e.rid !== rid)));
    this.changed();
  }

  private failed(rid: string, code: ErrorCode): void {
    const entry = this.entry(rid);
    if (!entry) return;
    const attempts = entry.attempts + 1;
    const now = this.clock.now();
    this.nextAt.set(rid, now + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempts - 1)));
    try {
      this.change((e) => (e.rid === rid ? { ...e, attempts, lastAttemptAt: now, lastErrorCode: code } : e));
    } catch {
      /* the plan above still holds; only the count shown is behind */
    }
    this.changed();
  }

  private change(edit: (e: PendingRevocationRecord) => PendingRevocationRecord): void {
    this.deps.metadata.update((doc) => withEntries(doc, (list) => list.map(edit)));
  }

  private entry(rid: string): PendingRevocationRecord | undefined {
    return this.deps.metadata.document.pendingRevocations.find((e) => e.rid === rid);
  }

  private changed(): void {
    this.deps.events.emit('revocationsChanged', this.list());
  }

  private disarm(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One timer, at the earliest planned retry. */
  private arm(): void {
    this.disarm();
    if (!this.running) return;
    const now = this.clock.now();
    const planned = this.deps.metadata.document.pendingRevocations
      .filter((e) => !this.replacing.has(e.rid))
      .map((e) => this.nextAt.get(e.rid) ?? now);
    if (planned.length === 0) return;
    const at = Math.min(...planned);
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = null;
        void this.pass((e) => (this.nextAt.get(e.rid) ?? 0) <= this.clock.now());
      },
      Math.max(1_000, at - now),
    );
  }
}

function withEntries(doc: MetadataDocument, edit: (list: readonly PendingRevocationRecord[]) => PendingRevocationRecord[]): MetadataDocument {
  return { ...doc, pendingRevocations: edit(doc.pendingRevocations) };
}

/** What the window says about a failed revocation, from its error code (the metadata keeps only the code). */
function failureMessage(code: ErrorCode): ErrorInfo {
  switch (code) {
    case 'network':
    case 'timeout':
      return { code, message: 'Clever Cloud could not be reached.', key: 'cleverCloud.revocation.unreachable' };
    case 'http_error':
    case 'bad_response':
    case 'response_too_large':
      return { code, message: 'Clever Cloud answered with an error.', key: 'cleverCloud.revocation.refused' };
    case 'keychain_unavailable':
    case 'keychain_error':
      return { code, message: 'The keychain could not be used.', key: 'cleverCloud.revocation.keychain' };
    case 'invalid_configuration':
    case 'not_found':
      return { code, message: 'The OAuth consumer this token was issued to is missing or incomplete: add it again, then retry.', key: 'cleverCloud.revocation.consumerMissing' };
    default:
      return { code, message: 'The revocation failed.', key: 'cleverCloud.revocation.failed' };
  }
}
