/**
 * A typed client for Clever Cloud's API v2: every `AuthApi` method of the seed, plus the identity
 * and token-lifecycle calls Tessera needs (`/self`, `/self/tokens/current`,
 * `DELETE /self/tokens/{token}`, `/self/cli_tokens`).
 *
 * Shaped like panva/oauth4webapi: `xxxRequest` builds the exact request (URL string, headers, body
 * string; signed when the endpoint needs it) and `processXxxResponse` turns the HTTP answer into a
 * typed value or an `AppError`. The call functions glue the two around `httpRequest`, which owns
 * the timeout, cancellation and the size cap. Builders are pure, so tests can look at the signed
 * bytes, and the signature always covers exactly what is sent.
 *
 * Where the OAuth parameters travel (shared/DOMAIN.md):
 * - request and access token: in the form body (`/oauth/request_token`, `/oauth/access_token`) or in
 *   the query string with an empty body (the `_query` variants);
 * - every other signed call: an `Authorization: OAuth …` header.
 *
 * Error mapping (messages never quote a token, a secret, a verifier or a URL with its query):
 * - 401 on the request-token step → `invalid_configuration` (the consumer was refused); on the
 *   access-token step → `code_expired` (request token expired, used, or the verifier is wrong);
 *   anywhere else → `unauthorized` ("log in again": bad signature, expired or revoked token).
 * - 5xx and any other unexpected status → `http_error`, with the provider's `message` when it is
 *   printable text (secrets we know of and URLs are cut out first).
 * - A body that is not what the endpoint promises (HTML for JSON, JSON for a form…) → `bad_response`.
 *   Network failure, timeout, cancel and oversized bodies come from `httpRequest`.
 */
import * as v from 'valibot';
import type { CleverCloudRight } from '../../../shared/model';
import { AppError } from '../../errors';
import { httpRequest, parseJsonBody, type FetchLike, type HttpResponse, knobsOf } from '../../net/http';
import { DEFAULT_API_BASE_URL, SERVICE } from './constants';
import {
  authorizationHeader,
  formEncode,
  parseFormEncoded,
  percentEncode,
  signRequest,
  type ConsumerCredentials,
  type Param,
  type SignatureMethod,
  type TokenCredentials,
} from './oauth1';

export const UNAUTHORIZED_MESSAGE = 'This Clever Cloud token is invalid, expired or revoked: log in again.';

