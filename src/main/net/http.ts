/**
 * The one way main-process code talks HTTP. Every provider call goes through `httpRequest`, so
 * every call has a timeout that covers the whole exchange (a server that drips one byte a second
 * still times out), can be cancelled by the caller, and reads at most `maxBytes` of body. Failures
 * become `AppError`s with stable codes and messages that never quote the request (URLs and headers
 * can carry tokens).
 */
import * as v from 'valibot';
import { AppError } from '../errors';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string | URL;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent exactly as given (signatures are computed over these bytes). */
  readonly body?: string;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly maxBytes?: number;
  /** A short name for messages, e.g. "Clever Cloud". */
  readonly service: string;
  readonly fetch?: FetchLike;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** The same exchange with the body as bytes (images), not decoded as UTF-8 text. */
export interface HttpBytesResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly bytes: Buffer;
}

/** The per-client knobs every provider config carries (tests and the benchmark set them). */
export type HttpKnobs = Pick<HttpRequest, 'fetch' | 'timeoutMs' | 'maxBytes'>;

export function knobsOf(config: HttpKnobs): HttpKnobs {
  return { fetch: config.fetch, timeoutMs: config.timeoutMs, maxBytes: config.maxBytes };
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
  const { status, headers, bytes } = await httpRequestBytes(req);
  return { status, headers, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes) };
}

export async function httpRequestBytes(req: HttpRequest): Promise<HttpBytesResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timeout.signal]) : timeout.signal;
  const why = (): AppError | undefined => {
    if (req.signal?.aborted) return new AppError('cancelled', `The request to ${req.service} was cancelled.`, { key: 'net.cancelled', params: { service: req.service } });
    if (timeout.signal.aborted)
      return new AppError('timeout', `${req.service} did not answer within ${formatDuration(timeoutMs)}.`, {
        key: 'net.timeout',
        params: { service: req.service, seconds: Math.max(1, Math.round(timeoutMs / 1000)) },
      });
    return undefined;
  };
  try {
    let response: Response;
    try {
      response = await (req.fetch ?? fetch)(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        signal,
        redirect: 'manual',
      });
    } catch (cause) {
      throw why() ?? new AppError('network', `Could not reach ${req.service}. Check your connection.`, { cause, key: 'net.unreachable', params: { service: req.service } });
    }
    const declared = Number(response.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > maxBytes) {
      await response.body?.cancel().catch(() => undefined);
      throw tooLarge(req.service, maxBytes);
    }
    const bytes = await readCapped(response, maxBytes, req.service).catch((cause: unknown) => {
      if (cause instanceof AppError) throw cause;
      throw why() ?? new AppError('network', `The connection to ${req.service} broke while reading its answer.`, { cause, key: 'net.broken', params: { service: req.service } });
    });
    return { status: response.status, headers: response.headers, bytes };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, service: string): Promise<Buffer> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(service, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** "15 s"; below a second (test and benchmark settings) "300 ms", never "0 s". */
function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${Math.max(1, Math.round(ms))} ms`;
}

function tooLarge(service: string, maxBytes: number): AppError {
  return new AppError('response_too_large', `${service} sent an answer larger than ${Math.round(maxBytes / 1024)} kB; it was refused.`, {
    key: 'net.tooLarge',
    params: { service, kilobytes: Math.round(maxBytes / 1024) },
  });
}

/** Parses a JSON body against a schema; anything else (HTML error pages, truncated JSON) is `bad_response`. */
export function parseJsonBody<const S extends v.GenericSchema>(
  res: HttpResponse,
  schema: S,
  service: string,
): v.InferOutput<S> {
  let data: unknown;
  try {
    data = JSON.parse(res.text);
  } catch (cause) {
    throw new AppError('bad_response', `${service} sent an answer that is not valid JSON (HTTP ${res.status}).`, { cause, key: 'net.notJson', params: { service, status: res.status } });
  }
  const parsed = v.safeParse(schema, data);
  if (!parsed.success) {
    throw new AppError('bad_response', `${service} sent an answer Tessera does not understand (HTTP ${res.status}).`, {
      cause: new Error(v.summarize(parsed.issues)),
      key: 'net.notUnderstood',
      params: { service, status: res.status },
    });
  }
  return parsed.output;
}
