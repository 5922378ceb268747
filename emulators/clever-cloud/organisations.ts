/**
 * The Clever Cloud emulator's organisations, their applications, their service tokens, and the
 * git remote the service tokens push to. server.ts routes `/v2/organisations…` and `/<app>.git/…`
 * here; the OAuth 1.0a check stays in server.ts (`authenticateUser`).
 *
 * Endpoints (under `/v2`):
 * - `GET /organisations` (OAuth 1.0a) → the user's organisations `[{id, name, description, …}]`.
 * - `GET /organisations/{id}` and `GET /organisations/{id}/applications[/{appId}]` (OAuth 1.0a as a
 *   member, or `Authorization: Bearer <service token>` of that organisation; an app-scoped token
 *   sees its application only) → applications in the shape clever-tools reads
 *   (`{id, name, zone, instance: {variant: {slug}}, creationDate, deployment: {httpUrl, url}}`).
 * - `GET /summary` (OAuth 1.0a) → `{user, organisations: [{id, name, role, applications, …}]}`, where
 *   clever-tools finds the user's organisations.
 * - `GET /organisations/{id}/members` (OAuth 1.0a) → `[{member: {id, email, name}, role, job}]`.
 * - `POST /organisations/{id}/service-tokens` `{name, role, app_id?, ttl_seconds?}` → 201 with the
 *   token once; `GET …/service-tokens?limit=&offset=`, `GET …/service-tokens/{tokenId}`,
 *   `DELETE …/service-tokens/{tokenId}` (204). OAuth 1.0a only: a service token cannot manage
 *   service tokens. The answers' field names are the assumption docs/PROVIDERS.md states.
 * - Git's smart HTTP at `/<app_id>.git/…` through `git http-backend` (a CGI), with Basic auth
 *   whose user name is a service token of the app's organisation (of that app when scoped) with a
 *   role that may deploy (DEVELOPER and up; ACCOUNTING may not). The password is ignored.
 *
 * Roles: ADMIN > MANAGER > DEVELOPER; ACCOUNTING stands apart (only ADMIN and ACCOUNTING members
 * may create or revoke an ACCOUNTING token, and an ACCOUNTING member nothing else). A token's role
 * is at most its creator's. ttl 1 s … 1 year, default 90 days.
 *
 * Tokens are 256 random bits behind a Biscuit-like prefix (no Biscuit cryptography here); only
 * their SHA-256 is kept, so the emulator cannot hand one out again and nothing can be forged.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { json, type EmulatorRequest, type Reply } from '../http-kit';
import { DEMO_ORGANISATIONS, type OrganisationRole } from './demo-data';
import { constantTimeEqual } from './oauth1-verify';

export const SERVICE_TOKEN_PREFIX = 'biscuit_ccemu_';
export const MAX_SERVICE_TOKEN_TTL_SECONDS = 365 * 24 * 3600;
export const DEFAULT_SERVICE_TOKEN_TTL_SECONDS = 90 * 24 * 3600;
const ROLES: readonly OrganisationRole[] = ['ADMIN', 'MANAGER', 'DEVELOPER', 'ACCOUNTING'];
const RANK: Readonly<Record<OrganisationRole, number>> = { ADMIN: 3, MANAGER: 2, DEVELOPER: 1, ACCOUNTING: 0 };

/** May a member with role `held` create or revoke a token with role `wanted`? */
export function roleCovers(held: OrganisationRole, wanted: OrganisationRole): boolean {
  if (wanted === 'ACCOUNTING') return held === 'ADMIN' || held === 'ACCOUNTING';
  if (held === 'ACCOUNTING') return false;
  return RANK[held] >= RANK[wanted];
}

interface Organisation {
  readonly id: string;
  name: string;
  readonly members: Map<string, OrganisationRole>;
  readonly applications: { readonly id: string; name: string; readonly createdAt: number }[];
}

interface ServiceToken {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly role: OrganisationRole;
  readonly appId: string | null;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly expiresAt: number;
  /** SHA-256 of the token, hex. */
  readonly hash: string;
  revoked: boolean;
}

export interface ServiceTokenInfo {
  readonly id: string;
  readonly orgId: string;
  readonly name: string;
  readonly role: OrganisationRole;
  readonly appId: string | null;
  readonly expiresAt: number;
  readonly revoked: boolean;
}