export interface CleverCloudApiConfig {
  /** Default `https://api.clever-cloud.com/v2`. Plain http only for loopback (the emulator). */
  readonly baseUrl?: string;
  /** The OAuth consumer the tokens belong to (the CLI's public one for console logins). */
  readonly consumer: ConsumerCredentials;
  /**
   * Default HMAC-SHA512: the secrets never cross the wire and a captured request cannot be
   * replayed once its timestamp is stale. PLAINTEXT also works (TLS only), as in Clever's JS client.
   */
  readonly signatureMethod?: SignatureMethod;
  readonly fetch?: FetchLike;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  /** Epoch ms, for `oauth_timestamp` and relative expiries; default Date.now. */
  readonly clock?: () => number;
  /** Default 16 random bytes. */
  readonly nonce?: () => string;
  /** Old partner selector of the request-token calls; sent only when set. */
  readonly cleverFlavor?: string;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** Where the OAuth parameters of the token endpoints go: the plain or the `_query` variant. */
export type ParamPlacement = 'body' | 'query';

export interface PreparedRequest {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface RequestToken extends TokenCredentials {
  readonly callbackConfirmed: true;
}

export interface AccessToken extends TokenCredentials {
  /** Epoch ms, when the answer said. */
  readonly expiresAt: number | null;
}

/** Clever Cloud's `Message`: errors and some acknowledgements. */
export interface Message {
  readonly id: number | string | null;
  readonly message: string;
  readonly type: string | null;
}

/** `WannabeAuthorization`: asks the API whether `authorization` is valid for `verb uri`. */
export interface WannabeAuthorization {
  readonly verb: string;
  readonly uri: string;
  readonly authorization: string;
  readonly payload?: string;
  readonly nonce?: string;
  readonly mac?: string;
}

export interface CleverCloudUser {
  readonly id: string;
  readonly email: string;
  /** May be empty on the service; empty becomes null. */
  readonly name: string | null;
  readonly avatarUrl: string | null;
  readonly createdAt: number | null;
  readonly preferredMfa: string | null;
  readonly emailValidated: boolean | null;
}

export interface CurrentToken {
  readonly token: string;
  readonly consumerName: string | null;
  readonly consumerKey: string | null;
  readonly consumerUrl: string | null;
  readonly createdAt: number | null;
  readonly expiresAt: number | null;
  readonly lastUsedAt: number | null;
  /** The rights set to true, in the service's order. */
  readonly rights: readonly string[];
}

export type CliTokenPoll =
  | { readonly status: 'pending' }
  | { readonly status: 'ready'; readonly credentials: TokenCredentials; readonly expiresAt: number | null };

export type AuthorizeAnswer =
  | { readonly kind: 'page'; readonly status: number; readonly html: string }
  | {
      readonly kind: 'redirect';
      readonly status: number;
      readonly location: string;
      /** Present when the redirect is the OAuth callback. */
      readonly oauthToken: string | null;
      readonly oauthVerifier: string | null;
    };

export interface AuthorizeFormInput {
  readonly oauthToken?: string;
  readonly cliToken?: string;
  readonly fromOauth?: string;
  /** Browser session cookies, when replaying what a browser holds. */
  readonly ccid?: string;
  readonly cctk?: string;
}

export interface AuthorizeInput {
  /** Session cookie set by the login form. */
  readonly ccid: string;
  /** Request-token cookie set by the rights page. */
  readonly cctk: string;
  /** Rights to grant; each is sent as `<name>=on`, as the checkbox form does. */
  readonly rights: readonly string[];
}

export type RevokeOutcome = 'revoked' | 'already-invalid';

// ---- URLs -----------------------------------------------------------------------------------------

/** The configured base URL, validated: https, or http to a loopback address (the emulator). */
export function apiBaseUrl(config: Pick<CleverCloudApiConfig, 'baseUrl'>): URL {
  return checkedServiceUrl(config.baseUrl ?? DEFAULT_API_BASE_URL, 'API base URL');
}

/** Shared by the API and console URLs. */
export function checkedServiceUrl(raw: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('invalid_configuration', `The Clever Cloud ${what} is not a valid URL.`);
  }
  if (url.search || url.hash || url.username || url.password)
    throw new AppError('invalid_configuration', `The Clever Cloud ${what} must not carry a query, fragment or user name.`);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname))) return url;
  throw new AppError(
    'invalid_configuration',
    `The Clever Cloud ${what} must use https (plain http is only allowed for 127.0.0.1 or localhost).`,
  );
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
}

function endpointUrl(config: CleverCloudApiConfig, path: string, query: readonly Param[] = []): string {
  const base = apiBaseUrl(config);
  const url = new URL(base.pathname.replace(/\/$/, '') + path, base);
  // RFC 3986 encoding, so the server's form-decoding yields exactly the values we signed.
  return query.length > 0 ? `${url.href}?${formEncode(query)}` : url.href;
}

/** Where the browser goes to approve a request token (`GET /oauth/authorize`). */
export function authorizeUrl(config: CleverCloudApiConfig, requestToken: string): string {
  return endpointUrl(config, '/oauth/authorize', [['oauth_token', requestToken]]);
}

// ---- Request builders ---------------------------------------------------------------------------

function protocolFor(
  config: CleverCloudApiConfig,
  method: string,
  url: string,
  form: readonly Param[],
  token: TokenCredentials | undefined,
  extra: readonly Param[],
): Param[] {
  return signRequest({
    method,
    url,
    form,
    consumer: config.consumer,
    token,
    signatureMethod: config.signatureMethod ?? 'HMAC-SHA512',
    extra,
    timestamp: String(Math.floor((config.clock ?? Date.now)() / 1000)),
    nonce: config.nonce?.(),
  });
}

/** Request- and access-token calls: OAuth parameters in the body, or in the query (`_query`). */
function tokenEndpointRequest(
  config: CleverCloudApiConfig,
  path: string,
  placement: ParamPlacement,
  params: readonly Param[],
  token: TokenCredentials | undefined,
  extra: readonly Param[],
): PreparedRequest {
  const headers = { accept: 'application/x-www-form-urlencoded' };
  if (placement === 'body') {
    const url = endpointUrl(config, path);
    const oauth = protocolFor(config, 'POST', url, params, token, extra);
    return {
      method: 'POST',
      url,
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: formEncode([...params, ...oauth]),
    };
  }
  // Sign the URL with the ordinary parameters only, then append the protocol parameters: signing a
  // URL that already held them would count them twice.
  const signedUrl = endpointUrl(config, `${path}_query`, params);
  const oauth = protocolFor(config, 'POST', signedUrl, [], token, extra);
  return { method: 'POST', url: endpointUrl(config, `${path}_query`, [...params, ...oauth]), headers };
}

