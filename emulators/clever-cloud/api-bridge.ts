/**
 * The emulated Clever Cloud API bridge (`https://api-bridge.clever-cloud.com` in production, the
 * host clever-tools reads from `AUTH_BRIDGE_HOST`), served on its own loopback port beside the API
 * (server.ts starts both; they share users and OAuth tokens). What clever-tools 3.12+ and 4 send
 * (node_modules/clever-tools-4/src/clever-client/auth-bridge.js, src/commands/tokens/*) and what
 * @clevercloud/client's cc-api-bridge types say it answers:
 *
 * - `POST /api-tokens` JSON `{email, password, mfaCode?, name, description?, expirationDate}` (ISO,
 *   in the future, at most one year ahead) → 200 `{apiTokenId, apiToken, name, description,
 *   creationDate, expirationDate, state}`. Not signed: the password (and the TOTP code when the user's
 *   `preferredMFA` is `TOTP`) is the credential. Wrong e-mail or password, or a user without a
 *   password (linked to GitHub) → 401 `{code: 'invalid-credential', message}`; a missing or wrong
 *   code → 401 `{code: 'invalid-mfa-code', message}` (clever-tools reads `responseBody.code`).
 * - `GET /api-tokens` → the user's tokens `{apiTokenId, userId, name, description, ip,
 *   creationDate, expirationDate, state: ACTIVE | EXPIRED}`; `PUT /api-tokens/{id}` `{name,
 *   description}` → 204; `DELETE /api-tokens/{id}` → 204, the token refused at once. These three
 *   are signed with the user's OAuth 1.0a token (same consumers as the API), verified by the API's
 *   own verifier (server.ts `authenticate`: signature, timestamp window, nonce replay, expiry).
 * - `GET /v2/self` and `GET /v2/summary` with `Authorization: Bearer <apiToken>` → the API's
 *   answers for the token's user; an unknown, revoked or expired token → 401.
 *
 * Tokens are random (24 bytes, base64url, prefixed so a leak is recognisable); the emulator keeps
 * them in memory only. Revoked tokens leave the list (the real bridge's behaviour is not
 * documented: an assumption of this emulator, mirrored by nothing in the product).
 */
import { randomBytes } from 'node:crypto';
import { json, type EmulatorRequest, type Reply } from '../http-kit';
import { constantTimeEqual } from './oauth1-verify';
import { verifyTotp } from './totp';

/** What the bridge knows of a user (server.ts's users). */
export interface BridgeUser {
  readonly id: string;
  readonly email: string;
  readonly password: string;
  readonly hasPassword: boolean;
  readonly preferredMFA: string;
  readonly totpSecret: string;
}

export interface ApiBridgeDeps {
  readonly now: () => number;
  /** The API's OAuth 1.0a check of a signed request: the user it was signed for, or the refusal. */
  readonly authenticate: (req: EmulatorRequest) => { readonly ok: true; readonly userId: string } | { readonly ok: false; readonly reply: Reply };
  readonly users: () => Iterable<BridgeUser>;
  /** `/v2/self` as the API answers it for this user. */
  readonly selfJson: (userId: string, req: EmulatorRequest) => unknown;
}

export interface ApiTokenInfo {
  readonly apiTokenId: string;
  readonly userId: string;
  readonly name: string;
  readonly creationDate: number;
  readonly expirationDate: number;
  readonly revoked: boolean;
}

export interface ApiBridge {
  handle(req: EmulatorRequest): Reply;
  list(): ApiTokenInfo[];
  /** Every API token value issued (for the secrets audit). */
  issuedSecrets(): string[];
  expire(apiTokenId: string): void;
  revoke(apiTokenId: string): void;
}

interface ApiToken {
  readonly apiTokenId: string;
  readonly apiToken: string;
  readonly userId: string;
  name: string;
  description: string;
  readonly ip: string;
  readonly creationDate: number;
  expirationDate: number;
  revoked: boolean;
}

/** The longest lifetime the bridge accepts (clever-tools refuses more than a year too). */
const MAX_LIFETIME_MS = 366 * 24 * 3600_000;
const MAX_NAME = 256;
const MAX_DESCRIPTION = 1024;

