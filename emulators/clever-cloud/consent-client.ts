/**
 * A test client for the emulator's consent page (`GET` and `POST /oauth/authorize`): what the
 * user's browser does between Tessera opening the authorize URL and the OAuth callback. No product
 * code calls this page (a browser does), so the client lives with the emulator; tests use it to
 * approve a request token without driving a browser (`TestBrowser` in testing.ts does it the way a
 * user would, form by form).
 *
 * Plain `fetch`, no redirect followed: a 303 is the answer, read for the callback's parameters.
 * From the product it imports only the OAuth encoding (src/main/providers/clever-cloud/oauth1.ts),
 * which the emulator decodes with its own code.
 */
import { formEncode, type Param } from '../../src/main/providers/clever-cloud/oauth1';

/** The emulator's API base URL (`…/v2`). */
export interface ConsentPageConfig {
  readonly baseUrl?: string;
}

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

/** `GET /oauth/authorize`: the HTML page (login or rights), or a 303 for a consumer approved before. */
export async function authorizeForm(config: ConsentPageConfig, input: AuthorizeFormInput): Promise<AuthorizeAnswer> {
  const query: Param[] = [];
  if (input.oauthToken !== undefined) query.push(['oauth_token', input.oauthToken]);
  if (input.cliToken !== undefined) query.push(['cli_token', input.cliToken]);
  if (input.fromOauth !== undefined) query.push(['from_oauth', input.fromOauth]);
  const res = await fetch(`${consentPageUrl(config)}${query.length > 0 ? `?${formEncode(query)}` : ''}`, {
    redirect: 'manual',
    headers: { accept: 'text/html', ...cookieHeader({ ccid: input.ccid, cctk: input.cctk }) },
  });
  return answerOf(res);
}

/** `POST /oauth/authorize`: the rights form. `ccid` and `cctk` are cookies, not form fields. */
export async function authorize(config: ConsentPageConfig, input: AuthorizeInput): Promise<AuthorizeAnswer> {
  const res = await fetch(consentPageUrl(config), {
    method: 'POST',
    redirect: 'manual',
    headers: {
      accept: 'text/html, application/json',
      'content-type': 'application/x-www-form-urlencoded',
      ...cookieHeader({ ccid: input.ccid, cctk: input.cctk }),
    },
    body: formEncode(input.rights.map((r): Param => [r, 'on'])),
  });
  return answerOf(res);
}

function consentPageUrl(config: ConsentPageConfig): string {
  if (config.baseUrl === undefined) throw new Error('The consent-page client talks to an emulator: give its base URL.');
  return `${config.baseUrl.replace(/\/$/, '')}/oauth/authorize`;
}

function cookieHeader(cookies: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const parts = Object.entries(cookies)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, val]) => `${k}=${encodeURIComponent(val)}`);
  return parts.length > 0 ? { cookie: parts.join('; ') } : {};
}

async function answerOf(res: Response): Promise<AuthorizeAnswer> {
  const html = await res.text();
  if ([301, 302, 303, 307].includes(res.status)) {
    const location = res.headers.get('location');
    if (!location) throw new Error(`The consent page answered HTTP ${res.status} without a destination.`);
    const params = new URL(location, 'http://invalid').searchParams;
    return { kind: 'redirect', status: res.status, location, oauthToken: params.get('oauth_token'), oauthVerifier: params.get('oauth_verifier') };
  }
  if (res.status < 200 || res.status >= 300) throw new Error(`The consent page answered HTTP ${res.status}.`);
  return { kind: 'page', status: res.status, html };
}
