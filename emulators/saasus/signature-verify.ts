/**
 * The emulator's side of SAASUSSIGV1: reading the `Authorization` header and checking the
 * signature, as the SaaSus API does. The product only signs (src/main/providers/saasus/signature.ts);
 * this file parses with its own pattern and recomputes signatures with the product's pure
 * primitives (`signatureTimestamp`, `computeSignature`), which the known-answer vectors of
 * signature.test.ts pin down. Nothing else comes from the product, so a mistake in the client is
 * not mirrored here.
 *
 * `t` (the minute) is not sent, so the verifier recomputes the signature for the minutes around its
 * own clock: `toleranceMinutes` buckets either side of its current minute (default 1). Depending on
 * where in the minute the request falls, that accepts a skew of at least 1 and at most 2 minutes; a
 * clock 5 minutes off is always refused. The real service's window is not documented; one minute
 * either side is the strictest window that still accepts a request signed at 12:00:59.9 and received
 * at 12:01:00.1.
 */
import { timingSafeEqual } from 'node:crypto';
import { computeSignature, signatureTimestamp } from '../../src/main/providers/saasus/signature';


export interface ParsedAuthorization {
  readonly sig: string;
  readonly saasId: string;
  readonly apiKey: string;
}

// Strict on purpose: the emulator must catch a client that gets the casing, order or separators
// wrong, because the real service is not known to be lenient about them.
const AUTHORIZATION = /^SAASUSSIGV1 Sig=([0-9a-f]{64}), SaaSID=([^\s,]+), APIKey=([^\s,]+)$/;

export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = AUTHORIZATION.exec(header ?? '');
  if (!m) return undefined;
  return { sig: m[1]!, saasId: m[2]!, apiKey: m[3]! };
}

export type VerifyResult =
  | { readonly ok: true; readonly saasId: string; readonly apiKey: string }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown_key' | 'bad_signature' };

export interface VerifyInput {
  readonly authorization: string | undefined;
  readonly method: string;
  readonly urlWithoutScheme: string;
  readonly body: string | Uint8Array;
  readonly now: number;
  /** Minute buckets accepted either side of `now`'s minute; default 1. */
  readonly toleranceMinutes?: number;
  /** The secret key for this SaaS ID and API key, or undefined when the pair is unknown. */
  readonly secretFor: (saasId: string, apiKey: string) => string | undefined;
}

export function verifySignature(input: VerifyInput): VerifyResult {
  const parsed = parseAuthorization(input.authorization);
  if (!parsed) return { ok: false, reason: 'malformed' };
  const secret = input.secretFor(parsed.saasId, parsed.apiKey);
  if (secret === undefined) return { ok: false, reason: 'unknown_key' };
  const given = Buffer.from(parsed.sig, 'hex');
  const tolerance = input.toleranceMinutes ?? 1;
  let match = false;
  // Every candidate minute is computed and compared, so the time taken does not reveal which
  // minute (if any) matched; each comparison is constant-time over equal-length digests.
  for (let k = -tolerance; k <= tolerance; k++) {
    const expected = Buffer.from(
      computeSignature(secret, {
        timestamp: signatureTimestamp(input.now + k * 60_000),
        apiKey: parsed.apiKey,
        method: input.method,
        urlWithoutScheme: input.urlWithoutScheme,
        body: input.body,
      }),
      'hex',
    );
    if (timingSafeEqual(expected, given)) match = true;
  }
  return match ? { ok: true, saasId: parsed.saasId, apiKey: parsed.apiKey } : { ok: false, reason: 'bad_signature' };
}
