import { describe, expect, it } from 'vitest';
import { AppError, toErrorInfo } from './errors';

describe('AppError', () => {
  it('keeps the status and the endpoint a provider answered with as data, for code to decide on', () => {
    const cause = new Error('Clever Cloud self answered HTTP 503');
    const error = new AppError('http_error', 'Clever Cloud had a problem (HTTP 503). Try again in a moment.', { cause, status: 503, endpoint: 'self' });
    expect(error).toMatchObject({ code: 'http_error', status: 503, endpoint: 'self', cause });
    expect(new AppError('network', 'Could not reach SaaSus.')).toMatchObject({ status: undefined, endpoint: undefined });
  });

  it('sends the window the code and the message only: never the status, the endpoint or the cause', () => {
    const error = new AppError('unauthorized', 'Log in again.', { cause: new Error('token-secret-value'), status: 401, endpoint: 'currentToken' });
    expect(error.toInfo()).toEqual({ code: 'unauthorized', message: 'Log in again.' });
    expect(toErrorInfo(error)).toEqual({ code: 'unauthorized', message: 'Log in again.' });
    expect(JSON.stringify(toErrorInfo(error))).not.toMatch(/401|currentToken|token-secret-value/);
  });

  it('turns anything else into an internal error without its message', () => {
    expect(toErrorInfo(new Error('GET https://h/?token=secret failed'))).toEqual({ code: 'internal', message: 'Something went wrong inside Tessera. Please try again.' });
  });

  it('carries the window’s words as a key of the errors namespace with its parameters, beside the English message', () => {
    const error = new AppError('conflict', 'Port 45873 on 127.0.0.1 is in use.', { key: 'login.portInUse', params: { port: 45873 }, cause: new Error('EADDRINUSE') });
    expect(error.toInfo()).toEqual({ code: 'conflict', message: 'Port 45873 on 127.0.0.1 is in use.', key: 'login.portInUse', params: { port: 45873 } });
    expect(new AppError('cancelled', 'The login was cancelled.', { key: 'login.cancelled' }).toInfo()).toEqual({ code: 'cancelled', message: 'The login was cancelled.', key: 'login.cancelled' });
    // @ts-expect-error: a key outside the errors namespace does not compile.
    void new AppError('internal', 'x', { key: 'errors.nope' });
    // @ts-expect-error: a message that takes parameters must be given them.
    void new AppError('conflict', 'x', { key: 'login.portInUse' });
  });
});
