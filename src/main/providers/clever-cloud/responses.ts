/**
 * Response processors of the Clever Cloud API v2 client (api.ts): each `processXxxResponse` turns
 * the HTTP answer into a typed value or an `AppError` (non-2xx answers through errors.ts). A body
 * that is not what the endpoint promises (HTML for JSON, JSON for a form…) is a `bad_response`,
 * never a value; network failure, timeout, cancel and oversized bodies come from `httpRequest`.
 */
import * as v from 'valibot';
import { AppError } from '../../errors';
import { parseJsonBody, type HttpResponse } from '../../net/http';
import { expectSuccess } from '../../net/request';
import { SERVICE } from './constants';
import { failureFor, MessageSchema, type Endpoint } from './errors';
import { parseFormEncoded, type TokenCredentials } from './oauth1';

export interface RequestToken extends TokenCredentials {
  readonly callbackConfirmed: true;
}

export interface AccessToken extends TokenCredentials {
  /** Epoch ms, when the answer said. */
  readonly expiresAt: number | null;
}

export interface Right {
  readonly name: string;
  readonly description: string;
}

/** Clever Cloud's `Message`: errors and some acknowledgements. */
export interface Message {
  readonly id: number | string | null;
  readonly message: string;
  readonly type: string | null;
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
  /** False for an account linked to GitHub without a password (it cannot create API tokens); null when not said. */
  readonly hasPassword: boolean | null;
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

export type RevokeOutcome = 'revoked' | 'already-invalid';

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
    throw new AppError('bad_response', `${SERVICE} sent an answer that is not form-encoded (HTTP ${res.status}).`, { key: 'net.notUnderstood', params: { service: SERVICE, status: res.status } });
  const record: Record<string, string> = {};
  for (const [k, val] of parseFormEncoded(text)) if (!(k in record)) record[k] = val;
  const parsed = v.safeParse(schema, record);
  if (!parsed.success)
    throw new AppError('bad_response', `${SERVICE} sent an answer Tessera does not understand (HTTP ${res.status}).`, {
      key: 'net.notUnderstood',
      params: { service: SERVICE, status: res.status },
      // Issue paths only, never the values (they are tokens).
      cause: new Error(parsed.issues.map((i) => v.getDotPath(i) ?? '?').join(', ')),
    });
  return parsed.output;
}

function toMessage(m: v.InferOutput<typeof MessageSchema>): Message {
  return { id: m.id ?? null, message: m.message, type: m.type ?? null };
}

/** A 2xx passes; anything else is the endpoint's typed failure, quoting none of `redact`. */
function expectOk(endpoint: Endpoint, res: HttpResponse, redact: readonly string[]): void {
  expectSuccess(res, (r) => failureFor(endpoint, r, redact));
}

// ---- Processors -----------------------------------------------------------------------------------

const RequestTokenSchema = v.object({
  oauth_token: nonEmpty,
  oauth_token_secret: nonEmpty,
  // RFC 5849 2.1: MUST be "true". Without it this is an OAuth 1.0 (not 1.0a) server, open to
  // session fixation; refuse rather than continue.
  oauth_callback_confirmed: v.literal('true'),
});

export function processRequestTokenResponse(res: HttpResponse, redact: readonly string[] = []): RequestToken {
  expectOk('requestToken', res, redact);
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
  expectOk('accessToken', res, redact);
  const body = parseFormBody(res, AccessTokenSchema);
  const expiresAt =
    body.expirationDate ?? body.expiration_date ?? (body.oauth_expires_in !== undefined ? now + body.oauth_expires_in * 1000 : null);
  return { token: body.oauth_token, secret: body.oauth_token_secret, expiresAt };
}

/** Shape not documented: a JSON object name → description, or an array of names or `{name, description}`. */
const RightsSchema = v.union([
  v.record(v.string(), v.nullable(v.string())),
  v.array(v.union([v.string(), v.object({ name: nonEmpty, description: v.optional(v.nullable(v.string())) })])),
]);

export function processAvailableRightsResponse(res: HttpResponse): Right[] {
  expectOk('availableRights', res, []);
  const body = parseJsonBody(res, RightsSchema, SERVICE);
  if (Array.isArray(body))
    return body.map((r) => (typeof r === 'string' ? { name: r, description: '' } : { name: r.name, description: r.description ?? '' }));
  return Object.entries(body).map(([name, description]) => ({ name, description: description ?? '' }));
}

/** Undocumented, no schema: any JSON object, returned as read. */
export function processLoginDataResponse(res: HttpResponse): Readonly<Record<string, unknown>> {
  expectOk('loginData', res, []);
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
  hasPassword: v.optional(v.nullable(v.boolean())),
});

export function processSelfResponse(res: HttpResponse, redact: readonly string[] = []): CleverCloudUser {
  expectOk('self', res, redact);
  const b = parseJsonBody(res, SelfSchema, SERVICE);
  return {
    id: b.id,
    email: b.email,
    name: b.name ?? null,
    avatarUrl: b.avatar ?? null,
    createdAt: b.creationDate ?? null,
    preferredMfa: b.preferredMFA ?? null,
    emailValidated: b.emailValidated ?? null,
    hasPassword: b.hasPassword ?? null,
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
  expectOk('currentToken', res, redact);
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
  expectOk('revokeToken', res, redact);
  return 'revoked';
}

const CliTokenSchema = v.object({ token: nonEmpty, secret: nonEmpty, expirationDate: OptionalDate });

export function processCliTokenResponse(res: HttpResponse, redact: readonly string[] = []): CliTokenPoll {
  if (res.status === 404) return { status: 'pending' };
  expectOk('cliToken', res, redact);
  const b = parseJsonBody(res, CliTokenSchema, SERVICE);
  return { status: 'ready', credentials: { token: b.token, secret: b.secret }, expiresAt: b.expirationDate ?? null };
}