export interface OrganisationsDeps {
  readonly now: () => number;
  /** The user behind a request signed with an OAuth 1.0a access token, or the error answer. */
  readonly authenticateUser: (req: EmulatorRequest) => { ok: true; userId: string; user: { id: string; email: string; name: string } } | { ok: false; reply: Reply };
  readonly userById: (id: string) => { id: string; email: string; name: string } | undefined;
}

export interface Organisations {
  /** Answers `/v2/organisations…` and `/v2/summary` (`route` without `/v2`). */
  handle(req: EmulatorRequest, route: string): Reply;
  /** Answers git's smart HTTP at `/<app_id>.git/…`. */
  git(req: EmulatorRequest): Promise<Reply>;
  isGitPath(pathname: string): boolean;
  listServiceTokens(): ServiceTokenInfo[];
  expireServiceToken(id: string): void;
  setOrganisationName(id: string, name: string): void;
  setApplicationName(appId: string, name: string): void;
  /** The bare repository behind an application's remote (created on first use). */
  repositoryOf(appId: string): string;
  /** Every service token handed out (for the secrets audit). */
  issuedSecrets(): string[];
  dispose(): void;
}

const GIT_PATH = /^\/(app_[A-Za-z0-9-]{1,64})\.git(\/.*)?$/;

