/**
 * SAASUSSIGV1, the request signature every SaaSus API call carries (the generated docs say
 * "Bearer"; the official SDKs send this instead, see docs/PROVIDERS.md):
 *
 *   t       = UTC time of the request as `YYYYMMDDHHmm` (minute precision)
 *   message = t + API key + METHOD + URL without its scheme (host[:port] + path + `?query`) + body bytes
 *   Sig     = lower-case hex HMAC-SHA256(message), keyed with the secret key
 *   Authorization: SAASUSSIGV1 Sig=<hex>, SaaSID=<saas id>, APIKey=<api key>
 *
 * The URL and the body must be the bytes that go on the wire: the signer takes the URL string that
 * is handed to `fetch` and the body string as sent, and never re-encodes either.
 *
 * `t` is not sent: the verifier recomputes the signature for the minutes around its own clock (the
 * emulator's is emulators/saasus/signature-verify.ts, over the primitives below).
 */
import { createHmac } from 'node:crypto';

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
