/**
 * A strict local SaaSus: the Auth API calls Tessera makes, plus a hosted login page.
 *
 * Served (all on 127.0.0.1):
 * - `GET  /v1/auth/credentials?code=…&auth-flow=tempCodeAuth` — redeems a temp code (single use,
 *   dead after `tempCodeSeconds`, default 10); unknown, used or late → 404.
 * - `GET  /v1/auth/credentials?auth-flow=refreshTokenAuth&refresh-token=…` — new ID and access
 *   tokens. Without rotation (default) the answer has no `refresh_token`; with rotation it carries a
 *   new one and the old one dies. Unknown, expired or revoked refresh token → 404 (the documented
 *   failure status of this endpoint).
 * - `POST /v1/auth/credentials` — JSON `{id_token, access_token, refresh_token?}` → 201 `{code}`.
 * - `GET  /v1/auth/userinfo?token=<ID token>` — 401 unless the token is an unexpired ID token this
 *   emulator signed.
 * - `GET  /v1/auth/auth-info` — `{callback_url}` (default {@link DEFAULT_CALLBACK_URL}).
 * - `GET/POST /login` — a plain HTML form (email, password); success → 303 to the registered
 *   callback URL with `?code=<uuid>`, failure → the form again with an error (HTTP 401).
 *
 * Strictness, so that client bugs show up here and not against the real service:
 * - Every `/v1/auth` call must carry a valid SAASUSSIGV1 signature over `Host` + the raw path and
 *   query + the raw body bytes. Clock tolerance: one minute bucket either side of the emulator's
 *   current minute (`signatureToleranceMinutes`), i.e. a skew of 1–2 minutes is accepted and 5
 *   minutes never is. Missing or malformed header, unknown SaaS ID / API key, bad signature →
 *   401 `{type: "permission_denied", message}`.
 * - Query parameters are checked by name: the underscore spellings of the generated docs
 *   (`auth_flow`, `refresh_token`) are refused with 400, as is any other unknown parameter.
 * - Errors always have the real `{type, message}` shape.
 *
 * Time comes from `clock` (epoch ms), so tests move time forward instead of sleeping; the test
 * passes the same clock to the client so that signatures stay valid. Fault switches, latency and
 * the request log come from http-kit.
 *
 * Signatures are checked by signature-verify.ts, which recomputes them with the product's pure
 * SAASUSSIGV1 primitives (src/main/providers/saasus/signature.ts); nothing else comes from the
 * product (eslint.config.js enforces it).
 */
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { escapeHtml, html, json, loopbackOrigin, redirect, startEmulatorServer, type EmulatorRequest, type EmulatorServer, type Reply } from '../http-kit';
import { DEMO_SAAS, demoUsers, numberedUsers, type DemoSaas, type DemoUser } from './demo-data';
import { generateJwtKeys, signJwt, verifyJwt } from './jwt';
import { verifySignature } from './signature-verify';

/** The callback URL registered for the demo SaaS unless a test sets another one. */
export const DEFAULT_CALLBACK_URL = 'http://127.0.0.1:28873/callback';

export interface SaasusLifetimes {
  readonly idTokenSeconds: number;
  readonly accessTokenSeconds: number;
  readonly refreshTokenSeconds: number;
  readonly tempCodeSeconds: number;
}

export const DEFAULT_LIFETIMES: SaasusLifetimes = {
  idTokenSeconds: 3600,
  accessTokenSeconds: 3600,
  refreshTokenSeconds: 30 * 24 * 3600,
  tempCodeSeconds: 10,
};

export interface SaasusEmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Epoch ms; default Date.now. */
  readonly clock?: () => number;
  readonly callbackUrl?: string;
  readonly lifetimes?: Partial<SaasusLifetimes>;
  /** Issue a new refresh token on every refresh (and kill the old one). Default false. */
  readonly rotateRefreshTokens?: boolean;
  /** Minute buckets accepted either side of the current one; default 1. */
  readonly signatureToleranceMinutes?: number;
  readonly saas?: Partial<DemoSaas>;
  /** Numbered users (`numberedUsers`) served beside the demo users; the benchmark logs in a thousand. */
  readonly extraUsers?: number;
}

/** What `npm run emulators -- --print-config` prints under `"saasus"`. */
export interface SaasusEmulatorConfig {
  readonly baseUrl: string;
  readonly loginUrl: string;
  readonly saasId: string;
  readonly apiKey: string;
  readonly secretKey: string;
  readonly callbackUrl: string;
  readonly users: readonly { readonly email: string; readonly password: string }[];
}

