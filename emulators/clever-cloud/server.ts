/**
 * A strict local Clever Cloud: the OAuth 1.0a API v2 endpoints Tessera calls, the HTML
 * authorisation pages, and the console's `cli-oauth` page.
 *
 * Served on 127.0.0.1 (API under `/v2`, console pages at the root, one origin for both):
 * - `POST /v2/oauth/request_token` (OAuth parameters in the form body or the header) and
 *   `POST /v2/oauth/request_token_query` (in the query, empty body) → form-encoded
 *   `oauth_token`, `oauth_token_secret`, `oauth_callback_confirmed=true`. `oauth_callback` must lie
 *   on the consumer's base URL (scheme and host; any port and path). `clever_flavor` is allowed.
 * - `GET /v2/oauth/authorize?oauth_token=…` → login form (no session), then the rights form (one
 *   checkbox per right the consumer asks for, request token in cookie `cctk`), or a 303 straight to
 *   the callback when this user approved this consumer before.
 * - `POST /v2/sessions/login` (email, password, next) → cookie `ccid`, 303 to `next` (only our own
 *   authorize and cli-oauth pages are accepted as `next`).
 * - `POST /v2/oauth/authorize` (cookies `ccid` and `cctk`, checkboxes `<right>=on`) → 303 to the
 *   callback with `oauth_token` and `oauth_verifier`.
 * - `POST /v2/oauth/access_token` / `_query` → form-encoded `oauth_token`, `oauth_token_secret`,
 *   `oauth_expires_in` (seconds; the emulator's choice of expiry name).
 * - `GET /v2/oauth/rights` → JSON object right → description (or an array, see `quirks`).
 * - `GET /v2/oauth/login_data?oauth_key=…` → JSON about the consumer (the real shape is undocumented).
 * - `POST /v2/authorize` (JSON WannabeAuthorization) → 200 Message when `authorization` is a valid
 *   header for `verb uri payload`, else 401 Message. It checks, it does not consume the nonce.
 * - `GET /v2/self`, `GET /v2/self/tokens/current` (object, or one-element array via `quirks`),
 *   `DELETE /v2/self/tokens/{token}` (204), `DELETE /v2/self/tokens` (revokes every token of the
 *   user, as the real one does: Tessera must never call it; tests check the request log).
 * - `GET /v2/self/cli_tokens?cli_token=…` (no auth) → 404 while pending, then once 200
 *   `{token, secret, expirationDate}` (ISO with a `[UTC]` suffix, as some real endpoints send).
 * - `GET /cli-oauth?cli_version=…&cli_token=…` → login form, then an Approve button;
 *   `POST /cli-oauth` issues a token to the official CLI's public consumer (lifetime: CLI).
 * - `/v2/organisations…` (organisations, members, applications, service tokens) and git's smart
 *   HTTP at `/<app_id>.git/…`: organisations.ts.
 * - The API bridge (api-bridge.ts: API tokens, `/v2/…` with a Bearer API token) on a port of its
 *   own (`bridgePort`; by default the API's port + 100, or any free port when that is 0).
 * - `GET /avatars/<file>` (no auth) → the images of avatar-images.ts; `/self` gives the demo user's
 *   as an absolute URL on this origin (the real one gives an https URL on another host).
 *
 * Strictness, so that client bugs show here and not against the real service:
 * - Every signed call is verified with RFC 5849 (PLAINTEXT, HMAC-SHA1, HMAC-SHA512; a missing
 *   `oauth_signature_method` means PLAINTEXT, like Clever's JS client). OAuth parameters must travel
 *   in one place. HMAC requests must carry `oauth_timestamp` and `oauth_nonce`; PLAINTEXT may omit
 *   them (RFC 5849 3.1), but when present they are checked too.
 * - Timestamp tolerance: ±`timestampToleranceSeconds` (default 300 s, the usual OAuth window)
 *   around the emulator's clock. Nonces are remembered per consumer, token and timestamp for the
 *   length of that window; a replay is refused.
 * - 401 `{id, message, type: "error"}` for a bad signature, an unknown consumer, an unknown,
 *   expired or revoked token, a stale timestamp or a replayed nonce; 400 for a malformed request
 *   (missing or duplicated parameters, unknown method, unknown extra parameters).
 * - Request tokens expire (`requestTokenMs`, default 15 min) and are single use: the access-token
 *   step consumes them whether the verifier is right or not.
 * - Unknown routes answer 404 in plain text, as the real gateway does, to exercise that path.
 * - Every value placed in HTML is escaped (user names can be hostile; see `setUserName`).
 *
 * Time comes from `clock` (epoch ms), so tests move time instead of sleeping and give the same
 * clock to the client. Fault switches, latency and the request log come from http-kit.
 *
 * From the product it imports only the pure OAuth 1.0a primitives of
 * src/main/providers/clever-cloud/oauth1.ts (form decoding, and through oauth1-verify.ts the base
 * string and the signature); what it knows of the service is its own
 * (service-facts.ts), so a mistake in the client is not mirrored here (eslint.config.js enforces it).
 */
