/**
 * "Use my own OAuth consumer": the full three-legged OAuth 1.0a dance (RFC 5849 section 2).
 *
 * 1. Open a one-shot loopback listener on the configured port (a registered consumer's callback
 *    must lie on its base URL, so the port is fixed and configurable; 0 is for tests).
 * 2. `POST /oauth/request_token` with `oauth_callback` = the listener's URL.
 * 3. Open `/oauth/authorize?oauth_token=…` in the system browser.
 * 4. Wait for the browser to come back with `oauth_token` and `oauth_verifier`. The token must be
 *    the request token of THIS login: anything else (another login's token, a forged link) is
 *    answered 400 and ignored, so a hostile page cannot cancel or hijack the login (CSRF). Only the
 *    browser's top-level navigation is judged at all (an `<img>` pointing at the callback is not:
 *    src/main/net/loopback-callback.ts), and the judge's words are fixed, never the query's. The
 *    first matching callback is accepted once; the listener then closes.
 * 5. `POST /oauth/access_token`, signed with the consumer secret and the request-token secret.
 */
import type { Locale } from '../../../shared/i18n/locales';
import { AppError, isAppError } from '../../errors';
import { listenForCallback, type CallbackVerdict } from '../../net/loopback-callback';
import { constantTimeEqual } from '../../util/constant-time';
import { accessToken, requestToken, type CleverCloudApiConfig, type ParamPlacement, type RequestToken } from './api';
import { authorizeUrl } from './requests';
import { makeProgressReporter, type LoginResult, type ProgressListener } from './login-progress';

export const DEFAULT_CALLBACK_PATH = '/clever-cloud/callback';

export interface ConsumerLoginOptions {
  /** Carries the user's consumer key and secret. */
  readonly api: CleverCloudApiConfig;
  /** The language of the page the browser shows when it comes back (the app's). */
  readonly locale?: () => Locale;
  readonly callbackPort: number;
  /** Default {@link DEFAULT_CALLBACK_PATH}. */
  readonly callbackPath?: string;
  readonly openBrowser: (url: string) => void | Promise<void>;
  readonly onProgress?: ProgressListener;
  readonly signal?: AbortSignal;
  /** How long the user has to approve in the browser. */
  readonly timeoutMs: number;
  /** Body (default) or `_query` variants of the token endpoints. */
  readonly placement?: ParamPlacement;
}

export async function loginWithConsumer(opts: ConsumerLoginOptions): Promise<LoginResult> {
  const startedAt = Date.now();
  const progress = makeProgressReporter(opts.onProgress, startedAt, startedAt + opts.timeoutMs);
  let pending: RequestToken | undefined;

  const listener = await listenForCallback<string>({
    port: opts.callbackPort,
    path: opts.callbackPath ?? DEFAULT_CALLBACK_PATH,
    timeoutMs: opts.timeoutMs,
    signal: opts.signal,
    judge: (params) => judgeCallback(params, pending),
    done: 'doneCleverCloud',
    locale: opts.locale,
  });
  // If a step below fails, nobody awaits the result that `close()` then rejects.
  listener.result.catch(() => undefined);
  try {
    progress('requesting-token');
    pending = await requestToken(opts.api, { callback: listener.url, placement: opts.placement }, { signal: opts.signal });
    progress('opening-authorisation');
    try {
      await opts.openBrowser(authorizeUrl(opts.api, pending.token));
    } catch (cause) {
      throw isAppError(cause) ? cause : new AppError('internal', 'Could not open the Clever Cloud page in the browser.', { cause, key: 'cleverCloud.pageFailed' });
    }
    progress('waiting-authorisation');
    const verifier = await listener.result;
    progress('exchanging-authorisation');
    const access = await accessToken(
      opts.api,
      { requestToken: pending, verifier, placement: opts.placement },
      { signal: opts.signal },
    );
    progress('done');
    return { token: access.token, secret: access.secret, expiresAt: access.expiresAt };
  } finally {
    // A no-op once the listener has accepted; closes it when an earlier step failed.
    listener.close();
  }
}

/**
 * The listener's verdict on a request to the callback path: only the pending request token, with a
 * verifier, is accepted; a matching token without a verifier ends the login; anything else is
 * ignored (the listener keeps waiting).
 */
export function judgeCallback(params: URLSearchParams, pending: RequestToken | undefined): CallbackVerdict<string> {
  const token = params.get('oauth_token');
  if (!pending || token === null || !constantTimeEqual(token, pending.token))
    return { kind: 'ignore', reason: 'notThisCleverCloudLogin' };
  const verifier = params.get('oauth_verifier');
  if (!verifier)
    return { kind: 'fail', error: new AppError('bad_response', 'Clever Cloud came back without an authorisation verifier. Please try again.', { key: 'cleverCloud.noVerifier' }) };
  return { kind: 'accept', value: verifier };
}
