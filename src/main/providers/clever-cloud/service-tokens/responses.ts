/**
 * The one parser of Clever Cloud's organisation and service-token answers (client.ts calls it).
 *
 * Documented by Clever Cloud: the organisation and application shapes clever-tools reads
 * (`GET /v2/organisations`, `…/members`, `…/applications`: node_modules/clever-tools-4
 * src/models/application.js reads `id`, `name`, `deployment.httpUrl`). Not documented: the exact
 * fields of a service token. Tessera and its emulator agree on this assumption (docs/PROVIDERS.md,
 * "Service tokens"), and only this file knows it:
 *   `{ id, name, role, app_id: string | null, created_at: ISO, expires_at: ISO }`, and on creation
 *   (201) the same with `token`, the value, given once. Lists are JSON arrays.
 * camelCase twins (`appId`, `createdAt`, `expiresAt`, `expirationDate`) and epoch-ms dates are
 * accepted too, so that a service answering in Clever Cloud's usual style still parses.
 */
import * as v from 'valibot';
import { ORGANISATION_ROLES, type OrganisationRole, type ServiceTokenView } from '../../../../shared/service-tokens';
import { AppError } from '../../../errors';
import { parseJsonBody, type HttpResponse } from '../../../net/http';
import { expectSuccess } from '../../../net/request';
import { SERVICE } from '../constants';
import { failureFor, providerMessage, type Endpoint } from '../errors';
import { parseCleverDate } from '../responses';

export interface Organisation {
  readonly id: string;
  readonly name: string;
}

export interface Member {
  readonly userId: string;
  readonly role: OrganisationRole;
}

export interface Application {
  readonly id: string;
  readonly name: string;
  readonly deployUrl: string | null;
}

export type ServiceToken = Omit<ServiceTokenView, 'held'>;

export interface CreatedServiceToken extends ServiceToken {
  /** The value: a secret, given once. */
  readonly value: string;
}

const text = v.pipe(v.string(), v.maxLength(1024));
const nonEmpty = v.pipe(v.string(), v.minLength(1), v.maxLength(256));
const id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/));
const role = v.picklist(ORGANISATION_ROLES);
const date = v.optional(v.nullable(v.pipe(v.union([v.number(), v.string()]), v.transform(parseCleverDate), v.finite())));

const OrganisationsSchema = v.array(v.looseObject({ id, name: text }));
const MembersSchema = v.array(v.looseObject({ member: v.looseObject({ id: nonEmpty }), role: v.string() }));
const ApplicationSchema = v.looseObject({
  id,
  name: text,
  deployment: v.optional(v.nullable(v.looseObject({ httpUrl: v.optional(v.nullable(text)) }))),
});

const TokenSchema = v.looseObject({
  id,
  name: text,
  role,
  app_id: v.optional(v.nullable(id)),
  appId: v.optional(v.nullable(id)),
  created_at: date,
  createdAt: date,
  expires_at: date,
  expiresAt: date,
  expirationDate: date,
});
const CreatedSchema = v.looseObject({ ...TokenSchema.entries, token: v.pipe(v.string(), v.minLength(16), v.maxLength(8192)) });

function toToken(t: v.InferOutput<typeof TokenSchema>): ServiceToken {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    appId: t.app_id ?? t.appId ?? null,
    createdAt: t.created_at ?? t.createdAt ?? null,
    expiresAt: t.expires_at ?? t.expiresAt ?? t.expirationDate ?? null,
  };
}

/**
 * A refusal in words the user can act on: 403 on creation or revocation is the role rule (the
 * provider's own words, secrets cut out, when it gives them); the rest as every Clever Cloud call.
 */
function expectOk(endpoint: Endpoint, res: HttpResponse, redact: readonly string[]): void {
  expectSuccess(res, (r) => {
    if (r.status === 403 && (endpoint === 'createServiceToken' || endpoint === 'revokeServiceToken')) {
      const said = providerMessage(r, redact);
      return new AppError('denied', `Clever Cloud refused: your role in this organisation does not allow it${said ? ` (${said})` : ''}.`, { status: 403, endpoint });
    }
    if (r.status === 400 && endpoint === 'createServiceToken') {
      const said = providerMessage(r, redact);
      return new AppError('invalid_input', `Clever Cloud refused this service token${said ? `: ${said}` : '.'}`, { status: 400, endpoint });
    }
    return failureFor(endpoint, r, redact);
  });
}

export function processOrganisationsResponse(res: HttpResponse, redact: readonly string[]): Organisation[] {
  expectOk('organisations', res, redact);
  return parseJsonBody(res, OrganisationsSchema, SERVICE).map((o) => ({ id: o.id, name: o.name }));
}

/** Members with a role Tessera knows; others (a role added later) are left out. */
export function processMembersResponse(res: HttpResponse, redact: readonly string[]): Member[] {
  expectOk('members', res, redact);
  return parseJsonBody(res, MembersSchema, SERVICE).flatMap((m) =>
    (ORGANISATION_ROLES as readonly string[]).includes(m.role) ? [{ userId: m.member.id, role: m.role as OrganisationRole }] : [],
  );
}

export function processApplicationsResponse(res: HttpResponse, redact: readonly string[]): Application[] {
  expectOk('applications', res, redact);
  return parseJsonBody(res, v.array(ApplicationSchema), SERVICE).map((a) => ({ id: a.id, name: a.name, deployUrl: a.deployment?.httpUrl ?? null }));
}

/**
 * 200 with that application: the token reaches it; 401, 403 and 404: it does not (any more). A 200
 * that is not the application (an HTML page, a cut body) is a `bad_response`, never a yes.
 */
export function processApplicationCheckResponse(res: HttpResponse, appId: string, redact: readonly string[]): boolean {
  if (res.status === 401 || res.status === 403 || res.status === 404) return false;
  expectOk('applications', res, redact);
  return parseJsonBody(res, ApplicationSchema, SERVICE).id === appId;
}

export function processServiceTokensResponse(res: HttpResponse, redact: readonly string[]): ServiceToken[] {
  expectOk('serviceTokens', res, redact);
  return parseJsonBody(res, v.array(TokenSchema), SERVICE).map(toToken);
}

export function processCreateServiceTokenResponse(res: HttpResponse, redact: readonly string[]): CreatedServiceToken {
  expectOk('createServiceToken', res, redact);
  const body = parseJsonBody(res, CreatedSchema, SERVICE);
  return { ...toToken(body), value: body.token };
}

/** 204 (or any 2xx): revoked; 404: already gone, which is what revoking wanted. */
export function processRevokeServiceTokenResponse(res: HttpResponse, redact: readonly string[]): 'revoked' | 'already-gone' {
  if (res.status === 404) return 'already-gone';
  expectOk('revokeServiceToken', res, redact);
  return 'revoked';
}
