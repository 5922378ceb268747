/**
 * "Log in with Clever Cloud": the console `cli_token` flow the official CLI uses, so nothing has to
 * be registered (docs/PROVIDERS.md).
 *
 * 1. Make a random `cli_token` (20 random bytes, base64url).
 * 2. Open `<console>/cli-oauth?cli_version=…&cli_token=…` in the system browser; the user logs in
 *    there and approves.
 * 3. Poll `GET /self/cli_tokens?cli_token=…` (no signature) every 2 s: 404 = not yet, 200 =
 *    `{token, secret, expirationDate}`. The token belongs to the CLI's public consumer.
 *
 * The cli_token is the only thing binding the browser approval to this poll, so it is random,
 * never logged, and never put in an error message. Transient failures while polling (network,
 * a single slow answer, 5xx) do not end the login: the user may still be typing their password.
 * Up to {@link MAX_CONSECUTIVE_FAILURES} in a row are tolerated; the overall timeout and the
 * caller's cancel always win.
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { AppError, isAppError } from '../../errors';
import { checkedServiceUrl, serviceEndpoint } from '../../net/service-url';
import { pollCliToken, type CleverCloudApiConfig } from './api';
import { CLEVER_TOOLS_CONSUMER, CLI_TOKEN_POLL_INTERVAL_MS, DEFAULT_CONSOLE_URL, TESSERA_CLI_VERSION } from './constants';
import { makeProgressReporter, type LoginResult, type ProgressListener } from './login-progress';
import type { ConsumerCredentials } from './oauth1';

export const MAX_CONSECUTIVE_FAILURES = 5;

export interface CliTokenLoginOptions {
  /** API settings; the consumer defaults to the CLI's public one (the token is issued to it). */
  readonly api: Omit<CleverCloudApiConfig, 'consumer'> & { readonly consumer?: ConsumerCredentials };
  /** Default https://console.clever-cloud.com. */
  readonly consoleUrl?: string;
  readonly cliVersion?: string;
  /** Opens the URL in the system browser. */
  readonly openBrowser: (url: string) => void | Promise<void>;
  readonly onProgress?: ProgressListener;
  readonly signal?: AbortSignal;
  /** How long the user has to approve in the browser. */
  readonly timeoutMs: number;
  /** Default 2000, as the CLI. */
  readonly pollIntervalMs?: number;
}

/** 20 random bytes, base64url without padding (what clever-tools generates). */
export function makeCliToken(): string {
  return randomBytes(20).toString('base64url');
}

export function cliOauthUrl(consoleUrl: string, cliToken: string, cliVersion = TESSERA_CLI_VERSION): string {
  const url = serviceEndpoint(checkedServiceUrl(consoleUrl, 'Clever Cloud console URL'), '/cli-oauth');
  url.searchParams.set('cli_version', cliVersion);
  url.searchParams.set('cli_token', cliToken);
  return url.href;
}

export async function loginWithCliToken(opts: CliTokenLoginOptions): Promise<LoginResult> {
  const api: CleverCloudApiConfig = { ...opts.api, consumer: opts.api.consumer ?? CLEVER_TOOLS_CONSUMER };
  const interval = opts.pollIntervalMs ?? CLI_TOKEN_POLL_INTERVAL_MS;
  const startedAt = Date.now();
  const deadline = startedAt + opts.timeoutMs;
  const progress = makeProgressReporter(opts.onProgress, startedAt, deadline);
  const cliToken = makeCliToken();
  const url = cliOauthUrl(opts.consoleUrl ?? DEFAULT_CONSOLE_URL, cliToken, opts.cliVersion);

  // One signal for everything: the caller's cancel or our overall deadline, whichever comes first.
  const expiry = new AbortController();
  const timer = setTimeout(() => expiry.abort(), opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, expiry.signal]) : expiry.signal;
  const ended = (cause?: unknown): AppError | undefined => {
    if (opts.signal?.aborted) return new AppError('cancelled', 'The login was cancelled.', { cause, key: 'login.cancelled' });
    if (expiry.signal.aborted)
      return new AppError(
        'timeout',
        `The login was not approved in the browser within ${formatDuration(opts.timeoutMs)}. Please try again.`,
        { cause, key: 'login.notApproved', params: { minutes: Math.max(1, Math.round(opts.timeoutMs / 60_000)) } },
      );
    return undefined;
  };

  try {
    const stop = ended();
    if (stop) throw stop;
    progress('opening-console');
    try {
      await opts.openBrowser(url);
    } catch (cause) {
      throw isAppError(cause) ? cause : new AppError('internal', 'Could not open the Clever Cloud console in the browser.', { cause, key: 'cleverCloud.consoleFailed' });
    }

    let failures = 0;
    for (;;) {
      const stopped = ended();
      if (stopped) throw stopped;
      progress(failures > 0 ? 'waiting-console-retrying' : 'waiting-console');
      try {
        const poll = await pollCliToken(api, cliToken, { signal });
        failures = 0;
        if (poll.status === 'ready') {
          progress('done');
          return { token: poll.credentials.token, secret: poll.credentials.secret, expiresAt: poll.expiresAt };
        }
      } catch (cause) {
        const stop = ended(cause);
        if (stop) throw stop;
        failures += 1;
        if (!isTransient(cause) || failures >= MAX_CONSECUTIVE_FAILURES) throw cause;
      }
      try {
        await delay(interval, undefined, { signal });
      } catch (cause) {
        throw ended(cause) ?? cause;
      }
    }
  } finally {
    clearTimeout(timer);
  }
}

function isTransient(e: unknown): boolean {
  if (!isAppError(e)) return false;
  if (e.code === 'network' || e.code === 'timeout') return true;
  return e.code === 'http_error' && e.status !== undefined && e.status >= 500;
}

function formatDuration(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.max(1, Math.round(ms / 1000))} s`;
}
