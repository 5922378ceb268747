/**
 * Logging a user in through the SaaS's hosted login page.
 *
 * The SaaS's login page (built by SaaSus) redirects, after a successful login, to the SaaS's
 * registered callback URL with `?code=<temp code>`. When that callback URL is Tessera's loopback
 * listener, Tessera receives the code and must redeem it at once: it lives 10 seconds and works
 * once (`GET /credentials?code=…&auth-flow=tempCodeAuth`).
 *
 * SaaSus's hosted page carries no `state` parameter, so the listener cannot tell our login's code
 * from any other code that reaches it while it waits (a page could navigate the browser to the
 * callback with its own code, a "login CSRF"). The damage is limited to Tessera holding a session
 * of someone else's choosing, and the account screen shows whose session it is (email, tenants)
 * right after login. The listener's own checks (127.0.0.1 only, Host header, one shot, top-level
 * navigations only) still apply: a page cannot do it with an `<img>` or a `no-cors` fetch, nor
 * put its own words in Tessera's window through `error_description` (see judgeSaasusCallback).
 *
 * The "paste a code" path is for when the callback URL is not Tessera's listener: the user copies
 * the code (or the whole callback address) from the browser.
 */
import type { Locale } from '../../../shared/i18n/locales';
import { SAASUS_CALLBACK_PATH } from '../../../shared/callback-urls';
import type { LoginStep } from '../../../shared/login-steps';
import { AppError } from '../../errors';
import { listenForCallback, type CallbackVerdict } from '../../net/loopback-callback';
import { webPageUrl } from '../../net/service-url';
import { tempCodeAuth, type CallOptions, type Credentials, type SaasusApiConfig } from './api';

export type ProgressReporter = (step: LoginStep, timeoutAt?: number | null) => void;

export interface HostedLoginOptions {
  readonly api: SaasusApiConfig;
  /** The language of the page the browser shows when it comes back (the app's). */
  readonly locale?: () => Locale;
  /** The SaaS's hosted login page. */
  readonly loginUrl: string;
  /** The loopback port registered in the SaaS's callback URL (0 picks one, for tests). */
  readonly callbackPort: number;
  /** Default `/callback`. */
  readonly callbackPath?: string;
  /** Opens the URL in the system browser (Electron's shell.openExternal in the app). */
  readonly openBrowser: (url: string) => void | Promise<void>;
  readonly onProgress?: ProgressReporter;
  readonly signal?: AbortSignal;
  /** How long to wait for the browser to come back. */
  readonly timeoutMs: number;
}

export const DEFAULT_CALLBACK_PATH = SAASUS_CALLBACK_PATH;

export async function loginViaHostedPage(opts: HostedLoginOptions): Promise<Credentials> {
  // It is opened in the system browser: only web pages, never file:, javascript: or custom schemes.
  const loginUrl = webPageUrl(opts.loginUrl, {
    invalid: 'The SaaS login page URL is not a valid URL.',
    notWeb: 'The SaaS login page URL must start with https://.',
  }).href;
  const progress: ProgressReporter = opts.onProgress ?? (() => undefined);
  const listener = await listenForCallback({
    port: opts.callbackPort,
    path: opts.callbackPath ?? DEFAULT_CALLBACK_PATH,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    judge: judgeSaasusCallback,
    done: 'doneSaasus',
    locale: opts.locale,
  });
  // If opening the browser fails, nobody awaits the result that `close()` then rejects.
  listener.result.catch(() => undefined);
  try {
    progress('opening-login-page');
    try {
      await opts.openBrowser(loginUrl);
    } catch (cause) {
      throw cause instanceof AppError ? cause : new AppError('internal', 'Could not open the login page in the browser.', { cause, key: 'login.browserFailed' });
    }
    progress('waiting-login', Date.now() + opts.timeoutMs);
    const code = await listener.result;
    progress('exchanging-code');
    return await tempCodeAuth(opts.api, code, { signal: opts.signal });
  } finally {
    // A no-op once the listener has accepted; closes it when opening the browser failed.
    listener.close();
  }
}

/** What Tessera says when the callback carries an error: its own words, never the query's. */
export const CALLBACK_ERROR_MESSAGE = 'SaaSus reported an error during login: try again.';

/**
 * What the loopback listener does with a request to the callback path: a `code` is our answer;
 * `error` / `error_description` end the login with Tessera's own fixed wording; anything else is a
 * stray request and the listener keeps waiting.
 *
 * The provider's `error_description` is not shown: the callback carries no `state`, so whatever
 * navigates the browser to it (the SaaS, or any page while a login waits) writes that text, and
 * Tessera's window would present an attacker's sentence as the SaaS's.
 */
export function judgeSaasusCallback(params: URLSearchParams): CallbackVerdict<string> {
  const code = params.get('code');
  if (code) return { kind: 'accept', value: code };
  if (params.has('error') || params.has('error_description'))
    return { kind: 'fail', error: new AppError('unauthorized', CALLBACK_ERROR_MESSAGE, { key: 'saasus.callbackError' }) };
  return { kind: 'ignore', reason: 'expectsSaasusCode' };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The "paste a code" path. Accepts the bare code or the whole callback address the browser shows
 * (people copy what they see); checks the UUID shape before spending a request on it.
 */
export async function exchangeCode(api: SaasusApiConfig, pasted: string, opts: CallOptions = {}): Promise<Credentials> {
  return tempCodeAuth(api, parsePastedCode(pasted), opts);
}

export function parsePastedCode(pasted: string): string {
  let text = pasted.trim();
  if (/^https?:\/\//i.test(text)) {
    try {
      text = new URL(text).searchParams.get('code') ?? '';
    } catch {
      text = '';
    }
  }
  if (!UUID.test(text))
    throw new AppError('invalid_input', 'That is not a SaaSus login code (it looks like 0b7f3c52-9d14-4e6a-8a21-6f5e2c9d8b01).', { key: 'saasus.notACode' });
  return text;
}
