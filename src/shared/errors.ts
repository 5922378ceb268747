/**
 * Error codes that may cross the IPC bridge. They are stable: the renderer switches on them to
 * choose a message or an action, so add codes, never rename them.
 */
import type { errors as englishErrors } from './i18n/catalogue/en/errors';

export const ERROR_CODES = [
  'invalid_input', // an IPC payload did not match the channel's schema
  'forbidden_sender', // the call did not come from our window's main frame
  'unknown_channel',
  'keychain_unavailable', // no Secret Service / keychain, or it is locked
  'keychain_error',
  'metadata_error',
  'not_found',
  'conflict',
  'network', // connection refused, reset, DNS
  'timeout',
  'cancelled',
  'http_error', // unexpected status (5xx, 4xx without a better meaning)
  'bad_response', // a body that is not what the protocol says (HTML instead of JSON, truncated…)
  'response_too_large',
  'unauthorized', // the provider refused the credentials: log in again
  'invalid_configuration', // SaaS ID / API key / secret key / consumer rejected or malformed
  'code_expired', // a temp code or request token expired or was already used
  'callback_mismatch', // a loopback callback that does not belong to the pending login
  'needs_login',
  'changed_outside', // what decides where a secret goes was changed outside Tessera (the metadata file): nothing was sent
  'denied', // the user (or, without a terminal to ask on, the agent) refused to hand out a secret
  'ambiguous', // a name given on the command line fits several accounts
  'agent_unavailable', // the command cannot reach Tessera's agent safely (src/main/agent)
  'busy', // the agent is at its connection limit or handing over: try again
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * A key of the `errors` namespace of the catalogue (src/shared/i18n/catalogue/en/errors.ts), other
 * than the generic `code.<code>` messages: the words an AppError asks the window to show.
 */
export type ErrorKey = Exclude<Leaves<typeof englishErrors>, `code.${string}`>;
type Leaves<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string | ((...args: never[]) => string) ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type At<T, K extends string> = K extends `${infer H}.${infer R}` ? (H extends keyof T ? At<T[H], R> : never) : K extends keyof T ? T[K] : never;
/** The parameters the message of `K` takes; undefined for a plain string. */
export type ErrorParamsOf<K extends ErrorKey> = At<typeof englishErrors, K> extends (p: infer P) => string ? P : undefined;
/** Parameters as they cross the bridge: names, services, statuses, counts. Never a secret. */
export type ErrorParams = Readonly<Record<string, string | number>>;
/** A key with exactly the parameters its message takes (checked by the compiler). */
export type ErrorWords = {
  [K in ErrorKey]: ErrorParamsOf<K> extends undefined ? { readonly key: K; readonly params?: undefined } : { readonly key: K; readonly params: ErrorParamsOf<K> };
}[ErrorKey];

/**
 * What an error looks like once it has crossed the bridge: data, never a thrown object. `message`
 * is English (logs, the command line); the window shows the words of `key` with `params` in its
 * language, or the generic words of `code` (src/shared/i18n/error-text.ts).
 */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly key?: ErrorKey;
  readonly params?: ErrorParams;
}

const MAX_PARAMS = 8;
const MAX_PARAM_LENGTH = 500;

/**
 * An ErrorInfo read from elsewhere (the agent's frames, the window's side of the bridge), strictly:
 * a known code, a string message, and when present a known key and at most a few short string or
 * finite number parameters; no other field. Undefined for anything else. What a known key is comes
 * from the caller: the whole list (src/shared/error-keys.ts) where the frame is read, the catalogue
 * in hand where words are chosen (src/shared/i18n/error-text.ts), so that the window's bundle does
 * not carry the English catalogue twice.
 */
export function parseErrorInfo(value: unknown, isKnownKey: (key: string) => boolean): ErrorInfo | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const e = value as Record<string, unknown>;
  if (Object.keys(e).some((k) => k !== 'code' && k !== 'message' && k !== 'key' && k !== 'params')) return undefined;
  if (typeof e.code !== 'string' || !(ERROR_CODES as readonly string[]).includes(e.code)) return undefined;
  if (typeof e.message !== 'string') return undefined;
  if (e.key !== undefined && (typeof e.key !== 'string' || e.key.startsWith('code.') || !isKnownKey(e.key))) return undefined;
  if (e.params !== undefined) {
    if (e.key === undefined || e.params === null || typeof e.params !== 'object' || Array.isArray(e.params)) return undefined;
    const entries = Object.entries(e.params);
    if (entries.length > MAX_PARAMS) return undefined;
    for (const [, v] of entries) {
      if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string' || v.length > MAX_PARAM_LENGTH) return undefined;
    }
  }
  return e as unknown as ErrorInfo;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
