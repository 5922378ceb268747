/**
 * What each error code calls for, decided once for main and the window (src/shared/errors.ts
 * lists the codes). Code that reacts to an error asks this table instead of keeping its own list:
 * the background refresh (src/main/refresh/), a provider's refresh, the account view's "remove
 * anyway" offer.
 *
 * `remedy`:
 * - `retry`: transient, or nobody's doing: the same call may succeed later with nothing changed (the
 *   network is back, the provider recovered, the keychain was unlocked). Background work backs off
 *   and tries again.
 * - `user`: the same call fails the same way until the user acts on this account, connection or
 *   input (log in again, enter the secret again, correct what was typed, remove something first).
 *   Background work stops for the account until it changes.
 * - `bug`: something that should not happen, in Tessera or in the provider's side of the protocol;
 *   the message is for a report. Background work backs off as for `retry`: one bad answer must not
 *   stop an account for good.
 *
 * `remote`, for a failure the user did not cause (`retry` and `bug`): the error describes the
 * provider's answer or the network on the way to it, not this computer or Tessera itself. A `user`
 * error has no `remote`: whatever its origin, the user must act, and nothing reads it.
 */
import type { ErrorCode } from './errors';

export type ErrorRemedy = 'retry' | 'user' | 'bug';

export type ErrorPolicy = { readonly remedy: 'user' } | { readonly remedy: Exclude<ErrorRemedy, 'user'>; readonly remote: boolean };

export const ERROR_POLICY: { readonly [C in ErrorCode]: ErrorPolicy } = {
  // What the window sent did not pass; when the user typed it, the message says what to correct.
  invalid_input: { remedy: 'user' },
  // Only another frame or a broken bridge sends these.
  forbidden_sender: { remedy: 'bug', remote: false },
  unknown_channel: { remedy: 'bug', remote: false },
  // The keychain is locked or away: the window's banner asks the user, and Tessera retries once it answers.
  keychain_unavailable: { remedy: 'retry', remote: false },
  keychain_error: { remedy: 'retry', remote: false },
  // The metadata file could not be written (disk full, permissions); a later write may succeed.
  metadata_error: { remedy: 'retry', remote: false },
  // The account, connection or consumer is gone: nothing to retry.
  not_found: { remedy: 'user' },
  // Something must be done first (log out the accounts of a connection, free a port).
  conflict: { remedy: 'user' },
  network: { remedy: 'retry', remote: true },
  timeout: { remedy: 'retry', remote: true },
  // Nothing failed: the call was stopped, and may simply be made again.
  cancelled: { remedy: 'retry', remote: false },
  // 5xx, or a refusal without a better meaning (its message quotes the provider).
  http_error: { remedy: 'retry', remote: true },
  // Not what the protocol says (HTML for JSON, a token answer without a token, a redirect).
  bad_response: { remedy: 'bug', remote: true },
  response_too_large: { remedy: 'retry', remote: true },
  unauthorized: { remedy: 'user' },
  invalid_configuration: { remedy: 'user' },
  code_expired: { remedy: 'user' },
  // A browser came back to the loopback listener with what belongs to another login.
  callback_mismatch: { remedy: 'user' },
  needs_login: { remedy: 'user' },
  // The command line (src/cli, src/main/agent): the user said no, or must name the account better.
  denied: { remedy: 'user' },
  ambiguous: { remedy: 'user' },
  // The agent could not be reached safely, or is at its limit or handing over: try again.
  agent_unavailable: { remedy: 'retry', remote: false },
  busy: { remedy: 'retry', remote: false },
  // Where a secret may go was changed outside Tessera: nothing is sent until the user confirms it.
  changed_outside: { remedy: 'user' },
  internal: { remedy: 'bug', remote: false },
};

export function errorRemedy(code: ErrorCode): ErrorRemedy {
  return ERROR_POLICY[code].remedy;
}

/** The provider could not be reached, or answered unusably: the user is not the cause, and it may work later. */
export function isProviderFailure(code: ErrorCode): boolean {
  const policy = ERROR_POLICY[code];
  return policy.remedy !== 'user' && policy.remote;
}