import { randomBytes } from 'node:crypto';
import { parseFormEncoded, type Param } from '../../src/main/providers/clever-cloud/oauth1';
import { escapeHtml, html, json, loopbackOrigin, redirect, startEmulatorServer, type EmulatorRequest, type EmulatorServer, type Reply } from '../http-kit';
import { createApiBridge, type ApiBridge } from './api-bridge';
import { AVATAR_FILES } from './avatar-images';
import { CLI_CONSUMER, DEMO_CONSUMER, DEMO_TOKEN, DEMO_USERS, type DemoConsumer, type DemoUser } from './demo-data';
import { createOrganisations, type ServiceTokenInfo } from './organisations';
import { constantTimeEqual, isSignatureMethod, parseAuthorizationHeader, protocolParams, verifySignature, type ReceivedRequest } from './oauth1-verify';
import { CLI_TOKEN_LIFETIME_MS, CONSUMER_TOKEN_LIFETIME_MS, RIGHTS_CATALOGUE } from './service-facts';

export interface CleverCloudLifetimes {
  readonly cliTokenMs: number;
  readonly consumerTokenMs: number;
  readonly requestTokenMs: number;
  readonly sessionMs: number;
}

export const DEFAULT_LIFETIMES: CleverCloudLifetimes = {
  cliTokenMs: CLI_TOKEN_LIFETIME_MS,
  consumerTokenMs: CONSUMER_TOKEN_LIFETIME_MS,
  requestTokenMs: 15 * 60_000,
  sessionMs: 24 * 3600_000,
};

export interface CleverCloudEmulatorOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Epoch ms; default Date.now. */
  readonly clock?: () => number;
  readonly lifetimes?: Partial<CleverCloudLifetimes>;
  /** Default 300. */
  readonly timestampToleranceSeconds?: number;
  /** The API bridge's port; default `bridgePortFor(port)`. */
  readonly bridgePort?: number;
}

/** Where the API bridge serves next to an API on `port`: 100 ports up (down near the top), or any free port for 0. */
export function bridgePortFor(port: number): number {
  if (port === 0) return 0;
  return port + 100 <= 65535 ? port + 100 : port - 100;
}

/** What `npm run emulators -- --print-config` prints under `"cleverCloud"`. */
export interface CleverCloudEmulatorConfig {
  readonly baseUrl: string;
  readonly consoleUrl: string;
  /** The API bridge (`AUTH_BRIDGE_HOST` for clever-tools). */
  readonly bridgeUrl: string;
  readonly consumer: { readonly key: string; readonly secret: string };
  readonly token: { readonly token: string; readonly secret: string };
  readonly user: { readonly email: string; readonly password: string };
  /** A user whose `preferredMFA` is TOTP: API tokens need the current code of this secret (RFC 6238). */
  readonly totpUser: { readonly email: string; readonly password: string; readonly totpSecret: string };
  readonly cliConsumer: { readonly key: string; readonly secret: string };
}

/**
 * The config of an emulator serving on `port`: its URLs and the seeded data, which is fixed
 * (demo-data.ts), so --print-config can say it without starting one.
 */
export function cleverCloudEmulatorConfig(port: number, bridgePort = bridgePortFor(port)): CleverCloudEmulatorConfig {
  const origin = loopbackOrigin(port);
  const demoUser = DEMO_USERS[0]!;
  const totpUser = DEMO_USERS.find((u) => u.preferredMFA === 'TOTP')!;
  return {
    baseUrl: `${origin}${API}`,
    consoleUrl: origin,
    bridgeUrl: loopbackOrigin(bridgePort),
    consumer: { key: DEMO_CONSUMER.key, secret: DEMO_CONSUMER.secret },
    token: { token: DEMO_TOKEN.token, secret: DEMO_TOKEN.secret },
    user: { email: demoUser.email, password: demoUser.password },
    totpUser: { email: totpUser.email, password: totpUser.password, totpSecret: totpUser.totpSecret },
    cliConsumer: { key: CLI_CONSUMER.key, secret: CLI_CONSUMER.secret },
  };
}

/** Answer-shape variants the real service is known (or suspected) to use. */
export interface CleverCloudQuirks {
  readonly currentTokenAsArray: boolean;
  readonly rightsAsArray: boolean;
}

export interface IssuedTokenInfo {
  readonly token: string;
  readonly consumerKey: string;
  readonly userId: string;
  readonly email: string;
  readonly rights: readonly string[];
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastUsedAt: number | null;
  readonly revoked: boolean;
}

export interface CleverCloudEmulator {
  readonly config: CleverCloudEmulatorConfig;
  readonly port: number;
  readonly server: EmulatorServer;
  /** The API bridge's own server (its request log and fault switches). */
  readonly bridgeServer: EmulatorServer;
  /** The API bridge's API tokens (expire, revoke, list, issued values). */
  readonly bridge: ApiBridge;
  /**
   * A fresh token of the CLI's consumer for a user, as if they had logged in (for users who cannot
   * log in with a password here, such as the GitHub-linked one).
   */
  issueCliToken(user: string): { readonly token: string; readonly secret: string };
  /** Every token issued so far (the seeded one included), secrets left out. */
  listTokens(): IssuedTokenInfo[];
  /** Every token, token secret and verifier issued so far, plus the demo consumer's secret (for the secrets audit). */
  issuedSecrets(): string[];
  expireToken(token: string): void;
  revokeToken(token: string): void;
  /** Sets a user's display name, by e-mail or id (for hostile-HTML tests). */
  setUserName(user: string, name: string): void;
  /** Sets a user's avatar: a path on this emulator (`/avatars/…`), an absolute URL, or null. */
  setUserAvatar(user: string, avatar: string | null): void;
  setQuirks(quirks: Partial<CleverCloudQuirks>): void;
  /** Request tokens not yet exchanged (for tests that check single use). */
  pendingRequestTokens(): number;
  /** Organisations, service tokens and the git remote (organisations.ts). */
  readonly organisations: {
    listServiceTokens(): ServiceTokenInfo[];
    expireServiceToken(id: string): void;
    setOrganisationName(id: string, name: string): void;
    setApplicationName(appId: string, name: string): void;
    repositoryOf(appId: string): string;
  };
  close(): Promise<void>;
}

