/**
 * Error codes that may cross the IPC bridge. They are stable: the renderer switches on them to
 * choose a message or an action, so add codes, never rename them.
 */
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

/** What an error looks like once it has crossed the bridge: data, never a thrown object. */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorInfo };
