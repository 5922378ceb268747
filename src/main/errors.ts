/**
 * One error class for everything the main process reports. `code` is stable (see
 * src/shared/errors.ts; src/shared/error-policy.ts says what each one calls for) and `message` is
 * written for the user: it never contains a secret, so it may be logged and may cross the bridge.
 * The detail stays on the object as data, never serialised: `status` and `endpoint` when a provider
 * answered (what code decides on, instead of reading the message), and `cause`.
 */
import type { ErrorCode, ErrorInfo } from '../shared/errors';

export interface AppErrorOptions {
  readonly cause?: unknown;
  /** The HTTP status of the provider's answer that this error reports. */
  readonly status?: number;
  /** Which call of the provider's client answered it (e.g. `self`, `refreshTokenAuth`). */
  readonly endpoint?: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly status: number | undefined;
  readonly endpoint: string | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.status = options.status;
    this.endpoint = options.endpoint;
  }

  /** What crosses the bridge: the code and the message, never the detail. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * Turns anything thrown into bridge-safe data. Unknown errors become a generic `internal` error:
 * their messages come from libraries and could quote a request (and so a secret), so they are not
 * passed on.
 */
export function toErrorInfo(e: unknown): ErrorInfo {
  if (isAppError(e)) return e.toInfo();
  return { code: 'internal', message: 'Something went wrong inside Tessera. Please try again.' };
}
