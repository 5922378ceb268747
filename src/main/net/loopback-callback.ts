/**
 * A one-shot HTTP listener on 127.0.0.1 that receives the browser's redirect at the end of a login
 * (OAuth 1.0a `oauth_verifier`, SaaSus `?code=`).
 *
 * Why it is shaped like this:
 * - Bound to 127.0.0.1 only, never 0.0.0.0: nothing on the network can reach it.
 * - The `Host` header must name the loopback address we listen on (defeats DNS rebinding), and a
 *   request carrying a foreign `Origin` is refused (a page cannot script the callback).
 * - Only a top-level navigation reaches the judge. Any web page can make the browser send a GET to
 *   this address (`<img src>`, `<script src>`, a `no-cors` fetch: none carries an `Origin`), but only
 *   the browser coming back from the provider is a navigation of a document. Browsers that send
 *   Fetch Metadata (https://www.w3.org/TR/fetch-metadata/: Chromium 80, Firefox 90, Safari 16.4)
 *   say so in `Sec-Fetch-Mode` / `Sec-Fetch-Dest`; a request carrying any `Sec-Fetch-*` header must
 *   say `navigate` and `document`, and a prefetch (`Sec-Purpose` / `Purpose`) is no navigation
 *   either. Anything else gets a neutral page and the listener keeps waiting. A request without
 *   Fetch Metadata (an older browser, curl) is judged as before: {@link isTopLevelNavigation}.
 * - Only `GET <path>` is served; the caller's `judge` decides whether the query belongs to the
 *   pending login. A request that does not (wrong state, wrong token) is answered 400 and the
 *   listener keeps waiting, so a stray or hostile request cannot cancel a real login.
 * - The answer pages never repeat the query: an accepted callback shows `doneTitle`, an ignored one
 *   the judge's fixed reason, a failed one a fixed sentence (the error itself goes to Tessera's
 *   window, worded by the judge, never in the provider's words).
 * - The first accepted callback settles the promise; the listener then closes, so a replay or a
 *   second callback finds nothing listening.
 * - A timeout and the caller's AbortSignal both end the wait and close the listener.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../errors';

export type CallbackVerdict<T> =
  | { readonly kind: 'accept'; readonly value: T }
  | { readonly kind: 'fail'; readonly error: AppError }
  | { readonly kind: 'ignore'; readonly reason: string };

export interface LoopbackCallbackOptions<T> {
  /** 0 picks a free port. */
  readonly port: number;
  /** e.g. `/callback`; matched exactly. */
  readonly path: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Sees only top-level navigations; its texts must be fixed, never built from the query. */
  readonly judge: (params: URLSearchParams) => CallbackVerdict<T>;
  /** What the browser shows after an accepted callback. */
  readonly doneTitle?: string;
}

export interface LoopbackCallback<T> {
  /** The callback URL to register or pass to the provider. */
  readonly url: string;
  readonly port: number;
  /** Settles once: with the accepted value, or with a typed error (timeout, cancelled, fail). */
  readonly result: Promise<T>;
  close(): void;
}

export async function listenForCallback<T>(opts: LoopbackCallbackOptions<T>): Promise<LoopbackCallback<T>> {
  let settle!: { resolve: (v: T) => void; reject: (e: AppError) => void };
  const result = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  let settled = false;
  let port = 0;

  const server = createServer((req, res) => {
    if (settled) return answer(res, 410, 'This login has already finished. You can close this tab.');
    const problem = checkRequest(req, port, opts.path);
    if (problem) return answer(res, problem.status, problem.message);
    if (!isTopLevelNavigation(req.headers)) return answer(res, 400, NOT_A_NAVIGATION);
    const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    let verdict: CallbackVerdict<T>;
    try {
      verdict = opts.judge(params);
    } catch (cause) {
      verdict = { kind: 'fail', error: new AppError('internal', 'The login callback could not be read.', { cause }) };
    }
    if (verdict.kind === 'ignore') return answer(res, 400, verdict.reason);
    if (verdict.kind === 'fail') {
      answer(res, 400, LOGIN_FAILED);
      return finish(() => settle.reject(verdict.error));
    }
    answer(res, 200, `${opts.doneTitle ?? 'You are logged in'}. You can close this tab and return to Tessera.`);
    finish(() => settle.resolve(verdict.value));
  });
  server.keepAliveTimeout = 1;

  const finish = (how: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    how();
    // Let the answer reach the browser, then stop listening and drop idle sockets.
    server.close();
    server.closeIdleConnections();
  };
  const onAbort = (): void => finish(() => settle.reject(new AppError('cancelled', 'The login was cancelled.')));
  const timer = setTimeout(
    () =>
      finish(() =>
        settle.reject(
          new AppError('timeout', `No answer from the browser within ${Math.round(opts.timeoutMs / 1000)} s. Please try again.`),
        ),
      ),
    opts.timeoutMs,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        cause.code === 'EADDRINUSE'
          ? new AppError('conflict', `Port ${opts.port} on 127.0.0.1 is in use; choose another callback port in Settings.`, { cause })
          : new AppError('network', 'Could not open the local login listener.', { cause }),
      );
    });
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    url: `http://127.0.0.1:${port}${opts.path}`,
    port,
    result,
    close: () => finish(() => settle.reject(new AppError('cancelled', 'The login was cancelled.'))),
  };
}

/** The neutral answer to anything that is not the browser's navigation back from the provider. */
export const NOT_A_NAVIGATION = 'This address only receives your browser when it returns from a login.';
/** The page of a failed callback: the reason is shown in Tessera, never here. */
export const LOGIN_FAILED = 'The login did not complete. Return to Tessera to see why; you can close this tab.';

/**
 * Whether a request is the browser navigating a tab to this address (what a provider's redirect
 * is), judged by its Fetch Metadata. A request without any `Sec-Fetch-*` header comes from a
 * browser that predates it, or from a tool: nothing to judge it by, so it passes (the Host and
 * Origin checks still apply). Header names arrive lower-cased from node:http; a repeated header
 * arrives joined ("navigate, navigate") and fails the comparison.
 */
export function isTopLevelNavigation(headers: IncomingHttpHeaders): boolean {
  // A prefetch or prerender is the browser guessing, not the user's navigation.
  if (headers['sec-purpose'] !== undefined || headers.purpose !== undefined) return false;
  if (!Object.keys(headers).some((name) => name.startsWith('sec-fetch-'))) return true;
  return headers['sec-fetch-mode'] === 'navigate' && headers['sec-fetch-dest'] === 'document';
}

function checkRequest(req: IncomingMessage, port: number, path: string): { status: number; message: string } | undefined {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return { status: 421, message: 'Wrong host.' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== `http://${host}`) return { status: 403, message: 'Foreign origin.' };
  if (req.method !== 'GET') return { status: 405, message: 'Method not allowed.' };
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== path) return { status: 404, message: 'Not found.' };
  return undefined;
}

function answer(res: ServerResponse, status: number, message: string): void {
  const body = `<!doctype html><meta charset="utf-8"><title>Tessera</title><body style="font:16px system-ui;margin:3em">${escapeHtml(message)}</body>`;
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    connection: 'close',
  });
  res.end(body);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