/** `POST /oauth/request_token` (body) or `/oauth/request_token_query` (query), with `oauth_callback`. */
export function requestTokenRequest(
  config: CleverCloudApiConfig,
  input: { readonly callback: string; readonly placement?: ParamPlacement },
): PreparedRequest {
  const params: Param[] = config.cleverFlavor ? [['clever_flavor', config.cleverFlavor]] : [];
  return tokenEndpointRequest(config, '/oauth/request_token', input.placement ?? 'body', params, undefined, [
    ['oauth_callback', input.callback],
  ]);
}

/** `POST /oauth/access_token` (body) or `/oauth/access_token_query`; signed with the request-token secret. */
export function accessTokenRequest(
  config: CleverCloudApiConfig,
  input: { readonly requestToken: TokenCredentials; readonly verifier: string; readonly placement?: ParamPlacement },
): PreparedRequest {
  return tokenEndpointRequest(config, '/oauth/access_token', input.placement ?? 'body', [], input.requestToken, [
    ['oauth_verifier', input.verifier],
  ]);
}

/** A call signed with an access token, OAuth parameters in the `Authorization` header. */
export function signedApiRequest(
  config: CleverCloudApiConfig,
  credentials: TokenCredentials,
  method: 'GET' | 'DELETE' | 'POST',
  path: string,
  query: readonly Param[] = [],
): PreparedRequest {
  const url = endpointUrl(config, path, query);
  const oauth = protocolFor(config, method, url, [], credentials, []);
  return { method, url, headers: { accept: 'application/json', authorization: authorizationHeader(oauth) } };
}

function cookieHeader(cookies: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const parts = Object.entries(cookies)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, val]) => `${k}=${encodeURIComponent(val)}`);
  return parts.length > 0 ? { cookie: parts.join('; ') } : {};
}

/** `GET /oauth/authorize`: the HTML page (login or rights), or a 303 for a consumer approved before. */
export function authorizeFormRequest(config: CleverCloudApiConfig, input: AuthorizeFormInput): PreparedRequest {
  const query: Param[] = [];
  if (input.oauthToken !== undefined) query.push(['oauth_token', input.oauthToken]);
  if (input.cliToken !== undefined) query.push(['cli_token', input.cliToken]);
  if (input.fromOauth !== undefined) query.push(['from_oauth', input.fromOauth]);
  return {
    method: 'GET',
    url: endpointUrl(config, '/oauth/authorize', query),
    headers: { accept: 'text/html', ...cookieHeader({ ccid: input.ccid, cctk: input.cctk }) },
  };
}

const RIGHT_NAME = /^[a-z][a-z_]{0,63}$/;

/** `POST /oauth/authorize`: the rights form. `ccid` and `cctk` are cookies, not form fields. */
export function authorizeRequest(config: CleverCloudApiConfig, input: AuthorizeInput): PreparedRequest {
  for (const right of input.rights)
    if (!RIGHT_NAME.test(right)) throw new AppError('invalid_input', 'A Clever Cloud right name must be lower-case letters and underscores.');
  return {
    method: 'POST',
    url: endpointUrl(config, '/oauth/authorize'),
    headers: {
      accept: 'text/html, application/json',
      'content-type': 'application/x-www-form-urlencoded',
      ...cookieHeader({ ccid: input.ccid, cctk: input.cctk }),
    },
    body: formEncode(input.rights.map((r): Param => [r, 'on'])),
  };
}

export function availableRightsRequest(config: CleverCloudApiConfig): PreparedRequest {
  return { method: 'GET', url: endpointUrl(config, '/oauth/rights'), headers: { accept: 'application/json' } };
}

export function loginDataRequest(config: CleverCloudApiConfig, oauthKey?: string): PreparedRequest {
  const query: Param[] = oauthKey === undefined ? [] : [['oauth_key', oauthKey]];
  return { method: 'GET', url: endpointUrl(config, '/oauth/login_data', query), headers: { accept: 'application/json' } };
}

export function checkAuthorizationRequest(config: CleverCloudApiConfig, wannabe: WannabeAuthorization): PreparedRequest {
  return {
    method: 'POST',
    url: endpointUrl(config, '/authorize'),
    headers: { accept: 'application/json', 'content-type': 'application/json' },
    body: JSON.stringify({
      verb: wannabe.verb,
      uri: wannabe.uri,
      authorization: wannabe.authorization,
      payload: wannabe.payload ?? '',
      nonce: wannabe.nonce ?? '',
      mac: wannabe.mac ?? '',
    }),
  };
}