export function createApiBridge(deps: ApiBridgeDeps): ApiBridge {
  const tokens = new Map<string, ApiToken>();
  const byValue = new Map<string, ApiToken>();

  const error = (status: number, code: string, message: string): Reply => json(status, { code, message, type: 'error' });
  const plain = (status: number, text: string): Reply => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });
  const iso = (ms: number): string => new Date(ms).toISOString();
  const stateOf = (t: ApiToken): 'ACTIVE' | 'EXPIRED' => (t.expirationDate <= deps.now() ? 'EXPIRED' : 'ACTIVE');
  const listed = (t: ApiToken): unknown => ({
    apiTokenId: t.apiTokenId,
    userId: t.userId,
    name: t.name,
    description: t.description,
    ip: t.ip,
    creationDate: iso(t.creationDate),
    expirationDate: iso(t.expirationDate),
    state: stateOf(t),
  });

  function readJson(req: EmulatorRequest): Record<string, unknown> | undefined {
    if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) return undefined;
    try {
      const body: unknown = JSON.parse(req.body.toString('utf8'));
      return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }

  function create(req: EmulatorRequest): Reply {
    const body = readJson(req);
    if (!body) return error(400, 'bad-request', 'Expected a JSON object.');
    const { email, password, mfaCode, name, description, expirationDate } = body;
    if (typeof email !== 'string' || typeof password !== 'string') return error(400, 'bad-request', 'email and password are required.');
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) return error(400, 'bad-request', 'name is required (at most 256 characters).');
    if (description !== undefined && description !== null && (typeof description !== 'string' || description.length > MAX_DESCRIPTION))
      return error(400, 'bad-request', 'description must be text.');
    if (mfaCode !== undefined && mfaCode !== null && typeof mfaCode !== 'string') return error(400, 'bad-request', 'mfaCode must be text.');
    const expires = typeof expirationDate === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(expirationDate) ? Date.parse(expirationDate) : Number.NaN;
    if (!Number.isFinite(expires)) return error(400, 'bad-request', 'expirationDate must be an ISO 8601 date.');
    const now = deps.now();
    if (expires <= now) return error(400, 'bad-request', 'expirationDate must be in the future.');
    if (expires > now + MAX_LIFETIME_MS) return error(400, 'bad-request', 'expirationDate must be at most one year from now.');

    const user = [...deps.users()].find((u) => u.email === email);
    // Compared even when the user is unknown or has no password, so timing says nothing.
    const passwordOk = constantTimeEqual(password, user?.password ?? '\u0000unknown');
    if (!user || !user.hasPassword || password === '' || !passwordOk) return error(401, 'invalid-credential', 'Invalid credentials.');
    if (user.preferredMFA === 'TOTP' && !(typeof mfaCode === 'string' && verifyTotp(user.totpSecret, mfaCode, now)))
      return error(401, 'invalid-mfa-code', 'Invalid MFA code.');

    const token: ApiToken = {
      apiTokenId: `apitoken_${randomBytes(12).toString('hex')}`,
      apiToken: `cc_at_${randomBytes(24).toString('base64url')}`,
      userId: user.id,
      name,
      description: typeof description === 'string' ? description : '',
      ip: req.headers['x-forwarded-for']?.toString() ?? '127.0.0.1',
      creationDate: now,
      expirationDate: expires,
      revoked: false,
    };
    tokens.set(token.apiTokenId, token);
    byValue.set(token.apiToken, token);
    return json(200, {
      apiTokenId: token.apiTokenId,
      apiToken: token.apiToken,
      name: token.name,
      description: token.description,
      creationDate: iso(token.creationDate),
      expirationDate: iso(token.expirationDate),
      state: stateOf(token),
    });
  }

  /** The signed calls: list, update, revoke. */
  function manage(req: EmulatorRequest, id: string | null): Reply {
    const auth = deps.authenticate(req);
    if (!auth.ok) return auth.reply;
    if (id === null) {
      if (req.method !== 'GET') return plain(405, 'Method Not Allowed');
      return json(200, [...tokens.values()].filter((t) => t.userId === auth.userId && !t.revoked).map(listed));
    }
    const target = tokens.get(id);
    if (!target || target.userId !== auth.userId || target.revoked) return error(404, 'not-found', 'Unknown API token.');
    if (req.method === 'DELETE') {
      target.revoked = true;
      return { status: 204 };
    }
    if (req.method === 'PUT') {
      const body = readJson(req);
      if (!body || typeof body.name !== 'string' || body.name.trim() === '' || body.name.length > MAX_NAME)
        return error(400, 'bad-request', 'name is required (at most 256 characters).');
      if (body.description !== undefined && body.description !== null && (typeof body.description !== 'string' || body.description.length > MAX_DESCRIPTION))
        return error(400, 'bad-request', 'description must be text.');
      target.name = body.name;
      target.description = typeof body.description === 'string' ? body.description : '';
      return { status: 204 };
    }
    return plain(405, 'Method Not Allowed');
  }

  /** `/v2/…` reads with a Bearer API token. */
  function bearer(req: EmulatorRequest, route: string): Reply {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer ([A-Za-z0-9_.~+/=-]+)$/.exec(header);
    if (!m) return json(401, { id: 4011, message: 'Missing or malformed Bearer token.', type: 'error' });
    const token = byValue.get(m[1]!);
    if (!token || token.revoked || token.expirationDate <= deps.now()) return json(401, { id: 4012, message: 'Invalid, expired or revoked API token.', type: 'error' });
    if (req.method !== 'GET') return plain(405, 'Method Not Allowed');
    if (route === '/self') return json(200, deps.selfJson(token.userId, req));
    if (route === '/summary') return json(200, { user: deps.selfJson(token.userId, req), organisations: [] });
    return plain(404, 'Not Found');
  }

  return {
    handle(req) {
      const path = req.url.pathname;
      if (path === '/api-tokens') return req.method === 'POST' ? create(req) : manage(req, null);
      const one = /^\/api-tokens\/([^/]+)$/.exec(path);
      if (one) {
        let id: string;
        try {
          id = decodeURIComponent(one[1]!);
        } catch {
          return error(400, 'bad-request', 'Malformed API token id.');
        }
        return manage(req, id);
      }
      if (path.startsWith('/v2/')) return bearer(req, path.slice('/v2'.length));
      return plain(404, 'Not Found');
    },
    list: () =>
      [...tokens.values()].map((t) => ({
        apiTokenId: t.apiTokenId,
        userId: t.userId,
        name: t.name,
        creationDate: t.creationDate,
        expirationDate: t.expirationDate,
        revoked: t.revoked,
      })),
    issuedSecrets: () => [...tokens.values()].map((t) => t.apiToken),
    expire: (id) => {
      const t = tokens.get(id);
      if (!t) throw new Error('No such emulator API token');
      t.expirationDate = deps.now() - 1;
    },
    revoke: (id) => {
      const t = tokens.get(id);
      if (!t) throw new Error('No such emulator API token');
      t.revoked = true;
    },
  };
}