export function createOrganisations(deps: OrganisationsDeps): Organisations {
  const { now } = deps;
  const orgs = new Map<string, Organisation>(
    DEMO_ORGANISATIONS.map((o) => [
      o.id,
      { id: o.id, name: o.name, members: new Map(Object.entries(o.members)), applications: o.applications.map((a) => ({ ...a, createdAt: now() - 200 * 86_400_000 })) },
    ]),
  );
  const tokens = new Map<string, ServiceToken>();
  const issued: string[] = [];
  let repoRoot: string | null = null;

  const message = (status: number, text: string): Reply => json(status, { id: status * 10 + 2, message: text, type: 'error' });
  const plain = (status: number, text: string, headers: Record<string, string> = {}): Reply => ({
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    body: text,
  });
  const hashOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

  function orgJson(o: Organisation): unknown {
    return { id: o.id, name: o.name, description: '', address: '', city: '', zipcode: '', country: 'FRANCE', company: '', VAT: '', avatar: null, vatState: 'VALID', customerFullName: '', canPay: true, cleverEnterprise: false, emergencyNumber: null, canSEPA: false, isTrusted: false };
  }

  function appJson(o: Organisation, app: Organisation['applications'][number], req: EmulatorRequest): unknown {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    return {
      id: app.id,
      name: app.name,
      description: app.name,
      zone: 'par',
      zoneId: 'par',
      instance: { type: 'node', version: '20', variant: { id: 'node', slug: 'node', name: 'Node', deployType: 'node' }, minInstances: 1, maxInstances: 1 },
      deployment: { shutdownable: false, type: 'GIT', repoState: 'CREATED', url: `git+ssh://git@127.0.0.1/${app.id}.git`, httpUrl: `${origin}/${app.id}.git` },
      creationDate: app.createdAt,
      ownerId: o.id,
      state: 'SHOULD_BE_UP',
      archived: false,
    };
  }

  function serviceTokenJson(t: ServiceToken): Record<string, unknown> {
    return {
      id: t.id,
      name: t.name,
      role: t.role,
      app_id: t.appId,
      created_at: new Date(t.createdAt).toISOString(),
      expires_at: new Date(t.expiresAt).toISOString(),
    };
  }

  /** A live service token from its value, or null (unknown, revoked or expired). */
  function liveToken(value: string): ServiceToken | null {
    if (!value.startsWith(SERVICE_TOKEN_PREFIX)) return null;
    const hash = hashOf(value);
    for (const t of tokens.values()) if (constantTimeEqual(t.hash, hash)) return t.revoked || t.expiresAt <= now() ? null : t;
    return null;
  }

  type Caller = { kind: 'user'; userId: string; role: OrganisationRole } | { kind: 'service'; token: ServiceToken };

  /** Who calls under an organisation: a member (OAuth 1.0a) or one of its service tokens (Bearer). */
  function callerOf(req: EmulatorRequest, org: Organisation, allowBearer: boolean): { ok: true; caller: Caller } | { ok: false; reply: Reply } {
    const authorization = req.headers.authorization ?? '';
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (bearer) {
      if (!allowBearer) return { ok: false, reply: message(401, 'Service tokens cannot be used here.') };
      const token = liveToken(bearer[1]!);
      if (!token || token.orgId !== org.id) return { ok: false, reply: message(401, 'Invalid, expired or revoked service token.') };
      return { ok: true, caller: { kind: 'service', token } };
    }
    const auth = deps.authenticateUser(req);
    if (!auth.ok) return auth;
    const role = org.members.get(auth.userId);
    if (!role) return { ok: false, reply: message(403, 'You are not a member of this organisation.') };
    return { ok: true, caller: { kind: 'user', userId: auth.userId, role } };
  }

  function listQuery(req: EmulatorRequest): { limit: number; offset: number } | Reply {
    const limitText = req.url.searchParams.get('limit');
    const offsetText = req.url.searchParams.get('offset');
    if (limitText !== null && !/^\d{1,4}$/.test(limitText)) return message(400, 'Malformed limit.');
    if (offsetText !== null && !/^\d{1,9}$/.test(offsetText)) return message(400, 'Malformed offset.');
    const limit = limitText === null ? 100 : Number(limitText);
    if (limit < 1 || limit > 1000) return message(400, 'limit must lie between 1 and 1000.');
    return { limit, offset: offsetText === null ? 0 : Number(offsetText) };
  }

  function createServiceToken(req: EmulatorRequest, org: Organisation, caller: Caller & { kind: 'user' }): Reply {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return message(415, 'Expected a JSON body.');
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return message(400, 'Expected a JSON body.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return message(400, 'Expected a JSON object.');
    const b = body as Record<string, unknown>;
    const unknownKey = Object.keys(b).find((k) => !['name', 'role', 'app_id', 'ttl_seconds'].includes(k));
    if (unknownKey !== undefined) return message(400, 'Unknown field in the body.');
    if (typeof b.name !== 'string' || b.name.trim() === '' || b.name.length > 256) return message(400, 'name must be a non-empty string of at most 256 characters.');
    if (typeof b.role !== 'string' || !(ROLES as readonly string[]).includes(b.role)) return message(400, 'role must be ADMIN, MANAGER, DEVELOPER or ACCOUNTING.');
    const role = b.role as OrganisationRole;
    if (!roleCovers(caller.role, role)) return message(403, 'A service token’s role cannot exceed your own.');
    let appId: string | null = null;
    if (b.app_id !== undefined && b.app_id !== null) {
      if (typeof b.app_id !== 'string' || !org.applications.some((a) => a.id === b.app_id)) return message(400, 'app_id is not an application of this organisation.');
      appId = b.app_id;
    }
    let ttl = DEFAULT_SERVICE_TOKEN_TTL_SECONDS;
    if (b.ttl_seconds !== undefined) {
      if (typeof b.ttl_seconds !== 'number' || !Number.isInteger(b.ttl_seconds) || b.ttl_seconds < 1 || b.ttl_seconds > MAX_SERVICE_TOKEN_TTL_SECONDS)
        return message(400, 'ttl_seconds must be a whole number of seconds between 1 and 31536000 (one year).');
      ttl = b.ttl_seconds;
    }
    const value = `${SERVICE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const t: ServiceToken = {
      id: `st_${randomUUID()}`,
      orgId: org.id,
      name: b.name,
      role,
      appId,
      createdAt: now(),
      createdBy: caller.userId,
      expiresAt: now() + ttl * 1000,
      hash: hashOf(value),
      revoked: false,
    };
    tokens.set(t.id, t);
    issued.push(value);
    return json(201, { ...serviceTokenJson(t), token: value });
  }

  /** `GET /summary`, what clever-tools reads to find the user's organisations (`clever applications list`). */
  function summary(req: EmulatorRequest): Reply {
    if (req.method !== 'GET') return plain(405, 'Method Not Allowed');
    const auth = deps.authenticateUser(req);
    if (!auth.ok) return auth.reply;
    const mine = [...orgs.values()].filter((o) => o.members.has(auth.userId));
    const brief = (o: Organisation) => ({ id: o.id, name: o.name, avatar: null, role: o.members.get(auth.userId), applications: o.applications.map((a) => ({ id: a.id, name: a.name })), addons: [], consumers: [], providers: [], canPay: true, cleverEnterprise: false, emergencyNumber: null, canSEPA: false, isTrusted: false });
    return json(200, {
      user: { id: auth.user.id, name: auth.user.name, email: auth.user.email, avatar: null, applications: [], addons: [], consumers: [], providers: [], canPay: true, cleverEnterprise: false, emergencyNumber: null, canSEPA: false, isTrusted: false },
      organisations: mine.map(brief),
    });
  }

  function handle(req: EmulatorRequest, route: string): Reply {
    const m = req.method;
    if (route === '/summary') return summary(req);
    if (route === '/organisations') {
      if (m !== 'GET') return plain(405, 'Method Not Allowed');
      const auth = deps.authenticateUser(req);
      if (!auth.ok) return auth.reply;
      return json(
        200,
        [...orgs.values()].filter((o) => o.members.has(auth.userId)).map(orgJson),
      );
    }
    const parts = route.slice('/organisations/'.length).split('/');
    const org = orgs.get(parts[0] ?? '');
    if (!org) return message(404, 'Unknown organisation.');
    const rest = parts.slice(1);
    const sub = rest[0];

    if (sub === 'service-tokens') {
      const who = callerOf(req, org, false);
      if (!who.ok) return who.reply;
      const caller = who.caller as Caller & { kind: 'user' };
      if (rest.length === 1) {
        if (m === 'POST') return createServiceToken(req, org, caller);
        if (m !== 'GET') return plain(405, 'Method Not Allowed');
        const q = listQuery(req);
        if ('status' in q) return q;
        const list = [...tokens.values()].filter((t) => t.orgId === org.id && !t.revoked && t.expiresAt > now()).sort((a, b) => a.createdAt - b.createdAt);
        return json(200, list.slice(q.offset, q.offset + q.limit).map(serviceTokenJson));
      }
      if (rest.length !== 2) return plain(404, 'Not Found');
      const t = tokens.get(rest[1]!);
      if (!t || t.orgId !== org.id || t.revoked || t.expiresAt <= now()) return message(404, 'Unknown service token.');
      if (m === 'GET') return json(200, serviceTokenJson(t));
      if (m === 'DELETE') {
        if (!roleCovers(caller.role, t.role)) return message(403, 'Your role does not allow revoking this token.');
        t.revoked = true;
        return { status: 204 };
      }
      return plain(405, 'Method Not Allowed');
    }

    if (m !== 'GET') return plain(405, 'Method Not Allowed');
    const who = callerOf(req, org, true);
    if (!who.ok) return who.reply;
    const caller = who.caller;
    const scopedApp = caller.kind === 'service' ? caller.token.appId : null;
    if (rest.length === 0) return scopedApp ? message(403, 'This service token is limited to one application.') : json(200, orgJson(org));
    if (sub === 'members' && rest.length === 1) {
      if (caller.kind === 'service') return message(403, 'Service tokens cannot list members.');
      return json(
        200,
        [...org.members].map(([userId, role]) => {
          const u = deps.userById(userId);
          return { member: { id: userId, email: u?.email ?? '', name: u?.name ?? '' }, role, job: null };
        }),
      );
    }
    if (sub === 'applications') {
      if (rest.length === 1) {
        if (scopedApp) return message(403, 'This service token is limited to one application.');
        return json(200, org.applications.map((a) => appJson(org, a, req)));
      }
      const app = org.applications.find((a) => a.id === rest[1]);
      if (!app || rest.length !== 2) return message(404, 'Unknown application.');
      if (scopedApp && scopedApp !== app.id) return message(403, 'This service token is limited to another application.');
      return json(200, appJson(org, app, req));
    }
    return plain(404, 'Not Found');
  }

  function ensureRepository(appId: string): string {
    repoRoot ??= mkdtempSync(path.join(tmpdir(), 'tessera-ccemu-git-'));
    const dir = path.join(repoRoot, `${appId}.git`);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  async function initRepository(appId: string): Promise<string> {
    const dir = ensureRepository(appId);
    await run('git', ['init', '--quiet', '--bare', dir], {});
    return dir;
  }

  /** Basic auth: the user name is the token, the password is not looked at. */
  function gitCaller(req: EmulatorRequest, appId: string): { ok: true; token: ServiceToken } | { ok: false; reply: Reply } {
    const challenge = { 'www-authenticate': 'Basic realm="Clever Cloud"' };
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
    if (!basic) return { ok: false, reply: plain(401, 'Authentication required.', challenge) };
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon < 0 ? decoded : decoded.slice(0, colon);
    const token = liveToken(user);
    const org = [...orgs.values()].find((o) => o.applications.some((a) => a.id === appId));
    if (!token || !org || token.orgId !== org.id || (token.appId !== null && token.appId !== appId))
      return { ok: false, reply: plain(401, 'Invalid, expired or revoked service token for this application.', challenge) };
    if (!roleCovers(token.role, 'DEVELOPER')) return { ok: false, reply: plain(403, 'This service token’s role may not deploy.') };
    return { ok: true, token };
  }

  async function git(req: EmulatorRequest): Promise<Reply> {
    const match = GIT_PATH.exec(req.url.pathname);
    const appId = match?.[1];
    if (!appId || ![...orgs.values()].some((o) => o.applications.some((a) => a.id === appId))) return plain(404, 'Not Found');
    const who = gitCaller(req, appId);
    if (!who.ok) return who.reply;
    await initRepository(appId);
    const out = await run(
      'git',
      ['http-backend'],
      {
        GIT_PROJECT_ROOT: repoRoot!,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: who.token.id,
        REMOTE_ADDR: '127.0.0.1',
        REQUEST_METHOD: req.method,
        PATH_INFO: req.url.pathname,
        QUERY_STRING: req.url.search.slice(1),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        CONTENT_LENGTH: String(req.body.byteLength),
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
      req.body,
    );
    return cgiReply(out);
  }

  return {
    handle,
    git,
    isGitPath: (pathname) => GIT_PATH.test(pathname),
    listServiceTokens: () =>
      [...tokens.values()].map((t) => ({ id: t.id, orgId: t.orgId, name: t.name, role: t.role, appId: t.appId, expiresAt: t.expiresAt, revoked: t.revoked })),
    expireServiceToken: (id) => {
      const t = tokens.get(id);
      if (!t) throw new Error('No such service token');
      tokens.set(id, { ...t, expiresAt: now() - 1 });
    },
    setOrganisationName: (id, name) => {
      const o = orgs.get(id);
      if (!o) throw new Error(`No emulator organisation ${id}`);
      o.name = name;
    },
    setApplicationName: (appId, name) => {
      const app = [...orgs.values()].flatMap((o) => o.applications).find((a) => a.id === appId);
      if (!app) throw new Error(`No emulator application ${appId}`);
      app.name = name;
    },
    repositoryOf: ensureRepository,
    issuedSecrets: () => [...issued],
    dispose: () => {
      if (repoRoot) rmSync(repoRoot, { recursive: true, force: true });
      repoRoot = null;
    },
  };
}

/** Runs a program with a clean environment (PATH and HOME kept), its stdin from `input`. */
function run(command: string, args: readonly string[], env: Record<string, string>, input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.on('error', reject);
    // A program may exit without reading all its input (a GET through http-backend has none to read).
    child.stdin.on('error', () => undefined);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${Buffer.concat(errors).toString('utf8').slice(0, 500)}`));
    });
    child.stdin.end(input ?? Buffer.alloc(0));
  });
}

/** A CGI answer (headers, a blank line, the body) as a Reply. */
function cgiReply(out: Buffer): Reply {
  let end = out.indexOf('\r\n\r\n');
  let skip = 4;
  const lf = out.indexOf('\n\n');
  if (end < 0 || (lf >= 0 && lf < end)) {
    end = lf;
    skip = 2;
  }
  if (end < 0) return { status: 502, headers: { 'content-type': 'text/plain' }, body: 'Bad CGI answer.' };
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of out.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  return { status, headers, body: out.subarray(end + skip) };
}