export function selfRequest(config: CleverCloudApiConfig, credentials: TokenCredentials): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', '/self');
}

export function currentTokenRequest(config: CleverCloudApiConfig, credentials: TokenCredentials): PreparedRequest {
  return signedApiRequest(config, credentials, 'GET', '/self/tokens/current');
}

/** `DELETE /self/tokens/{token}`. There is deliberately no builder for `DELETE /self/tokens` (it logs out everywhere). */
export function revokeTokenRequest(config: CleverCloudApiConfig, credentials: TokenCredentials, token = credentials.token): PreparedRequest {
  if (token === '') throw new AppError('invalid_input', 'No Clever Cloud token to revoke.');
  return signedApiRequest(config, credentials, 'DELETE', `/self/tokens/${percentEncode(token)}`);
}

/** `GET /self/cli_tokens?cli_token=…`: not signed, the cli_token is the only credential. */
export function cliTokenRequest(config: CleverCloudApiConfig, cliToken: string): PreparedRequest {
  return { method: 'GET', url: endpointUrl(config, '/self/cli_tokens', [['cli_token', cliToken]]), headers: { accept: 'application/json' } };
}

// ---- Parsing helpers ------------------------------------------------------------------------------

/**
 * Clever Cloud dates: epoch ms (number or digits), ISO 8601, or ISO with a Java zone suffix
 * (`2024-05-01T10:00Z[UTC]`). Returns NaN for anything else, so schemas can refuse it.
 */
export function parseCleverDate(value: number | string): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  const text = value.trim();
  if (/^\d{1,16}$/.test(text)) return Number(text);
  const iso = text.replace(/\[[A-Za-z0-9_/+-]+\]$/, '');
  // Only ISO-looking strings: Date.parse accepts many odd formats we would rather refuse.
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(iso)) return Number.NaN;
  return Date.parse(iso);
}

const DateSchema = v.pipe(v.union([v.number(), v.string()]), v.transform(parseCleverDate), v.finite());
/** Absent, null and "" all mean "not told"; anything present must be a real date. */
const OptionalDate = v.pipe(
  v.optional(v.nullable(v.union([DateSchema, v.literal('')]))),
  v.transform((d) => (typeof d === 'number' ? d : null)),
);
const nonEmpty = v.pipe(v.string(), v.minLength(1));
const optionalText = v.pipe(
  v.optional(v.nullable(v.string())),
  v.transform((s) => (s === undefined || s === null || s.trim() === '' ? null : s)),
);

