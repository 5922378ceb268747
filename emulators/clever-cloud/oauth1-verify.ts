/**
 * The emulator's side of OAuth 1.0a (RFC 5849): reading the protocol parameters a request carries
 * and checking its signature, as Clever Cloud's API does. The product only signs
 * (src/main/providers/clever-cloud/oauth1.ts); this file verifies, with its own parsing, and
 * recomputes signatures with the product's pure primitives (form decoding, the signature base
 * string, the signature itself), which the published test vectors of oauth1.test.ts pin down.
 * Nothing else comes from the product, so a mistake in the client is not mirrored here.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { computeSignature, parseFormEncoded, signatureBaseString, type Param, type SignatureMethod } from '../../src/main/providers/clever-cloud/oauth1';

/** The signature methods Clever Cloud's API accepts: the service's list, not the client's. */
const ACCEPTED_METHODS: readonly string[] = ['PLAINTEXT', 'HMAC-SHA1', 'HMAC-SHA512'] satisfies readonly SignatureMethod[];

export function isSignatureMethod(value: string): value is SignatureMethod {
  return ACCEPTED_METHODS.includes(value);
}

/**
 * Parses an `Authorization: OAuth …` header into its parameters (decoded), `realm` included.
 * Returns undefined for another scheme or a malformed header: a verifier must not guess.
 */
export function parseAuthorizationHeader(header: string): Param[] | undefined {
  // Whitespace after the scheme and between items is left to the item pattern's `\s*`.
  const m = /^OAuth(?:\s(.*))?$/is.exec(header.trim());
  if (!m) return undefined;
  const rest = m[1] ?? '';
  const params: Param[] = [];
  // Each item ends with a comma or the end of the header, so items cannot run together.
  const item = /\s*([A-Za-z0-9_\-.~%]+)\s*=\s*"([^"]*)"\s*(?:,|$)/y;
  let at = 0;
  while (at < rest.length) {
    item.lastIndex = at;
    const hit = item.exec(rest);
    if (!hit) return undefined;
    const name = percentDecode(hit[1]!);
    const value = percentDecode(hit[2]!);
    if (name === null || value === null) return undefined;
    params.push([name, value]);
    at = item.lastIndex;
  }
  return params;
}

/** Percent-decoding that answers null for a malformed escape instead of throwing. */
function percentDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** What a server saw, split by where each parameter came from. */
export interface ReceivedRequest {
  readonly method: string;
  /** Absolute URL of the request as the client addressed it (scheme, Host header, raw path and query). */
  readonly url: string;
  /** From the `Authorization` header (a `realm` is ignored); empty when there was none. */
  readonly headerParams: readonly Param[];
  /** From an `application/x-www-form-urlencoded` body; empty otherwise. */
  readonly bodyParams: readonly Param[];
}

export type ProtocolParamsResult =
  | { readonly ok: true; readonly params: ReadonlyMap<string, string>; readonly source: 'header' | 'query' | 'body' }
  | { readonly ok: false; readonly reason: string };

/**
 * The `oauth_*` parameters of a request. RFC 5849 3.5: they travel in exactly one place, and each
 * appears once; anything else is refused rather than merged (merging is how signature confusion
 * bugs start).
 */
export function protocolParams(req: ReceivedRequest): ProtocolParamsResult {
  const query = parseFormEncoded(new URL(req.url).search.slice(1));
  const sources = (
    [
      ['header', req.headerParams],
      ['query', query],
      ['body', req.bodyParams],
    ] as const
  ).filter(([, list]) => list.some(([k]) => k.startsWith('oauth_')));
  if (sources.length === 0) return { ok: false, reason: 'No OAuth parameters.' };
  if (sources.length > 1) return { ok: false, reason: 'OAuth parameters must be sent in one place only.' };
  const [source, list] = sources[0]!;
  const params = new Map<string, string>();
  for (const [k, v] of list) {
    if (!k.startsWith('oauth_')) continue;
    if (params.has(k)) return { ok: false, reason: `Duplicated OAuth parameter ${k}.` };
    params.set(k, v);
  }
  return { ok: true, params, source };
}

/**
 * Recomputes the signature of a received request and compares it in constant time. The caller has
 * looked up the secrets from `oauth_consumer_key` and `oauth_token`, and checks timestamp and nonce.
 * A missing `oauth_signature_method` is read as PLAINTEXT: Clever Cloud's own JS client sends a
 * PLAINTEXT header without it, and the API accepts that.
 */
export function verifySignature(req: ReceivedRequest, consumerSecret: string, tokenSecret = ''): boolean {
  const found = protocolParams(req);
  if (!found.ok) return false;
  const method = found.params.get('oauth_signature_method') ?? 'PLAINTEXT';
  const received = found.params.get('oauth_signature');
  if (received === undefined || !isSignatureMethod(method)) return false;
  // The header's realm is not signed (3.4.1.3.1); the query is re-read from the URL by signatureBaseString.
  const header = req.headerParams.filter(([k]) => k !== 'realm');
  const base = signatureBaseString(req.method, req.url, [...header, ...req.bodyParams]);
  return constantTimeEqual(received, computeSignature(method, base, consumerSecret, tokenSecret));
}

/**
 * Equal-time string comparison that does not leak the length either: both sides are hashed first
 * (SHA-256 of their UTF-8 bytes), and equal digests mean equal strings (no collision is known).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
