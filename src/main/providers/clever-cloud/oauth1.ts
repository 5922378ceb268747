/**
 * OAuth 1.0a request signing (RFC 5849): what the client sends is signed here. The emulator
 * verifies what it receives with its own parsing (emulators/clever-cloud/oauth1-verify.ts) over
 * the pure primitives below (encoding, base string, signature), which the published test vectors
 * of oauth1.test.ts pin down.
 *
 * Why hand-written: the npm OAuth 1.0a libraries (oauth-1.0a, oauth-sign) either lack HMAC-SHA512,
 * re-encode with `encodeURIComponent` (which leaves `!*'()` alone, against RFC 3986), or drop
 * repeated keys. The algorithm is small and fully specified; the vectors pin it down.
 *
 * - Encoding (RFC 5849 3.6): RFC 3986 percent-encoding of UTF-8; only `A-Za-z0-9-._~` stay as is.
 * - Parameters in the base string (3.4.1.3): the `oauth_*` protocol parameters except
 *   `oauth_signature` and `realm`, plus every query parameter and every form-body parameter,
 *   each decoded as `application/x-www-form-urlencoded` and then re-encoded; repeated keys are
 *   kept; sorted by encoded key, then encoded value (byte order).
 * - Base string URI (3.4.1.2): lower-case scheme and host, the port only when it is not the
 *   default, the path, no query, no fragment.
 * - Key: enc(consumer secret) `&` enc(token secret), the token secret empty when there is none.
 * - PLAINTEXT signs nothing: the signature is the key itself, so it is only safe over TLS.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_METHODS = ['PLAINTEXT', 'HMAC-SHA1', 'HMAC-SHA512'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

/** One name/value pair. Lists, not records: RFC 5849 keeps repeated names. */
export type Param = readonly [name: string, value: string];

/** The client ("consumer") credentials of a registered application. */
export interface ConsumerCredentials {
  readonly key: string;
  readonly secret: string;
}

/** Token credentials: a request token during the dance, an access token afterwards. */
export interface TokenCredentials {
  readonly token: string;
  readonly secret: string;
}

// ---- Encoding -----------------------------------------------------------------------------------

/** RFC 3986 section 2.1 percent-encoding of the UTF-8 bytes; unreserved characters stay as they are. */
export function percentEncode(value: string): string {
  // encodeURIComponent leaves `!'()*` unencoded; RFC 3986 reserves them.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `application/x-www-form-urlencoded` decoding (RFC 5849 3.4.1.3.1): `+` is a space; repeated names
 * kept. The leading `&` keeps URLSearchParams from dropping a leading `?` (which it does for
 * strings): in a form body, `?a=1` names `?a`, and a signer must not read it as `a`.
 */
export function parseFormEncoded(text: string): Param[] {
  return [...new URLSearchParams(`&${text}`)];
}

/** `a=b&c=d` with RFC 3986 encoding: what we put in query strings and form bodies we sign. */
export function formEncode(params: readonly Param[]): string {
  return params.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
}

// ---- Base string --------------------------------------------------------------------------------

/** RFC 5849 3.4.1.2. */
export function baseStringUri(url: string | URL): string {
  const u = new URL(url);
  // `URL` already lower-cases scheme and host and drops the scheme's default port.
  return `${u.protocol}//${u.host}${u.pathname}`;
}

/** RFC 5849 3.4.1.3.2: encode, sort by name then value, join. */
export function normalizeParameters(params: readonly Param[]): string {
  const encoded = params.map(([k, v]) => [Buffer.from(percentEncode(k)), Buffer.from(percentEncode(v))] as const);
  // Byte order of the encoded name, then of the encoded value.
  encoded.sort(([ak, av], [bk, bv]) => Buffer.compare(ak, bk) || Buffer.compare(av, bv));
  return encoded.map(([k, v]) => `${k.toString()}=${v.toString()}`).join('&');
}

/**
 * RFC 5849 3.4.1. `url` may carry a query: its parameters are included. `params` are the protocol
 * parameters (without the header's `realm`) and the form-body parameters. `oauth_signature` is
 * dropped wherever it is (header, body or query), so a verifier can pass what it received.
 */
export function signatureBaseString(method: string, url: string | URL, params: readonly Param[]): string {
  const u = new URL(url);
  const all = [...parseFormEncoded(u.search.slice(1)), ...params].filter(([k]) => k !== 'oauth_signature');
  return [method.toUpperCase(), percentEncode(baseStringUri(u)), percentEncode(normalizeParameters(all))].join('&');
}

// ---- Signatures ---------------------------------------------------------------------------------

export function signingKey(consumerSecret: string, tokenSecret = ''): string {
  return `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
}

/** The `oauth_signature` value (not yet percent-encoded for transport); strings hash as UTF-8 (Node's default). */
export function computeSignature(
  signatureMethod: SignatureMethod,
  baseString: string,
  consumerSecret: string,
  tokenSecret = '',
): string {
  const key = signingKey(consumerSecret, tokenSecret);
  switch (signatureMethod) {
    case 'PLAINTEXT':
      return key;
    case 'HMAC-SHA1':
      return createHmac('sha1', key).update(baseString).digest('base64');
    case 'HMAC-SHA512':
      return createHmac('sha512', key).update(baseString).digest('base64');
  }
}

// ---- Signing a request ---------------------------------------------------------------------------

export interface SignInput {
  readonly method: string;
  /** The absolute URL as it will be sent, query included (query parameters are signed). */
  readonly url: string;
  /** Form-body parameters that will be sent (`application/x-www-form-urlencoded` only). */
  readonly form?: readonly Param[];
  readonly consumer: ConsumerCredentials;
  readonly token?: TokenCredentials;
  readonly signatureMethod: SignatureMethod;
  /** Extra protocol parameters: `oauth_callback`, `oauth_verifier`. */
  readonly extra?: readonly Param[];
  /** Injected by tests; default the current time in seconds. */
  readonly timestamp?: string;
  /** Injected by tests; default 16 random bytes, hex. */
  readonly nonce?: string;
}

/**
 * The protocol parameters of a request, `oauth_signature` last. The caller puts them in an
 * `Authorization` header, the form body or the query string (RFC 5849 3.5), never in two places.
 */
export function signRequest(input: SignInput): Param[] {
  const protocol: Param[] = [
    ['oauth_consumer_key', input.consumer.key],
    ...(input.token ? ([['oauth_token', input.token.token]] as Param[]) : []),
    ['oauth_signature_method', input.signatureMethod],
    ['oauth_timestamp', input.timestamp ?? String(Math.floor(Date.now() / 1000))],
    ['oauth_nonce', input.nonce ?? makeNonce()],
    ['oauth_version', '1.0'],
    ...(input.extra ?? []),
  ];
  const base = signatureBaseString(input.method, input.url, [...protocol, ...(input.form ?? [])]);
  const signature = computeSignature(input.signatureMethod, base, input.consumer.secret, input.token?.secret);
  return [...protocol, ['oauth_signature', signature]];
}

export function makeNonce(): string {
  return randomBytes(16).toString('hex');
}

/** `OAuth realm="…", oauth_consumer_key="…", …` (RFC 5849 3.5.1); values percent-encoded. */
export function authorizationHeader(params: readonly Param[], realm?: string): string {
  const parts = params.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`);
  if (realm !== undefined) parts.unshift(`realm="${percentEncode(realm)}"`);
  return `OAuth ${parts.join(', ')}`;
}