/** Form-encoded token answers. HTML, JSON or an empty body is a `bad_response`, never a token. */
function parseFormBody<const S extends v.GenericSchema>(res: HttpResponse, schema: S): v.InferOutput<S> {
  const text = res.text.trim();
  if (text === '' || /^[<{[]/.test(text))
    throw new AppError('bad_response', `${SERVICE} sent an answer that is not form-encoded (HTTP ${res.status}).`);
  const record: Record<string, string> = {};
  for (const [k, val] of parseFormEncoded(text)) if (!(k in record)) record[k] = val;
  const parsed = v.safeParse(schema, record);
  if (!parsed.success)
    throw new AppError('bad_response', `${SERVICE} sent an answer Tessera does not understand (HTTP ${res.status}).`, {
      // Issue paths only, never the values (they are tokens).
      cause: new Error(parsed.issues.map((i) => v.getDotPath(i) ?? '?').join(', ')),
    });
  return parsed.output;
}

const MessageSchema = v.object({
  id: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  message: v.string(),
  type: v.optional(v.nullable(v.string())),
});

function toMessage(m: v.InferOutput<typeof MessageSchema>): Message {
  return { id: m.id ?? null, message: m.message, type: m.type ?? null };
}

// ---- Errors -------------------------------------------------------------------------------------

export type Endpoint =
  | 'requestToken'
  | 'accessToken'
  | 'authorizeForm'
  | 'authorize'
  | 'availableRights'
  | 'loginData'
  | 'checkAuthorization'
  | 'self'
  | 'currentToken'
  | 'revokeToken'
  | 'cliToken';

/** The typed error for a non-2xx answer. `redact` lists values that must never be repeated. */
export function failureFor(endpoint: Endpoint, res: HttpResponse, redact: readonly string[] = []): AppError {
  const said = providerMessage(res, redact);
  const cause = new Error(`${SERVICE} ${endpoint} answered HTTP ${res.status}`);
  if (res.status === 401) {
    if (endpoint === 'requestToken')
      return new AppError(
        'invalid_configuration',
        'Clever Cloud refused the OAuth consumer: check its key and secret (and this computer’s clock).',
        { cause },
      );
    if (endpoint === 'accessToken')
      return new AppError(
        'code_expired',
        'Clever Cloud refused to finish the login: the authorisation expired or was already used. Please log in again.',
        { cause },
      );
    return new AppError('unauthorized', UNAUTHORIZED_MESSAGE, { cause });
  }
  if (res.status >= 500)
    return new AppError('http_error', `${SERVICE} had a problem (HTTP ${res.status}). Try again in a moment.`, { cause });
  if (res.status === 403)
    return new AppError('http_error', `${SERVICE} refused this request: the token does not have the right to do it (HTTP 403).`, { cause });
  if (res.status >= 300 && res.status < 400)
    return new AppError('bad_response', `${SERVICE} answered with an unexpected redirect (HTTP ${res.status}).`, { cause });
  return new AppError('http_error', `${SERVICE} refused the request (HTTP ${res.status})${said ? `: ${said}` : '.'}`, { cause });
}

/** The longest provider text a message quotes. */
const MESSAGE_CHARS = 200;
/**
 * How much of the provider's text is looked at. Bodies reach 1 MB (http.ts's cap); a message needs
 * a few hundred characters, and every pattern then runs over those only. It is more than
 * MESSAGE_CHARS because cut-out addresses and secrets shorten the text.
 */
const MESSAGE_SOURCE_CHARS = 400;
/** The largest JSON body read for a `Message`; a real one is a few hundred bytes. */
const MESSAGE_JSON_CHARS = 16 * 1024;

/**
 * The provider's own words, when they are safe to show: the `message` of a JSON `Message`, or a
 * short plain-text body. HTML pages are never quoted; known secrets (`redact`), the values of
 * `oauth_token`, `oauth_token_secret` and `oauth_verifier` parameters, and URLs are cut out.
 *
 * Cost: bounded whatever the body (up to 1 MB, and whoever answers chooses it): JSON is parsed only
 * up to MESSAGE_JSON_CHARS, the text is cut to MESSAGE_SOURCE_CHARS before any pattern runs over it,
 * and the patterns are linear anyway (see stripAddresses). Before, an address pattern ran over the
 * whole body and took seconds on 128 KB of `a.a.a…`. bench/error-text.ts measures it.
 */
export function providerMessage(res: HttpResponse, redact: readonly string[] = []): string | null {
  let text = quotableText(res);
  if (text === null) return null;
  text = redactSecrets(text.slice(0, MESSAGE_SOURCE_CHARS), redact, text.length > MESSAGE_SOURCE_CHARS);
  // Credentials Tessera cannot know in advance: a token endpoint's error answer may still hold the
  // pair it issued (form-encoded, or quoted in a message).
  text = text.replace(CREDENTIAL_PARAMETER, '$1=…');
  // eslint-disable-next-line no-control-regex
  text = stripAddresses(text).replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (text === '') return null;
  return text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS)}…` : text;
}

/**
 * The `message` of a JSON `Message`, or a plain-text body; null for HTML, other JSON, and JSON too
 * large to be a `Message` (a few hundred bytes): JSON.parse of 1 MB of `[` takes about 90 ms.
 */
function quotableText(res: HttpResponse): string | null {
  const body = res.text;
  const type = res.headers.get('content-type') ?? '';
  if (body.length <= MESSAGE_JSON_CHARS) {
    try {
      const parsed = v.safeParse(MessageSchema, JSON.parse(body));
      return parsed.success ? parsed.output.message : null;
    } catch {
      // Not JSON: perhaps plain text.
    }
  } else if (/json/i.test(type) || /^\s*[[{]/.test(body)) return null;
  return !/html|json/i.test(type) && !/^\s*</.test(body) ? body : null;
}

/**
 * Cuts every known secret out of `text`. When `text` was cut short, a secret the cut went through
 * is no longer whole: a tail that begins a secret (its first characters) is dropped too.
 */
function redactSecrets(text: string, redact: readonly string[], wasCut: boolean): string {
  const secrets = redact.filter((secret) => secret.length >= 4);
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('…');
  if (wasCut)
    for (const secret of secrets)
      for (let n = Math.min(secret.length - 1, out.length); n > 0; n -= 1)
        if (out.endsWith(secret.slice(0, n))) {
          out = out.slice(0, out.length - n);
          break;
        }
  return out;
}

/** An OAuth parameter that carries a credential, with its value (up to the next `&` or space). */
const CREDENTIAL_PARAMETER = /(oauth_token(?:_secret)?|oauth_verifier)=[^&\s]*/g;

const SCHEME_CHAR = /[a-z0-9+.-]/i;

/**
 * Replaces each address (`scheme://…` up to the next space) with `[address]`. Done word by word:
 * a single pattern with the scheme before `://` retries from every word boundary of a long
 * `a.a.a…` run and is quadratic; here each word costs one `indexOf` and a walk back over its scheme.
 */
function stripAddresses(text: string): string {
  return text.replace(/\S+/g, (word) => {
    const at = word.indexOf('://');
    if (at < 0) return word;
    let start = at;
    while (start > 0 && SCHEME_CHAR.test(word[start - 1]!)) start -= 1;
    return `${word.slice(0, start)}[address]`;
  });
}

function expectSuccess(endpoint: Endpoint, res: HttpResponse, redact: readonly string[]): void {
  if (res.status >= 200 && res.status < 300) return;
  throw failureFor(endpoint, res, redact);
}

// ---- Response processors --------------------------------------------------------------------------

const RequestTokenSchema = v.object({
  oauth_token: nonEmpty,
  oauth_token_secret: nonEmpty,
  // RFC 5849 2.1: MUST be "true". Without it this is an OAuth 1.0 (not 1.0a) server, open to
  // session fixation; refuse rather than continue.
  oauth_callback_confirmed: v.literal('true'),
});

export function processRequestTokenResponse(res: HttpResponse, redact: readonly string[] = []): RequestToken {
  expectSuccess('requestToken', res, redact);
  const body = parseFormBody(res, RequestTokenSchema);
  return { token: body.oauth_token, secret: body.oauth_token_secret, callbackConfirmed: true };
}

const AccessTokenSchema = v.object({
  oauth_token: nonEmpty,
  oauth_token_secret: nonEmpty,
  // Expiry is optional and its name is not documented: the OAuth session extension's
  // `oauth_expires_in` (seconds, what the emulator sends) or an absolute date.
  oauth_expires_in: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}$/), v.transform(Number))),
  expiration_date: v.optional(DateSchema),
  expirationDate: v.optional(DateSchema),
});