interface User extends Omit<DemoUser, 'name' | 'avatar'> {
  name: string;
  avatar: string | null;
  readonly creationDate: number;
}

interface IssuedToken {
  readonly token: string;
  readonly secret: string;
  readonly consumerKey: string;
  readonly userId: string;
  readonly rights: readonly string[];
  readonly createdAt: number;
  expiresAt: number;
  lastUsedAt: number | null;
  revoked: boolean;
}

interface RequestTokenState {
  readonly token: string;
  readonly secret: string;
  readonly consumerKey: string;
  readonly callback: string;
  readonly expiresAt: number;
  userId: string | null;
  verifier: string | null;
}

interface Session {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: number;
  /** Echoed by the console's approve form. */
  readonly csrf: string;
}

type Auth = { ok: true; consumer: DemoConsumer; token: IssuedToken | null; requestToken: RequestTokenState | null } | { ok: false; reply: Reply };

const API = '/v2';
const CLI_TOKEN_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;

export async function startCleverCloudEmulator(options: CleverCloudEmulatorOptions = {}): Promise<CleverCloudEmulator> {
  const now = options.clock ?? Date.now;
  const lifetimes: CleverCloudLifetimes = { ...DEFAULT_LIFETIMES, ...options.lifetimes };
  const toleranceMs = (options.timestampToleranceSeconds ?? 300) * 1000;
  const quirks: { -readonly [K in keyof CleverCloudQuirks]: CleverCloudQuirks[K] } = { currentTokenAsArray: false, rightsAsArray: false };

  const started = now();
  const users = new Map<string, User>(DEMO_USERS.map((u) => [u.id, { ...u, creationDate: started - 400 * 24 * 3600_000 }]));
  const consumers = new Map<string, DemoConsumer>([
    [DEMO_CONSUMER.key, DEMO_CONSUMER],
    [CLI_CONSUMER.key, CLI_CONSUMER],
  ]);
  const tokens = new Map<string, IssuedToken>();
  const requestTokens = new Map<string, RequestTokenState>();
  const sessions = new Map<string, Session>();
  /** `${userId} ${consumerKey}` → rights granted last time. */
  const approvals = new Map<string, readonly string[]>();
  /** cli_token → issued token, until the CLI collects it. */
  const cliTokens = new Map<string, IssuedToken>();
  /** Seen nonces → when they may be forgotten. */
  const nonces = new Map<string, number>();

  const demoUser = DEMO_USERS[0]!;
  tokens.set(DEMO_TOKEN.token, {
    ...DEMO_TOKEN,
    consumerKey: DEMO_CONSUMER.key,
    userId: demoUser.id,
    rights: DEMO_CONSUMER.rights,
    createdAt: started - 86_400_000,
    expiresAt: started - 86_400_000 + lifetimes.consumerTokenMs,
    lastUsedAt: null,
    revoked: false,
  });

  const random = (bytes = 24): string => randomBytes(bytes).toString('base64url');

  function issueToken(consumer: DemoConsumer, userId: string, rights: readonly string[]): IssuedToken {
    const t = now();
    const lifetime = consumer.key === CLI_CONSUMER.key ? lifetimes.cliTokenMs : lifetimes.consumerTokenMs;
    const issued: IssuedToken = {
      token: random(),
      secret: random(),
      consumerKey: consumer.key,
      userId,
      rights,
      createdAt: t,
      expiresAt: t + lifetime,
      lastUsedAt: null,
      revoked: false,
    };
    tokens.set(issued.token, issued);
    return issued;
  }

  // ---- Errors -------------------------------------------------------------------------------

  const message = (status: number, text: string): Reply => json(status, { id: status * 10 + 1, message: text, type: 'error' });
  const unauthorized = (text: string): Reply => message(401, text);
  const plain = (status: number, text: string): Reply => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });

  // ---- Signature checks -----------------------------------------------------------------------

  function received(req: { method: string; url: string; authorization?: string; contentType?: string; body: string }): ReceivedRequest | undefined {
    let headerParams: Param[] = [];
    if (req.authorization !== undefined && req.authorization !== '') {
      const parsed = parseAuthorizationHeader(req.authorization);
      if (!parsed) return undefined;
      headerParams = parsed.filter(([k]) => k !== 'realm');
    }
    const isForm = (req.contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
    return { method: req.method, url: req.url, headerParams, bodyParams: isForm ? parseFormEncoded(req.body) : [] };
  }

  function fromEmulatorRequest(req: EmulatorRequest): ReceivedRequest | undefined {
    return received({
      method: req.method,
      url: `http://${req.headers.host ?? '127.0.0.1'}${req.rawUrl}`,
      authorization: req.headers.authorization,
      contentType: req.headers['content-type'],
      body: req.body.toString('utf8'),
    });
  }

  /**
   * Verifies one signed request. `kind` says which token it must carry: none (request-token step),
   * a request token (access-token step) or an access token (everything else). `consume` is false
   * for `POST /authorize`, which only checks.
   */
  function authenticate(
    recv: ReceivedRequest | undefined,
    kind: 'consumer' | 'request-token' | 'access-token',
    consume = true,
  ): Auth & { params?: ReadonlyMap<string, string>; source?: 'header' | 'query' | 'body' } {
    if (!recv) return { ok: false, reply: message(400, 'Malformed Authorization header.') };
    const found = protocolParams(recv);
    if (!found.ok) return { ok: false, reply: message(found.reason === 'No OAuth parameters.' ? 401 : 400, found.reason) };
    const p = found.params;
    const method = p.get('oauth_signature_method') ?? 'PLAINTEXT';
    if (!isSignatureMethod(method)) return { ok: false, reply: message(400, 'Unsupported signature method.') };
    if (!p.get('oauth_signature')) return { ok: false, reply: message(400, 'Missing oauth_signature.') };
    const version = p.get('oauth_version');
    if (version !== undefined && version !== '1.0') return { ok: false, reply: message(400, 'Unsupported oauth_version.') };
    const consumer = consumers.get(p.get('oauth_consumer_key') ?? '');
    if (!consumer) return { ok: false, reply: unauthorized('Unknown OAuth consumer.') };

    const timestamp = p.get('oauth_timestamp');
    const nonce = p.get('oauth_nonce');
    if (method !== 'PLAINTEXT' && (timestamp === undefined || nonce === undefined))
      return { ok: false, reply: message(400, 'HMAC signatures need oauth_timestamp and oauth_nonce.') };
    if (timestamp !== undefined) {
      if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reply: message(400, 'Malformed oauth_timestamp.') };
      if (Math.abs(Number(timestamp) * 1000 - now()) > toleranceMs) return { ok: false, reply: unauthorized('Stale oauth_timestamp.') };
    }

    const tokenValue = p.get('oauth_token') ?? '';
    let token: IssuedToken | null = null;
    let requestToken: RequestTokenState | null = null;
    let tokenSecret = '';
    if (kind === 'consumer') {
      if (tokenValue !== '') return { ok: false, reply: message(400, 'No oauth_token is expected here.') };
    } else if (kind === 'request-token') {
      requestToken = requestTokens.get(tokenValue) ?? null;
      if (!requestToken || requestToken.consumerKey !== consumer.key) return { ok: false, reply: unauthorized('Unknown request token.') };
      if (requestToken.expiresAt <= now()) {
        requestTokens.delete(tokenValue);
        return { ok: false, reply: unauthorized('Expired request token.') };
      }
      tokenSecret = requestToken.secret;
    } else {
      token = tokens.get(tokenValue) ?? null;
      if (!token || token.consumerKey !== consumer.key) return { ok: false, reply: unauthorized('Unknown token.') };
      if (token.revoked) return { ok: false, reply: unauthorized('Revoked token.') };
      if (token.expiresAt <= now()) return { ok: false, reply: unauthorized('Expired token.') };
      tokenSecret = token.secret;
    }

    if (!verifySignature(recv, consumer.secret, tokenSecret)) return { ok: false, reply: unauthorized('Invalid signature.') };

    if (nonce !== undefined) {
      const key = `${consumer.key} ${tokenValue} ${timestamp ?? ''} ${nonce}`;
      pruneNonces();
      if (nonces.has(key)) return { ok: false, reply: unauthorized('Replayed oauth_nonce.') };
      if (consume) nonces.set(key, now() + 2 * toleranceMs);
    }
    if (token && consume) token.lastUsedAt = now();
    return { ok: true, consumer, token, requestToken, params: p, source: found.source };
  }

  function pruneNonces(): void {
    const t = now();
    for (const [k, until] of nonces) if (until <= t) nonces.delete(k);
  }

  function userOf(auth: { token: IssuedToken | null }): User {
    return users.get(auth.token!.userId)!;
  }

  // ---- OAuth dance ----------------------------------------------------------------------------

  /** `_query` variants take the OAuth parameters in the query; the others in the body or header. */
  function placementOk(source: string | undefined, queryVariant: boolean, req: EmulatorRequest): boolean {
    if (queryVariant) return source === 'query' && req.body.byteLength === 0;
    return source === 'body' || source === 'header';
  }

  /** Non-OAuth parameters a token endpoint accepts. */
  function extraParamsOk(recv: ReceivedRequest, allowed: readonly string[]): boolean {
    const query = parseFormEncoded(new URL(recv.url).search.slice(1));
    return [...query, ...recv.bodyParams].every(([k]) => k.startsWith('oauth_') || allowed.includes(k));
  }

  function callbackAllowed(consumer: DemoConsumer, callback: string): boolean {
    let url: URL;
    let base: URL;
    try {
      url = new URL(callback);
      base = new URL(consumer.baseUrl);
    } catch {
      return false;
    }
    return url.protocol === base.protocol && url.hostname === base.hostname && !url.username && !url.password;
  }

  function requestTokenEndpoint(req: EmulatorRequest, queryVariant: boolean): Reply {
    const recv = fromEmulatorRequest(req);
    const auth = authenticate(recv, 'consumer');
    if (!auth.ok) return auth.reply;
    if (!placementOk(auth.source, queryVariant, req))
      return message(400, queryVariant ? 'Send the OAuth parameters in the query string.' : 'Send the OAuth parameters in the form body.');
    if (!extraParamsOk(recv!, ['clever_flavor'])) return message(400, 'Unknown parameter.');
    const callback = auth.params!.get('oauth_callback');
    if (!callback) return message(400, 'Missing oauth_callback.');
    if (!callbackAllowed(auth.consumer, callback)) return message(400, 'oauth_callback must lie on the consumer’s base URL.');
    const rt: RequestTokenState = {
      token: random(),
      secret: random(),
      consumerKey: auth.consumer.key,
      callback,
      expiresAt: now() + lifetimes.requestTokenMs,
      userId: null,
      verifier: null,
    };
    requestTokens.set(rt.token, rt);
    return formReply([
      ['oauth_token', rt.token],
      ['oauth_token_secret', rt.secret],
      ['oauth_callback_confirmed', 'true'],
    ]);
  }

  function accessTokenEndpoint(req: EmulatorRequest, queryVariant: boolean): Reply {
    const recv = fromEmulatorRequest(req);
    const auth = authenticate(recv, 'request-token');
    if (!auth.ok) return auth.reply;
    const rt = auth.requestToken!;
    if (!placementOk(auth.source, queryVariant, req))
      return message(400, queryVariant ? 'Send the OAuth parameters in the query string.' : 'Send the OAuth parameters in the form body.');
    if (!extraParamsOk(recv!, [])) return message(400, 'Unknown parameter.');
    // Single use, whatever happens next: a wrong verifier cannot be retried.
    requestTokens.delete(rt.token);
    const verifier = auth.params!.get('oauth_verifier') ?? '';
    if (rt.userId === null || rt.verifier === null) return unauthorized('This request token was not authorised.');
    if (!constantTimeEqual(verifier, rt.verifier)) return unauthorized('Invalid oauth_verifier.');
    const issued = issueToken(auth.consumer, rt.userId, approvals.get(`${rt.userId} ${rt.consumerKey}`) ?? []);
    return formReply([
      ['oauth_token', issued.token],
      ['oauth_token_secret', issued.secret],
      ['oauth_expires_in', String(Math.floor((issued.expiresAt - now()) / 1000))],
    ]);
  }

  function liveRequestToken(token: string | undefined): RequestTokenState | undefined {
    const rt = token ? requestTokens.get(token) : undefined;
    if (!rt) return undefined;
    if (rt.expiresAt <= now()) {
      requestTokens.delete(rt.token);
      return undefined;
    }
    return rt;
  }

  function sessionOf(req: EmulatorRequest): Session | undefined {
    const s = sessions.get(req.cookies.get('ccid') ?? '');
    if (!s) return undefined;
    if (s.expiresAt <= now()) {
      sessions.delete(s.id);
      return undefined;
    }
    return s;
  }

  function callbackRedirect(rt: RequestTokenState, userId: string, extraHeaders: Record<string, string | readonly string[]> = {}): Reply {
    rt.userId = userId;
    rt.verifier = random(16);
    const target = new URL(rt.callback);
    target.searchParams.append('oauth_token', rt.token);
    target.searchParams.append('oauth_verifier', rt.verifier);
    return redirect(target.href, extraHeaders);
  }

  function authorizePage(req: EmulatorRequest): Reply {
    const token = req.url.searchParams.get('oauth_token') ?? undefined;
    const rt = liveRequestToken(token);
    if (!rt) return page(400, 'Authorisation expired', '<p id="error">This authorisation request is unknown or has expired. Start again from the application.</p>');
    const session = sessionOf(req);
    if (!session) return loginPage(200, `${API}/oauth/authorize?oauth_token=${encodeURIComponent(rt.token)}`);
    const consumer = consumers.get(rt.consumerKey)!;
    if (approvals.has(`${session.userId} ${consumer.key}`)) return callbackRedirect(rt, session.userId);
    const user = users.get(session.userId)!;
    const boxes = consumer.rights
      .map((r) => {
        const description = RIGHTS_CATALOGUE.find((k) => k.name === r)?.description ?? r;
        return `<li><label><input type="checkbox" name="${escapeHtml(r)}" value="on" checked> ${escapeHtml(description)} <code>${escapeHtml(r)}</code></label></li>`;
      })
      .join('');
    return page(
      200,
      'Authorise application',
      `<p>Logged in as <strong id="user-name">${escapeHtml(user.name || user.email)}</strong>.</p>` +
        `<p><strong id="consumer-name">${escapeHtml(consumer.name)}</strong> asks for these rights:</p>` +
        `<form id="rights-form" method="post" action="${API}/oauth/authorize"><ul>${boxes}</ul><button type="submit">Authorise</button></form>`,
      { 'set-cookie': `cctk=${encodeURIComponent(rt.token)}; Path=${API}/oauth; HttpOnly; SameSite=Lax` },
    );
  }

  function authorizeSubmit(req: EmulatorRequest): Reply {
    if (!isFormRequest(req)) return page(415, 'Bad request', '<p id="error">Expected a form.</p>');
    const fields = parseFormEncoded(req.body.toString('utf8'));
    if (fields.some(([k]) => k === 'ccid' || k === 'cctk'))
      return page(400, 'Bad request', '<p id="error">ccid and cctk are cookies, not form fields.</p>');
    const rt = liveRequestToken(req.cookies.get('cctk'));
    if (!rt) return page(400, 'Authorisation expired', '<p id="error">This authorisation request is unknown or has expired. Start again from the application.</p>');
    const session = sessionOf(req);
    if (!session) return loginPage(401, `${API}/oauth/authorize?oauth_token=${encodeURIComponent(rt.token)}`, 'Your session has expired: log in again.');
    const consumer = consumers.get(rt.consumerKey)!;
    for (const [k, value] of fields)
      if (!consumer.rights.includes(k) || value !== 'on') return page(400, 'Bad request', '<p id="error">Unknown right in the form.</p>');
    const granted = consumer.rights.filter((r) => fields.some(([k]) => k === r));
    approvals.set(`${session.userId} ${consumer.key}`, granted);
    return callbackRedirect(rt, session.userId, { 'set-cookie': `cctk=; Path=${API}/oauth; Max-Age=0; HttpOnly; SameSite=Lax` });
  }

  function safeNext(next: string | undefined): string | undefined {
    if (!next) return undefined;
    // Only our own pages: no open redirect through the login form.
    return next.startsWith(`${API}/oauth/authorize?`) || next.startsWith('/cli-oauth?') ? next : undefined;
  }

  function loginSubmit(req: EmulatorRequest): Reply {
    if (!isFormRequest(req)) return page(415, 'Bad request', '<p id="error">Expected a form.</p>');
    const form = new Map(parseFormEncoded(req.body.toString('utf8')));
    const next = safeNext(form.get('next'));
    if (!next) return page(400, 'Bad request', '<p id="error">Nowhere to go after logging in.</p>');
    const user = [...users.values()].find((u) => u.email === form.get('email'));
    if (!user || !user.hasPassword || !constantTimeEqual(form.get('password') ?? '', user.password)) return loginPage(401, next, 'Wrong e-mail or password.');
    const session: Session = { id: random(), userId: user.id, expiresAt: now() + lifetimes.sessionMs, csrf: random(16) };
    sessions.set(session.id, session);
    // One origin serves both the API and the console here, so one session cookie serves both.
    return redirect(next, { 'set-cookie': `ccid=${session.id}; Path=/; HttpOnly; SameSite=Lax` });
  }

  function loginPage(status: number, next: string, error?: string): Reply {
    return page(
      status,
      'Log in to Clever Cloud',
      (error ? `<p id="error">${escapeHtml(error)}</p>` : '') +
        `<form id="login-form" method="post" action="${API}/sessions/login">` +
        `<input type="hidden" name="next" value="${escapeHtml(next)}">` +
        '<label>E-mail <input type="email" name="email" value="" required></label>' +
        '<label>Password <input type="password" name="password" value="" required></label>' +
        '<button type="submit">Log in</button></form>',
    );
  }

  // ---- Console cli-oauth ------------------------------------------------------------------------

  function cliOauthPage(req: EmulatorRequest): Reply {
    const cliToken = req.url.searchParams.get('cli_token') ?? '';
    const version = req.url.searchParams.get('cli_version') ?? '';
    if (!CLI_TOKEN_SHAPE.test(cliToken)) return page(400, 'Bad request', '<p id="error">Missing or malformed cli_token.</p>');
    if (version.length > 64) return page(400, 'Bad request', '<p id="error">Malformed cli_version.</p>');
    if (cliTokens.has(cliToken)) return page(409, 'Already done', '<p id="error">This CLI login was already approved.</p>');
    const session = sessionOf(req);
    if (!session) return loginPage(200, `/cli-oauth?${req.url.searchParams.toString()}`);
    const user = users.get(session.userId)!;
    return page(
      200,
      'Log in the Clever Cloud CLI',
      `<p>Logged in as <strong id="user-name">${escapeHtml(user.name || user.email)}</strong>.</p>` +
        `<p>The Clever Cloud CLI <code id="cli-version">${escapeHtml(version || 'unknown version')}</code> asks for full access to your account.</p>` +
        '<form id="approve-form" method="post" action="/cli-oauth">' +
        `<input type="hidden" name="cli_token" value="${escapeHtml(cliToken)}">` +
        `<input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}">` +
        '<button type="submit">Approve</button></form>',
    );
  }

  function cliOauthApprove(req: EmulatorRequest): Reply {
    if (!isFormRequest(req)) return page(415, 'Bad request', '<p id="error">Expected a form.</p>');
    const form = new Map(parseFormEncoded(req.body.toString('utf8')));
    const session = sessionOf(req);
    if (!session) return page(401, 'Log in again', '<p id="error">Your session has expired: open the link from the CLI again.</p>');
    if (!constantTimeEqual(form.get('csrf') ?? '', session.csrf)) return page(403, 'Forbidden', '<p id="error">This form is stale.</p>');
    const cliToken = form.get('cli_token') ?? '';
    if (!CLI_TOKEN_SHAPE.test(cliToken)) return page(400, 'Bad request', '<p id="error">Malformed cli_token.</p>');
    if (cliTokens.has(cliToken)) return page(409, 'Already done', '<p id="error">This CLI login was already approved.</p>');
    cliTokens.set(cliToken, issueToken(CLI_CONSUMER, session.userId, CLI_CONSUMER.rights));
    return page(200, 'CLI logged in', '<p id="done">The CLI is now logged in. You can close this tab.</p>');
  }

  function cliTokenPoll(req: EmulatorRequest): Reply {
    const cliToken = req.url.searchParams.get('cli_token');
    if (!cliToken) return message(400, 'Missing cli_token.');
    const issued = cliTokens.get(cliToken);
    // 404 while pending; the answer is handed out once.
    if (!issued) return message(404, 'Not found.');
    cliTokens.delete(cliToken);
    return json(200, { token: issued.token, secret: issued.secret, expirationDate: `${new Date(issued.expiresAt).toISOString()}[UTC]` });
  }

  // ---- Identity and tokens ------------------------------------------------------------------------

  function selfJson(user: User, req: EmulatorRequest): unknown {
    const avatar = user.avatar?.startsWith('/') ? `http://${req.headers.host ?? '127.0.0.1'}${user.avatar}` : user.avatar;
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      phone: '',
      address: '',
      city: '',
      zipcode: '',
      country: 'FRANCE',
      avatar,
      creationDate: user.creationDate,
      lang: 'EN',
      emailValidated: true,
      oauthApps: [],
      admin: false,
      canPay: true,
      preferredMFA: user.preferredMFA,
      hasPassword: user.hasPassword,
    };
  }

  function currentTokenJson(t: IssuedToken): unknown {
    const consumer = consumers.get(t.consumerKey)!;
    const all = RIGHTS_CATALOGUE.map((r) => r.name);
    const has = (r: string): boolean => t.rights.includes(r) || t.rights.includes('almighty');
    const body = {
      token: t.token,
      consumer: {
        key: consumer.key,
        name: consumer.name,
        description: consumer.description,
        url: consumer.url,
        picture: consumer.picture,
        baseUrl: consumer.baseUrl,
        rights: Object.fromEntries(all.map((r) => [r, consumer.rights.includes(r)])),
      },
      creationDate: t.createdAt,
      expirationDate: t.expiresAt,
      lastUtilisation: t.lastUsedAt,
      rights: Object.fromEntries(all.map((r) => [r, has(r)])),
    };
    return quirks.currentTokenAsArray ? [body] : body;
  }

  function checkAuthorization(req: EmulatorRequest): Reply {
    let body: unknown;
    try {
      body = JSON.parse(req.body.toString('utf8'));
    } catch {
      return message(400, 'Expected a JSON body.');
    }
    const w = body as Record<string, unknown>;
    if (typeof w !== 'object' || w === null || typeof w.verb !== 'string' || typeof w.uri !== 'string' || typeof w.authorization !== 'string')
      return message(400, 'Expected {verb, uri, authorization, payload, nonce, mac}.');
    let url: string;
    try {
      url = new URL(w.uri, `http://${req.headers.host ?? '127.0.0.1'}`).href;
    } catch {
      return message(400, 'Malformed uri.');
    }
    const payload = typeof w.payload === 'string' ? w.payload : '';
    const recv = received({
      method: w.verb,
      url,
      authorization: w.authorization,
      contentType: payload && !/^\s*[{[]/.test(payload) ? 'application/x-www-form-urlencoded' : undefined,
      body: payload,
    });
    const auth = authenticate(recv, 'access-token', false);
    if (!auth.ok) return auth.reply;
    return json(200, { id: 200, message: 'The authorization is valid.', type: 'success' });
  }

  const organisations = createOrganisations({
    now,
    userById: (id) => users.get(id),
    authenticateUser: (req) => {
      const auth = authenticate(fromEmulatorRequest(req), 'access-token');
      if (!auth.ok) return auth;
      const { rights } = auth.token!;
      if (!rights.includes('almighty') && !rights.includes('access_organisations')) return { ok: false, reply: message(403, 'This token may not read organisations.') };
      return { ok: true, userId: auth.token!.userId, user: userOf(auth) };
    },
  });

  // ---- Routing ----------------------------------------------------------------------------------

  async function handle(req: EmulatorRequest): Promise<Reply> {
    const path = req.url.pathname;
    const m = req.method;
    if (path === '/cli-oauth') {
      if (m === 'GET') return cliOauthPage(req);
      if (m === 'POST') return cliOauthApprove(req);
      return plain(405, 'Method Not Allowed');
    }
    if (path.startsWith('/avatars/') && m === 'GET') {
      const file = Object.hasOwn(AVATAR_FILES, path.slice('/avatars/'.length)) ? AVATAR_FILES[path.slice('/avatars/'.length)] : undefined;
      return file ? { status: 200, headers: { 'content-type': file.contentType }, body: file.body } : plain(404, 'Not Found');
    }
    if (organisations.isGitPath(path)) return organisations.git(req);
    if (!path.startsWith(`${API}/`)) return plain(404, 'Not Found');
    const route = path.slice(API.length);
    if (route === '/organisations' || route.startsWith('/organisations/') || route === '/summary') return organisations.handle(req, route);

    switch (`${m} ${route}`) {
      case 'POST /oauth/request_token':
        return requestTokenEndpoint(req, false);
      case 'POST /oauth/request_token_query':
        return requestTokenEndpoint(req, true);
      case 'POST /oauth/access_token':
        return accessTokenEndpoint(req, false);
      case 'POST /oauth/access_token_query':
        return accessTokenEndpoint(req, true);
      case 'GET /oauth/authorize':
        return authorizePage(req);
      case 'POST /oauth/authorize':
        return authorizeSubmit(req);
      case 'POST /sessions/login':
        return loginSubmit(req);
      case 'GET /oauth/rights':
        return quirks.rightsAsArray
          ? json(200, RIGHTS_CATALOGUE.map((r) => ({ name: r.name, description: r.description })))
          : json(200, Object.fromEntries(RIGHTS_CATALOGUE.map((r) => [r.name, r.description])));
      case 'GET /oauth/login_data': {
        const key = req.url.searchParams.get('oauth_key');
        if (!key) return message(400, 'Missing oauth_key.');
        const consumer = consumers.get(key);
        if (!consumer) return message(404, 'Unknown consumer.');
        return json(200, {
          consumer: { key: consumer.key, name: consumer.name, description: consumer.description, url: consumer.url, picture: consumer.picture },
          rights: consumer.rights,
          loginMethods: ['email'],
        });
      }
      case 'POST /authorize':
        return checkAuthorization(req);
      case 'GET /self/cli_tokens':
        return cliTokenPoll(req);
    }

    if (route === '/self' || route.startsWith('/self/')) {
      const auth = authenticate(fromEmulatorRequest(req), 'access-token');
      if (!auth.ok) return auth.reply;
      const user = userOf(auth);
      if (m === 'GET' && route === '/self') return json(200, selfJson(user, req));
      if (m === 'GET' && route === '/self/tokens/current') return json(200, currentTokenJson(auth.token!));
      if (m === 'DELETE' && route === '/self/tokens') {
        for (const t of tokens.values()) if (t.userId === user.id) t.revoked = true;
        return { status: 204 };
      }
      const one = /^\/self\/tokens\/([^/]+)$/.exec(route);
      if (m === 'DELETE' && one) {
        let name: string;
        try {
          name = decodeURIComponent(one[1]!);
        } catch {
          return message(400, 'Malformed token.');
        }
        const target = tokens.get(name);
        if (!target || target.userId !== user.id || target.revoked) return message(404, 'Unknown token.');
        target.revoked = true;
        return { status: 204 };
      }
      return plain(404, 'Not Found');
    }
    return plain(404, 'Not Found');
  }

  const bridge = createApiBridge({
    now,
    users: () => users.values(),
    selfJson: (userId, req) => selfJson(users.get(userId)!, req),
    authenticate: (req) => {
      const auth = authenticate(fromEmulatorRequest(req), 'access-token');
      return auth.ok ? { ok: true, userId: auth.token!.userId } : auth;
    },
  });
  const server = await startEmulatorServer(handle, { port: options.port });
  let bridgeServer: EmulatorServer;
  try {
    bridgeServer = await startEmulatorServer((req) => bridge.handle(req), { port: options.bridgePort ?? bridgePortFor(options.port ?? 0) });
  } catch (error) {
    await server.close();
    throw error;
  }
  const findUser = (key: string): User => {
    const user = users.get(key) ?? [...users.values()].find((u) => u.email === key);
    if (!user) throw new Error(`No emulator user ${key}`);
    return user;
  };
  const findToken = (token: string): IssuedToken => {
    const t = tokens.get(token);
    if (!t) throw new Error('No such emulator token');
    return t;
  };

  return {
    config: cleverCloudEmulatorConfig(server.port, bridgeServer.port),
    port: server.port,
    server,
    bridgeServer,
    bridge,
    issueCliToken: (user) => {
      const issued = issueToken(CLI_CONSUMER, findUser(user).id, CLI_CONSUMER.rights);
      return { token: issued.token, secret: issued.secret };
    },
    issuedSecrets: () => [
      ...bridge.issuedSecrets(),
      ...[...tokens.values()].flatMap((t) => [t.token, t.secret]),
      ...[...requestTokens.values()].flatMap((r) => [r.token, r.secret, ...(r.verifier ? [r.verifier] : [])]),
      DEMO_CONSUMER.secret,
      ...organisations.issuedSecrets(),
    ],
    listTokens: () =>
      [...tokens.values()].map((t) => ({
        token: t.token,
        consumerKey: t.consumerKey,
        userId: t.userId,
        email: users.get(t.userId)!.email,
        rights: t.rights,
        createdAt: t.createdAt,
        expiresAt: t.expiresAt,
        lastUsedAt: t.lastUsedAt,
        revoked: t.revoked,
      })),
    expireToken: (token) => {
      findToken(token).expiresAt = now() - 1;
    },
    revokeToken: (token) => {
      findToken(token).revoked = true;
    },
    setUserName: (user, name) => {
      findUser(user).name = name;
    },
    setUserAvatar: (user, avatar) => {
      findUser(user).avatar = avatar;
    },
    setQuirks: (q) => Object.assign(quirks, q),
    pendingRequestTokens: () => requestTokens.size,
    organisations,
    close: async () => {
      await Promise.all([server.close(), bridgeServer.close()]);
      organisations.dispose();
    },
  };
}

function isFormRequest(req: EmulatorRequest): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

function formReply(params: readonly Param[]): Reply {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: new URLSearchParams(params.map(([k, v]) => [k, v])).toString(),
  };
}

/** Every page: escaped values only, no scripts, no framing. */
function page(status: number, title: string, body: string, headers: Record<string, string | readonly string[]> = {}): Reply {
  return html(
    status,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
      `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
    {
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:*",
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
      ...headers,
    },
  );
}
