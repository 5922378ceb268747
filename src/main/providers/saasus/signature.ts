/**
 * SAASUSSIGV1, the request signature every SaaSus API call carries (the generated docs say
 * "Bearer"; the official SDKs send this instead, see shared/DOMAIN.md):
 *
 *   t       = UTC time of the request as `YYYYMMDDHHmm` (minute precision)
 *   message = t + API key + METHOD + URL without its scheme (host[:port] + path + `?query`) + body bytes
 *   Sig     = lower-case hex HMAC-SHA256(message), keyed with the secret key
 *   Authorization: SAASUSSIGV1 Sig=<hex>, SaaSID=<saas id>, APIKey=<api key>
 *
 * The URL and the body must be the bytes that go on the wire: the signer takes the URL string that
 * is handed to `fetch` and the body string as sent, and never re-encodes either.
 *
 * `t` is not sent, so the verifier (the emulator) recomputes the signature for the minutes around
 * its own clock. Tolerance: `toleranceMinutes` buckets either side of the verifier's current minute
 * (default 1, i.e. the previous, current and next minute). Depending on where in the minute the
 * request falls, that accepts a skew of at least 1 and at most 2 minutes; a clock 5 minutes off is
 * always refused. The real service's window is not documented; one minute either side is the
 * strictest window that still accepts a request signed at 12:00:59.9 and received at 12:01:00.1.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_SCHEME = 'SAASUSSIGV1';

export interface SigningKeys {
  readonly saasId: string;
  readonly apiKey: string;
  readonly secretKey: string;
}

export interface SignedMessageParts {
  readonly timestamp: string;
  readonly apiKey: string;
  readonly method: string;
  /** host[:port] + path + `?query`, exactly as sent. */
  readonly urlWithoutScheme: string;
  readonly body: string | Uint8Array;
}

/** `YYYYMMDDHHmm` in UTC, e.g. 2024-03-05T07:09:59Z → `202403050709`. */
export function signatureTimestamp(epochMs: number): string {
  // toISOString is always UTC and zero-padded: `2024-03-05T07:09:59.000Z`.
  const iso = new Date(epochMs).toISOString();
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16);
}

/**
 * Everything after `scheme://`, untouched. Takes the string that will be sent, not a URL object,
 * so nothing is normalised between signing and sending.
 */
export function urlWithoutScheme(url: string): string {
  const at = url.indexOf('://');
  // No `://`, or nothing before it: not an absolute URL.
  if (at <= 0) throw new TypeError('An absolute URL is required to sign a SaaSus request.');
  return url.slice(at + 3);
}

/**
 * The HMAC of the message. Strings are hashed as their UTF-8 bytes (Node's default for a string),
 * byte arrays as they are, so a non-ASCII body signs exactly as it goes on the wire.
 */
export function computeSignature(secretKey: string, parts: SignedMessageParts): string {
  return createHmac('sha256', secretKey)
    .update(parts.timestamp + parts.apiKey + parts.method.toUpperCase() + parts.urlWithoutScheme)
    .update(parts.body)
    .digest('hex');
}

export function formatAuthorization(sig: string, saasId: string, apiKey: string): string {
  return `${SIGNATURE_SCHEME} Sig=${sig}, SaaSID=${saasId}, APIKey=${apiKey}`;
}

/** The `Authorization` header value for one request. */
export function signRequest(
  keys: SigningKeys,
  request: { readonly method: string; readonly url: string; readonly body?: string },
  now: number,
): string {
  const sig = computeSignature(keys.secretKey, {
    timestamp: signatureTimestamp(now),
    apiKey: keys.apiKey,
    method: request.method,
    urlWithoutScheme: urlWithoutScheme(request.url),
    body: request.body ?? '',
  });
  return formatAuthorization(sig, keys.saasId, keys.apiKey);
}

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