export function processAccessTokenResponse(res: HttpResponse, now: number, redact: readonly string[] = []): AccessToken {
  expectSuccess('accessToken', res, redact);
  const body = parseFormBody(res, AccessTokenSchema);
  const expiresAt =
    body.expirationDate ?? body.expiration_date ?? (body.oauth_expires_in !== undefined ? now + body.oauth_expires_in * 1000 : null);
  return { token: body.oauth_token, secret: body.oauth_token_secret, expiresAt };
}

function processAuthorizeAnswer(endpoint: 'authorizeForm' | 'authorize', res: HttpResponse, redact: readonly string[]): AuthorizeAnswer {
  if ([301, 302, 303, 307].includes(res.status)) {
    const location = res.headers.get('location');
    if (!location) throw new AppError('bad_response', `${SERVICE} sent a redirect without a destination.`);
    let params: URLSearchParams;
    try {
      params = new URL(location, 'http://invalid').searchParams;
    } catch (cause) {
      throw new AppError('bad_response', `${SERVICE} sent a redirect Tessera cannot read.`, { cause });
    }
    return {
      kind: 'redirect',
      status: res.status,
      location,
      oauthToken: params.get('oauth_token'),
      oauthVerifier: params.get('oauth_verifier'),
    };
  }
  expectSuccess(endpoint, res, redact);
  return { kind: 'page', status: res.status, html: res.text };
}

export function processAuthorizeFormResponse(res: HttpResponse, redact: readonly string[] = []): AuthorizeAnswer {
  return processAuthorizeAnswer('authorizeForm', res, redact);
}

export function processAuthorizeResponse(res: HttpResponse, redact: readonly string[] = []): AuthorizeAnswer {
  return processAuthorizeAnswer('authorize', res, redact);
}

/** Shape not documented: a JSON object name → description, or an array of names or `{name, description}`. */
const RightsSchema = v.union([
  v.record(v.string(), v.nullable(v.string())),
  v.array(v.union([v.string(), v.object({ name: nonEmpty, description: v.optional(v.nullable(v.string())) })])),
]);

export function processAvailableRightsResponse(res: HttpResponse): CleverCloudRight[] {
  expectSuccess('availableRights', res, []);
  const body = parseJsonBody(res, RightsSchema, SERVICE);
  if (Array.isArray(body))
    return body.map((r) => (typeof r === 'string' ? { name: r, description: '' } : { name: r.name, description: r.description ?? '' }));
  return Object.entries(body).map(([name, description]) => ({ name, description: description ?? '' }));
}

