/**
 * Response processors of the API-bridge client: valibot-parsed answers, typed `AppError`s.
 *
 * Shapes (@clevercloud/client's cc-api-bridge types, what clever-tools 4 prints): a token is
 * `{apiTokenId, userId?, name, description?, ip?, creationDate, expirationDate, state}` with ISO
 * dates and `state` ACTIVE or EXPIRED; creation answers the same plus `apiToken`, the value, which
 * can never be read again. Errors of `POST /api-tokens` carry `code`: `invalid-credential` (wrong
 * e-mail or password, or no password at all) and `invalid-mfa-code`, which become an
 * `ApiTokenCredentialError` (code `unauthorized`, with the reason) so that the window can say which;
 * any other failure goes through ../errors.ts like the API's (401 on a signed call: log in again).
 */
import * as v from 'valibot';
import { AppError } from '../../../errors';
import { parseJsonBody, type HttpResponse } from '../../../net/http';
import { expectSuccess } from '../../../net/request';
import { SERVICE } from '../constants';
import { failureFor } from '../errors';
import { parseCleverDate } from '../responses';

export type ApiTokenState = 'ACTIVE' | 'EXPIRED' | 'UNKNOWN';

export interface ApiToken {
  readonly apiTokenId: string;
  readonly name: string;
  readonly description: string | null;
  readonly ip: string | null;
  /** Epoch ms. */
  readonly createdAt: number | null;
  readonly expiresAt: number;
  readonly state: ApiTokenState;
}

export interface CreatedApiToken extends ApiToken {
  /** The Bearer value: a secret, shown by the bridge this once. */
  readonly apiToken: string;
}

/** Why the bridge refused to create a token: the password, or the one-time code. */
export type ApiTokenRefusal = 'invalid-credential' | 'invalid-mfa-code';

export class ApiTokenCredentialError extends AppError {
  constructor(
    readonly reason: ApiTokenRefusal,
    status: number,
  ) {
    super(
      'unauthorized',
      reason === 'invalid-mfa-code' ? 'Clever Cloud refused the two-factor code.' : 'Clever Cloud refused the e-mail or password.',
      { status, endpoint: 'createApiToken', cause: new Error(`${SERVICE} createApiToken answered HTTP ${status} (${reason})`) },
    );
  }
}

const DateSchema = v.pipe(v.union([v.number(), v.string()]), v.transform(parseCleverDate), v.finite());
const optionalText = v.pipe(
  v.optional(v.nullable(v.string())),
  v.transform((s) => (s === undefined || s === null || s === '' ? null : s)),
);
const nonEmpty = v.pipe(v.string(), v.minLength(1), v.maxLength(512));

const TokenSchema = v.object({
  apiTokenId: nonEmpty,
  name: v.pipe(v.string(), v.maxLength(1024)),
  description: optionalText,
  ip: optionalText,
  creationDate: v.optional(v.nullable(DateSchema)),
  expirationDate: DateSchema,
  // A state the bridge adds later is shown as unknown, not refused.
  state: v.optional(v.pipe(v.string(), v.transform((s): ApiTokenState => (s === 'ACTIVE' || s === 'EXPIRED' ? s : 'UNKNOWN')))),
});

function toToken(t: v.InferOutput<typeof TokenSchema>, now: number): ApiToken {
  return {
    apiTokenId: t.apiTokenId,
    name: t.name,
    description: t.description ?? null,
    ip: t.ip ?? null,
    createdAt: t.creationDate ?? null,
    expiresAt: t.expirationDate,
    state: t.state ?? (t.expirationDate <= now ? 'EXPIRED' : 'ACTIVE'),
  };
}

const CreatedSchema = v.object({ ...TokenSchema.entries, apiToken: v.pipe(v.string(), v.minLength(8), v.maxLength(4096), v.regex(/^[\x21-\x7e]+$/)) });

const RefusalSchema = v.object({ code: v.string() });

export function processCreateApiTokenResponse(res: HttpResponse, now: number, redact: readonly string[]): CreatedApiToken {
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    let body: unknown;
    try {
      body = JSON.parse(res.text.slice(0, 16 * 1024));
    } catch {
      body = null;
    }
    const refusal = v.safeParse(RefusalSchema, body);
    if (refusal.success && (refusal.output.code === 'invalid-credential' || refusal.output.code === 'invalid-mfa-code'))
      throw new ApiTokenCredentialError(refusal.output.code, res.status);
  }
  expectSuccess(res, (r) => failureFor('createApiToken', r, redact));
  const t = parseJsonBody(res, CreatedSchema, SERVICE);
  return { ...toToken(t, now), apiToken: t.apiToken };
}

export function processListApiTokensResponse(res: HttpResponse, now: number, redact: readonly string[]): ApiToken[] {
  expectSuccess(res, (r) => failureFor('listApiTokens', r, redact));
  return parseJsonBody(res, v.pipe(v.array(TokenSchema), v.maxLength(10_000)), SERVICE).map((t) => toToken(t, now));
}

export function processUpdateApiTokenResponse(res: HttpResponse, redact: readonly string[]): void {
  expectSuccess(res, (r) => failureFor('updateApiToken', r, redact));
}

/** 404: no such token (revoked meanwhile): what revoking wanted. */
export function processRevokeApiTokenResponse(res: HttpResponse, redact: readonly string[]): 'revoked' | 'already-gone' {
  if (res.status === 404) return 'already-gone';
  expectSuccess(res, (r) => failureFor('revokeApiToken', r, redact));
  return 'revoked';
}

const BridgeSelfSchema = v.object({ id: nonEmpty, email: v.string() });

/** `GET <bridge>/v2/self` with a Bearer API token: whose it is; 401 when it is revoked or expired. */
export function processBridgeSelfResponse(res: HttpResponse, redact: readonly string[]): { readonly userId: string; readonly email: string } {
  expectSuccess(res, (r) =>
    r.status === 401
      ? new AppError('unauthorized', 'Clever Cloud refused this API token: it is revoked or expired.', { status: 401, endpoint: 'bridgeSelf' })
      : failureFor('bridgeSelf', r, redact),
  );
  const b = parseJsonBody(res, BridgeSelfSchema, SERVICE);
  return { userId: b.id, email: b.email };
}
