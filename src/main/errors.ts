/**
 * One error class for everything the main process reports. `code` is stable (see
 * src/shared/errors.ts; src/shared/error-policy.ts says what each one calls for) and `message` is
 * written in English for logs and the command line: it never contains a secret, so it may be
 * logged and may cross the bridge. `key` and `params` name the words the window shows instead, in
 * its language (the `errors` namespace of src/shared/i18n/catalogue/; without a key the window
 * shows the code's generic words). Params are never secrets either: names, services, HTTP
 * statuses, counts, a provider's own already-redacted text; they cross the bridge like `message`
 * and the same secrets audits cover them (src/main/errors.test.ts, e2e/secrets-audit.spec.ts).
 * The detail stays on the object as data, never serialised: `status` and `endpoint` when a provider
 * answered (what code decides on, instead of reading the message), and `cause`.
 */
import type { ErrorCode, ErrorInfo, ErrorKey, ErrorParams, ErrorWords } from '../shared/errors';

export type AppErrorOptions = AppErrorDetail & (ErrorWords | { readonly key?: undefined; readonly params?: undefined });

interface AppErrorDetail {
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
  /** The window's words for this error (the `errors` namespace), and their parameters. */
  readonly key: ErrorKey | undefined;
  readonly params: ErrorParams | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.status = options.status;
    this.endpoint = options.endpoint;
    this.key = options.key;
    this.params = options.params as ErrorParams | undefined;
  }

  /** What crosses the bridge: the code, the message and the window's words, never the detail. */
  toInfo(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.key ? { key: this.key } : {}), ...(this.params ? { params: this.params } : {}) };
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