/**
 * The config of an emulator serving on `port`: its URLs and the seeded SaaS and users, which are
 * fixed (demo-data.ts), so --print-config can say it without starting one. A running emulator
 * passes what it was started with or changed since.
 */
export function saasusEmulatorConfig(
  port: number,
  current: { readonly saas?: DemoSaas; readonly callbackUrl?: string; readonly users?: readonly DemoUser[] } = {},
): SaasusEmulatorConfig {
  const origin = loopbackOrigin(port);
  const saas = current.saas ?? DEMO_SAAS;
  return {
    baseUrl: `${origin}${API_PREFIX}`,
    loginUrl: `${origin}${LOGIN_PATH}`,
    saasId: saas.saasId,
    apiKey: saas.apiKey,
    secretKey: saas.secretKey,
    callbackUrl: current.callbackUrl ?? DEFAULT_CALLBACK_URL,
    users: (current.users ?? demoUsers()).map((u) => ({ email: u.email, password: u.password })),
  };
}

export interface SaasusEmulator {
  readonly url: string;
  readonly port: number;
  /** Fault switches, latency and the request log (method and path of every request). */
  readonly server: EmulatorServer;
  readonly config: SaasusEmulatorConfig;
  /** Verifies the RS256 tokens this emulator issues. */
  readonly publicKey: KeyObject;
  /** Issuer and audience of the ID tokens. */
  readonly issuer: string;
  readonly clientId: string;
  setCallbackUrl(url: string): void;
  setLifetimes(lifetimes: Partial<SaasusLifetimes>): void;
  setRotation(rotate: boolean): void;
  /** Every token, refresh token and code issued so far, plus the SaaS's secret key. */
  issuedSecrets(): string[];
  /** Kills one refresh token; false when it was not known. */
  revokeRefreshToken(refreshToken: string): boolean;
  /** How many `refreshTokenAuth` requests passed the signature check. */
  refreshCalls(): number;
  /** Raw strings, on purpose: tests seed hostile HTML and check that every page escapes it. */
  setUserName(email: string, name: string): void;
  setTenantName(tenantId: string, name: string): void;
  setSaasName(name: string): void;
  /** What a completed hosted login yields, without the browser: a fresh temp code for this user. */
  issueTempCode(email: string): string;
  close(): Promise<void>;
}

interface WireCredentials {
  id_token: string;
  access_token: string;
  refresh_token?: string;
}

const API_PREFIX = '/v1/auth';
const LOGIN_PATH = '/login';
const CREDENTIALS_PARAMS = new Set(['code', 'auth-flow', 'refresh-token']);

