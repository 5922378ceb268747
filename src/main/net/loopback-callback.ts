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
 * - The answer pages never repeat the query, in the app's language: an accepted callback shows `done`, an ignored one
 *   the judge's fixed reason, a failed one a fixed sentence (the error itself goes to Tessera's
 *   window, worded by the judge, never in the provider's words).
 * - The first accepted callback settles the promise; the listener then closes, so a replay or a
 *   second callback finds nothing listening.
 * - A timeout and the caller's AbortSignal both end the wait and close the listener.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { en } from '../../shared/i18n/catalogue/en';
import type { Messages } from '../../shared/i18n/catalogue/messages';
import { DEFAULT_LOCALE, type Locale } from '../../shared/i18n/locales';
import { createTranslate } from '../../shared/i18n/all-catalogues';
import { AppError } from '../errors';

export type CallbackVerdict<T> =
  | { readonly kind: 'accept'; readonly value: T }
  | { readonly kind: 'fail'; readonly error: AppError }
  | { readonly kind: 'ignore'; readonly reason: LoopbackWords };

export interface LoopbackCallbackOptions<T> {
  /** 0 picks a free port. */
  readonly port: number;
  /** e.g. `/callback`; matched exactly. */
  readonly path: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Sees only top-level navigations; its texts must be fixed, never built from the query. */
  readonly judge: (params: URLSearchParams) => CallbackVerdict<T>;
  /** What the browser shows after an accepted callback (a key of the `loopback` namespace). */
  readonly done?: 'done' | 'doneSaasus' | 'doneCleverCloud';
  /** The language of the pages (the app's, read when a page is answered); English when not given. */
  readonly locale?: () => Locale;
}

/** The fixed texts of the pages, in the `loopback` namespace of src/shared/i18n/catalogue/. */
export type LoopbackWords = keyof Messages['loopback'];

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

  const answer = (res: ServerResponse, status: number, words: LoopbackWords): void => answerPage(res, status, opts.locale?.() ?? DEFAULT_LOCALE, words);
  const server = createServer((req, res) => {
    if (settled) return answer(res, 410, 'finished');
    const problem = checkRequest(req, port, opts.path);
    if (problem) return answer(res, problem.status, problem.words);
    if (!isTopLevelNavigation(req.headers)) return answer(res, 400, 'notNavigation');
    const params = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams;
    let verdict: CallbackVerdict<T>;
    try {
      verdict = opts.judge(params);
    } catch (cause) {
      verdict = { kind: 'fail', error: new AppError('internal', 'The login callback could not be read.', { cause, key: 'login.callbackUnreadable' }) };
    }
    if (verdict.kind === 'ignore') return answer(res, 400, verdict.reason);
    if (verdict.kind === 'fail') {
      answer(res, 400, 'failed');
      return finish(() => settle.reject(verdict.error));
    }
    answer(res, 200, opts.done ?? 'done');
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
  const onAbort = (): void => finish(() => settle.reject(new AppError('cancelled', 'The login was cancelled.', { key: 'login.cancelled' })));
  const timer = setTimeout(
    () =>
      finish(() =>
        settle.reject(
          new AppError('timeout', `No answer from the browser within ${Math.round(opts.timeoutMs / 1000)} s. Please try again.`, {
            key: 'login.browserTimeout',
            params: { seconds: Math.round(opts.timeoutMs / 1000) },
          }),
        ),
      ),
    opts.timeoutMs,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        cause.code === 'EADDRINUSE'
          ? new AppError('conflict', `Port ${opts.port} on 127.0.0.1 is in use; choose another callback port in Settings.`, { cause, key: 'login.portInUse', params: { port: opts.port } })
          : new AppError('network', 'Could not open the local login listener.', { cause, key: 'login.listenerFailed' }),
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
    close: () => finish(() => settle.reject(new AppError('cancelled', 'The login was cancelled.', { key: 'login.cancelled' }))),
  };
}

/** The neutral answer to anything that is not the browser's navigation back from the provider (English). */
export const NOT_A_NAVIGATION = en.loopback.notNavigation;
/** The page of a failed callback: the reason is shown in Tessera, never here (English). */
export const LOGIN_FAILED = en.loopback.failed;

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

function checkRequest(req: IncomingMessage, port: number, path: string): { status: number; words: LoopbackWords } | undefined {
  const host = req.headers.host ?? '';
  if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return { status: 421, words: 'wrongHost' };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== `http://${host}`) return { status: 403, words: 'foreignOrigin' };
  if (req.method !== 'GET') return { status: 405, words: 'methodNotAllowed' };
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== path) return { status: 404, words: 'notFound' };
  return undefined;
}

/** A fixed page in the app's language: the words come from the catalogue only, never from the request. */
function answerPage(res: ServerResponse, status: number, locale: Locale, words: LoopbackWords): void {
  const message = createTranslate(locale)(`loopback.${words}`);
  const body = `<!doctype html><html lang="${locale}"><meta charset="utf-8"><title>Tessera</title><body style="font:16px system-ui,'Noto Sans CJK JP','Hiragino Sans','Yu Gothic UI',Meiryo,sans-serif;margin:3em">${escapeHtml(message)}</body>`;
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
