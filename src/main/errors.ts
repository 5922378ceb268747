/**
 * One error class for everything the main process reports. `code` is stable (see
 * src/shared/errors.ts) and `message` is written for the user: it never contains a secret, so
 * it may be logged and may cross the bridge. The technical detail stays in `cause`, which is never
 * serialised.
 */
import type { ErrorCode, ErrorInfo } from '../shared/errors';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

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
