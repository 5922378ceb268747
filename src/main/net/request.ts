/**
 * What the provider clients share around `httpRequest` (http.ts), in the shape of
 * panva/oauth4webapi: a pure builder makes a `PreparedRequest` (the exact bytes, signed when the
 * endpoint wants it), `sendPrepared` sends it with the client's knobs, and a processor validates
 * the answer, starting with `expectSuccess`, into a typed value or an `AppError`.
 */
import type { AppError } from '../errors';
import { httpRequest, knobsOf, type HttpKnobs, type HttpResponse } from './http';

/** A request ready for `httpRequest`: the URL string and the body are the very bytes signed and sent. */
export interface PreparedRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What every provider call accepts besides its inputs. */
export interface CallOptions {
  readonly signal?: AbortSignal;
}

/** `service` names the provider in the transport's messages ("Could not reach SaaSus…"). */
export function sendPrepared(service: string, knobs: HttpKnobs, req: PreparedRequest, opts: CallOptions): Promise<HttpResponse> {
  return httpRequest({ ...req, ...knobsOf(knobs), service, signal: opts.signal });
}

/** A 2xx passes; anything else throws the provider's typed error for it. */
export function expectSuccess(res: HttpResponse, failure: (res: HttpResponse) => AppError): void {
  if (res.status >= 200 && res.status < 300) return;
  throw failure(res);
}
