/**
 * The command's exit codes (README, "From the command line"). `tessera exec` exits with its
 * command's status once the command runs (or dies by the same signal, else 128 + its number).
 */
import type { ErrorCode } from '../shared/errors';

export const EXIT = {
  ok: 0,
  /** Anything else: the network, a provider, Tessera itself. */
  error: 1,
  /** The command line: an unknown option, an account no name fits or several fit, variables that collide. */
  usage: 2,
  /** An account needs a new login (expired, refused, changed outside Tessera). */
  needsLogin: 3,
  /** The user, or the absence of a terminal to ask on, refused to hand the secret out. */
  denied: 4,
  /** The keychain is locked or missing. */
  noKeychain: 5,
  /** The agent cannot be reached safely (another user's or a world-readable socket, a failed start). */
  agent: 6,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'invalid_input':
    case 'not_found':
    case 'ambiguous':
      return EXIT.usage;
    case 'needs_login':
    case 'unauthorized':
    case 'changed_outside':
    case 'code_expired':
      return EXIT.needsLogin;
    case 'denied':
      return EXIT.denied;
    case 'keychain_unavailable':
    case 'keychain_error':
      return EXIT.noKeychain;
    case 'agent_unavailable':
    case 'busy':
      return EXIT.agent;
    default:
      return EXIT.error;
  }
}