export async function startSaasusEmulator(options: SaasusEmulatorOptions = {}): Promise<SaasusEmulator> {
  const clock = options.clock ?? Date.now;
  const saas: DemoSaas = { ...DEMO_SAAS, ...options.saas };
  const users = [...demoUsers(), ...numberedUsers(options.extraUsers ?? 0)];
  // By e-mail and id: with a thousand users a scan per request would be the emulator's main cost.
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const byId = new Map(users.map((u) => [u.id, u]));
  const keys = generateJwtKeys();
  const clientId = randomBytes(13).toString('hex');
  const userPoolId = 'ap-northeast-1_Emulator';
  const tolerance = options.signatureToleranceMinutes ?? 1;
  const state = {
    callbackUrl: options.callbackUrl ?? DEFAULT_CALLBACK_URL,
    lifetimes: { ...DEFAULT_LIFETIMES, ...options.lifetimes },
    rotate: options.rotateRefreshTokens ?? false,
    refreshCalls: 0,
  };
  const tempCodes = new Map<string, { credentials: WireCredentials; expiresAt: number }>();
  const refreshTokens = new Map<string, { userId: string; expiresAt: number; revoked: boolean }>();
  /** Every secret this emulator handed out, for the secrets audit of the end-to-end suite. */
  const issued = new Set<string>();
  let issuer = '';

  const seconds = (): number => Math.floor(clock() / 1000);

  function mintTokens(user: DemoUser): { id_token: string; access_token: string } {
    const iat = seconds();
    const { idTokenSeconds, accessTokenSeconds } = state.lifetimes;
    // Cognito-style claims; `jti` makes every token unique even when two are minted in one second.
    const id_token = signJwt(keys, {
      sub: user.id,
      email: user.email,
      email_verified: true,
      ...(user.name !== undefined ? { name: user.name } : {}),
      iss: issuer,
      aud: clientId,
      token_use: 'id',
      auth_time: iat,
      iat,
      exp: iat + idTokenSeconds,
      jti: randomUUID(),
    });
    const access_token = signJwt(keys, {
      sub: user.id,
      iss: issuer,
      client_id: clientId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      username: user.id,
      iat,
      exp: iat + accessTokenSeconds,
      jti: randomUUID(),
    });
    issued.add(id_token).add(access_token);
    return { id_token, access_token };
  }

  function newRefreshToken(user: DemoUser): string {
    // Opaque, like Cognito's (which are encrypted JWEs nobody can read).
    const token = randomBytes(48).toString('base64url');
    issued.add(token);
    refreshTokens.set(token, { userId: user.id, expiresAt: clock() + state.lifetimes.refreshTokenSeconds * 1000, revoked: false });
    return token;
  }

  function newTempCode(credentials: WireCredentials): string {
    const code = randomUUID();
    issued.add(code);
    tempCodes.set(code, { credentials, expiresAt: clock() + state.lifetimes.tempCodeSeconds * 1000 });
    return code;
  }

  function loginCode(user: DemoUser): string {
    return newTempCode({ ...mintTokens(user), refresh_token: newRefreshToken(user) });
  }

  // ---- /v1/auth ---------------------------------------------------------------------------------

  function api(req: EmulatorRequest): Reply {
    const verdict = verifySignature({
      authorization: single(req.headers.authorization),
      method: req.method,
      urlWithoutScheme: `${req.headers.host ?? ''}${req.rawUrl}`,
      body: req.body,
      now: clock(),
      toleranceMinutes: tolerance,
      secretFor: (saasId, apiKey) => (saasId === saas.saasId && apiKey === saas.apiKey ? saas.secretKey : undefined),
    });
    if (!verdict.ok) {
      const message = {
        malformed: 'Authorization header missing or not SAASUSSIGV1',
        unknown_key: 'Unknown SaaS ID or API key',
        bad_signature: 'Signature does not match',
      }[verdict.reason];
      return apiError(401, 'permission_denied', message);
    }
    const path = req.url.pathname.slice(API_PREFIX.length);
    if (path === '/credentials' && req.method === 'GET') return getCredentials(req.url.searchParams);
    if (path === '/credentials' && req.method === 'POST') return createCredentials(req);
    if (path === '/userinfo' && req.method === 'GET') return userInfo(req.url.searchParams);
    if (path === '/auth-info' && req.method === 'GET') return json(200, { callback_url: state.callbackUrl });
    if (['/credentials', '/userinfo', '/auth-info'].includes(path)) return apiError(405, 'method_not_allowed', 'Method not allowed');
    return apiError(404, 'not_found', 'Not found');
  }

  function getCredentials(params: URLSearchParams): Reply {
    for (const name of params.keys())
      if (!CREDENTIALS_PARAMS.has(name)) return apiError(400, 'invalid_request', `Unknown query parameter: ${name}`);
    const flow = params.get('auth-flow') ?? 'tempCodeAuth';
    if (flow === 'tempCodeAuth') {
      const code = params.get('code');
      if (!code) return apiError(400, 'invalid_request', 'code is required');
      const entry = tempCodes.get(code);
      tempCodes.delete(code); // single use, even when it turns out to be late
      if (!entry || entry.expiresAt <= clock()) return apiError(404, 'not_found', 'Temporary code not found or expired');
      return json(200, entry.credentials);
    }
    if (flow === 'refreshTokenAuth') {
      const token = params.get('refresh-token');
      if (!token) return apiError(400, 'invalid_request', 'refresh-token is required');
      state.refreshCalls += 1;
      const entry = refreshTokens.get(token);
      const user = entry && byId.get(entry.userId);
      if (!entry || !user || entry.revoked || entry.expiresAt <= clock())
        return apiError(404, 'not_found', 'Refresh token not found, expired or revoked');
      const minted = mintTokens(user);
      if (!state.rotate) return json(200, minted);
      entry.revoked = true;
      return json(200, { ...minted, refresh_token: newRefreshToken(user) });
    }
    return apiError(400, 'invalid_request', 'auth-flow must be tempCodeAuth or refreshTokenAuth');
  }

  function createCredentials(req: EmulatorRequest): Reply {
    if (!/^application\/json\b/i.test(single(req.headers['content-type']) ?? ''))
      return apiError(400, 'invalid_request', 'Content-Type must be application/json');
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return apiError(400, 'invalid_request', 'Body is not JSON');
    }
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const str = (x: unknown): x is string => typeof x === 'string' && x.length > 0;
    if (!str(b.id_token) || !str(b.access_token) || (b.refresh_token !== undefined && typeof b.refresh_token !== 'string'))
      return apiError(400, 'invalid_request', 'id_token and access_token are required');
    const credentials: WireCredentials = { id_token: b.id_token, access_token: b.access_token };
    if (str(b.refresh_token)) credentials.refresh_token = b.refresh_token;
    return json(201, { code: newTempCode(credentials) });
  }

  function userInfo(params: URLSearchParams): Reply {
    const token = params.get('token');
    if (!token) return apiError(400, 'invalid_request', 'token is required');
    const claims = verifyJwt(keys, token);
    const user = claims && typeof claims.sub === 'string' ? byId.get(claims.sub) : undefined;
    const valid =
      claims !== undefined &&
      claims.token_use === 'id' &&
      claims.aud === clientId &&
      claims.iss === issuer &&
      typeof claims.exp === 'number' &&
      claims.exp > seconds();
    if (!valid || !user) return apiError(401, 'unauthorized', 'Invalid or expired ID token');
    return json(200, {
      id: user.id,
      email: user.email,
      user_attribute: {},
      tenants: user.tenants.map((t) => ({
        id: t.id,
        name: t.name,
        completed_sign_up: true,
        user_attribute: {},
        back_office_staff_email: t.back_office_staff_email,
        ...(t.plan_id !== undefined ? { plan_id: t.plan_id } : {}),
        envs: t.envs,
      })),
    });
  }

  // ---- Hosted login page ------------------------------------------------------------------------

  function loginPage(req: EmulatorRequest): Reply {
    if (req.method === 'GET') return html(200, loginForm(), pageHeaders);
    if (req.method !== 'POST') return html(405, loginForm('Method not allowed.'), pageHeaders);
    const form = new URLSearchParams(req.body.toString('utf8'));
    const email = form.get('email') ?? '';
    const user = byEmail.get(email.trim().toLowerCase());
    if (!user || user.password !== form.get('password'))
      return html(401, loginForm('Incorrect email or password.', email), pageHeaders);
    const target = new URL(state.callbackUrl);
    target.searchParams.set('code', loginCode(user));
    return redirect(target.href, pageHeaders);
  }

  function loginForm(error?: string, email = ''): string {
    const name = escapeHtml(saas.name);
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Log in to ${name}</title></head>
<body style="font:16px system-ui;margin:3em;max-width:24em">
<h1>Log in to ${name}</h1>
${error ? `<p role="alert" style="color:#b00">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${LOGIN_PATH}">
<p><label>Email <input type="email" name="email" autocomplete="username" required value="${escapeHtml(email)}"></label></p>
<p><label>Password <input type="password" name="password" autocomplete="current-password" required></label></p>
<p><button type="submit">Log in</button></p>
</form>
</body></html>`;
  }

  // ---- Server -----------------------------------------------------------------------------------

  const server = await startEmulatorServer(
    (req) => {
      if (req.url.pathname === LOGIN_PATH) return loginPage(req);
      if (req.url.pathname.startsWith(`${API_PREFIX}/`)) return api(req);
      return apiError(404, 'not_found', 'Not found');
    },
    { port: options.port ?? 0 },
  );
  issuer = `${server.url}/${userPoolId}`;

  const findUser = (email: string): DemoUser => {
    const user = byEmail.get(email);
    if (!user) throw new Error(`No demo user ${email}`);
    return user;
  };

  return {
    url: server.url,
    port: server.port,
    server,
    get config(): SaasusEmulatorConfig {
      return saasusEmulatorConfig(server.port, { saas, callbackUrl: state.callbackUrl, users });
    },
    publicKey: keys.publicKey,
    issuer,
    clientId,
    setCallbackUrl: (url) => {
      state.callbackUrl = new URL(url).href;
    },
    setLifetimes: (lifetimes) => {
      state.lifetimes = { ...state.lifetimes, ...lifetimes };
    },
    setRotation: (rotate) => {
      state.rotate = rotate;
    },
    issuedSecrets: () => [...issued, saas.secretKey],
    revokeRefreshToken: (token) => {
      const entry = refreshTokens.get(token);
      if (entry) entry.revoked = true;
      return entry !== undefined;
    },
    refreshCalls: () => state.refreshCalls,
    setUserName: (email, name) => {
      findUser(email).name = name;
    },
    setTenantName: (tenantId, name) => {
      // A tenant appears once per member; rename it everywhere.
      for (const u of users) for (const t of u.tenants) if (t.id === tenantId) t.name = name;
    },
    setSaasName: (name) => {
      saas.name = name;
    },
    issueTempCode: (email) => loginCode(findUser(email)),
    close: () => server.close(),
  };
}

const pageHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  'cache-control': 'no-store',
};

function apiError(status: number, type: string, message: string): Reply {
  return json(status, { type, message });
}

function single(h: string | string[] | undefined): string | undefined {
  return Array.isArray(h) ? h[0] : h;
}