/** Undocumented, no schema: any JSON object, returned as read. */
export function processLoginDataResponse(res: HttpResponse): Readonly<Record<string, unknown>> {
  expectSuccess('loginData', res, []);
  return parseJsonBody(res, v.record(v.string(), v.unknown()), SERVICE);
}

/** `POST /authorize`: 200 → valid, 401 → not valid; both carry a `Message`. */
export function processCheckAuthorizationResponse(
  res: HttpResponse,
  redact: readonly string[] = [],
): { readonly valid: boolean; readonly message: Message } {
  if (res.status !== 200 && res.status !== 401) throw failureFor('checkAuthorization', res, redact);
  return { valid: res.status === 200, message: toMessage(parseJsonBody(res, MessageSchema, SERVICE)) };
}

const SelfSchema = v.object({
  id: nonEmpty,
  email: v.string(),
  name: optionalText,
  avatar: optionalText,
  creationDate: OptionalDate,
  preferredMFA: optionalText,
  emailValidated: v.optional(v.nullable(v.boolean())),
});

export function processSelfResponse(res: HttpResponse, redact: readonly string[] = []): CleverCloudUser {
  expectSuccess('self', res, redact);
  const b = parseJsonBody(res, SelfSchema, SERVICE);
  return {
    id: b.id,
    email: b.email,
    name: b.name ?? null,
    avatarUrl: b.avatar ?? null,
    createdAt: b.creationDate ?? null,
    preferredMfa: b.preferredMFA ?? null,
    emailValidated: b.emailValidated ?? null,
  };
}

const TokenSchema = v.object({
  token: nonEmpty,
  consumer: v.optional(
    v.nullable(
      v.object({
        name: optionalText,
        key: optionalText,
        url: optionalText,
      }),
    ),
  ),
  creationDate: OptionalDate,
  expirationDate: OptionalDate,
  lastUtilisation: OptionalDate,
  // Booleans per right on the wire; an array of names is accepted too.
  rights: v.optional(v.nullable(v.union([v.record(v.string(), v.boolean()), v.array(v.string())]))),
});

/** The spec says an array; real clients read one object. Both are accepted (an array must hold exactly one). */
const CurrentTokenSchema = v.union([
  TokenSchema,
  v.pipe(
    v.array(TokenSchema),
    v.length(1),
    v.transform((list) => list[0]!),
  ),
]);

export function processCurrentTokenResponse(res: HttpResponse, redact: readonly string[] = []): CurrentToken {
  expectSuccess('currentToken', res, redact);
  const t = parseJsonBody(res, CurrentTokenSchema, SERVICE);
  const rights = !t.rights ? [] : Array.isArray(t.rights) ? t.rights : Object.entries(t.rights).filter(([, on]) => on).map(([name]) => name);
  return {
    token: t.token,
    consumerName: t.consumer?.name ?? null,
    consumerKey: t.consumer?.key ?? null,
    consumerUrl: t.consumer?.url ?? null,
    createdAt: t.creationDate ?? null,
    expiresAt: t.expirationDate ?? null,
    lastUsedAt: t.lastUtilisation ?? null,
    rights,
  };
}

export function processRevokeTokenResponse(res: HttpResponse, redact: readonly string[] = []): RevokeOutcome {
  // 401: the signing token is already dead, which is what revoking wanted. 404: nothing by that name.
  if (res.status === 401) return 'already-invalid';
  if (res.status === 404) return 'already-invalid';
  expectSuccess('revokeToken', res, redact);
  return 'revoked';
}

const CliTokenSchema = v.object({ token: nonEmpty, secret: nonEmpty, expirationDate: OptionalDate });

export function processCliTokenResponse(res: HttpResponse, redact: readonly string[] = []): CliTokenPoll {
  if (res.status === 404) return { status: 'pending' };
  expectSuccess('cliToken', res, redact);
  const b = parseJsonBody(res, CliTokenSchema, SERVICE);
  return { status: 'ready', credentials: { token: b.token, secret: b.secret }, expiresAt: b.expirationDate ?? null };
}

// ---- Calls --------------------------------------------------------------------------------------

async function send(config: CleverCloudApiConfig, req: PreparedRequest, opts: CallOptions): Promise<HttpResponse> {
  return httpRequest({
    ...req,
    ...knobsOf(config),
    service: SERVICE,
    signal: opts.signal,
  });
}

function secretsOf(config: CleverCloudApiConfig, ...more: (string | undefined)[]): string[] {
  return [config.consumer.secret, ...more].filter((s): s is string => s !== undefined && s !== '');
}

/** Step 1 of the three-legged dance: a request token bound to `callback`. */
export async function requestToken(
  config: CleverCloudApiConfig,
  input: { readonly callback: string; readonly placement?: ParamPlacement },
  opts: CallOptions = {},
): Promise<RequestToken> {
  return processRequestTokenResponse(await send(config, requestTokenRequest(config, input), opts), secretsOf(config));
}

/** Step 3: the verifier from the callback and the request token become an access token. */
export async function accessToken(
  config: CleverCloudApiConfig,
  input: { readonly requestToken: TokenCredentials; readonly verifier: string; readonly placement?: ParamPlacement },
  opts: CallOptions = {},
): Promise<AccessToken> {
  const res = await send(config, accessTokenRequest(config, input), opts);
  return processAccessTokenResponse(
    res,
    (config.clock ?? Date.now)(),
    secretsOf(config, input.requestToken.token, input.requestToken.secret, input.verifier),
  );
}

/** `GET /oauth/authorize`, as a browser would (what Tessera opens is {@link authorizeUrl}). */
export async function authorizeForm(config: CleverCloudApiConfig, input: AuthorizeFormInput, opts: CallOptions = {}): Promise<AuthorizeAnswer> {
  const res = await send(config, authorizeFormRequest(config, input), opts);
  return processAuthorizeFormResponse(res, secretsOf(config, input.oauthToken, input.cliToken, input.ccid, input.cctk));
}

/** `POST /oauth/authorize` with the rights to grant. */
export async function authorize(config: CleverCloudApiConfig, input: AuthorizeInput, opts: CallOptions = {}): Promise<AuthorizeAnswer> {
  const res = await send(config, authorizeRequest(config, input), opts);
  return processAuthorizeResponse(res, secretsOf(config, input.ccid, input.cctk));
}

/** `GET /oauth/rights`: every right a consumer may ask for. */
export async function getAvailableRights(config: CleverCloudApiConfig, opts: CallOptions = {}): Promise<CleverCloudRight[]> {
  return processAvailableRightsResponse(await send(config, availableRightsRequest(config), opts));
}

/** `GET /oauth/login_data?oauth_key=…` (undocumented). */
export async function getLoginData(
  config: CleverCloudApiConfig,
  oauthKey?: string,
  opts: CallOptions = {},
): Promise<Readonly<Record<string, unknown>>> {
  return processLoginDataResponse(await send(config, loginDataRequest(config, oauthKey), opts));
}

/** `POST /authorize` (WannabeAuthorization → Message): is this Authorization header valid for that request? */
export async function checkAuthorization(
  config: CleverCloudApiConfig,
  wannabe: WannabeAuthorization,
  opts: CallOptions = {},
): Promise<{ readonly valid: boolean; readonly message: Message }> {
  return processCheckAuthorizationResponse(await send(config, checkAuthorizationRequest(config, wannabe), opts), secretsOf(config));
}

/** `GET /self`: who the token belongs to. */
export async function getSelf(config: CleverCloudApiConfig, credentials: TokenCredentials, opts: CallOptions = {}): Promise<CleverCloudUser> {
  return processSelfResponse(await send(config, selfRequest(config, credentials), opts), secretsOf(config, credentials.token, credentials.secret));
}

/** `GET /self/tokens/current`: the calling token's consumer, rights and dates. */
export async function getCurrentToken(config: CleverCloudApiConfig, credentials: TokenCredentials, opts: CallOptions = {}): Promise<CurrentToken> {
  return processCurrentTokenResponse(
    await send(config, currentTokenRequest(config, credentials), opts),
    secretsOf(config, credentials.token, credentials.secret),
  );
}

/**
 * `DELETE /self/tokens/{token}`: revokes one token (by default the calling one): what "log out"
 * means. A token that is already invalid counts as done. Never `DELETE /self/tokens`.
 */
export async function revokeToken(
  config: CleverCloudApiConfig,
  credentials: TokenCredentials,
  opts: CallOptions & { readonly token?: string } = {},
): Promise<RevokeOutcome> {
  const res = await send(config, revokeTokenRequest(config, credentials, opts.token ?? credentials.token), opts);
  return processRevokeTokenResponse(res, secretsOf(config, credentials.token, credentials.secret, opts.token));
}

/** `GET /self/cli_tokens?cli_token=…`: 404 while the user has not approved in the console. */
export async function pollCliToken(config: CleverCloudApiConfig, cliToken: string, opts: CallOptions = {}): Promise<CliTokenPoll> {
  return processCliTokenResponse(await send(config, cliTokenRequest(config, cliToken), opts), secretsOf(config, cliToken));
}
