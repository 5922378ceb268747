import { describe, expect, it } from 'vitest';
import { ERROR_POLICY, errorRemedy, isProviderFailure } from './error-policy';
import { ERROR_CODES, type ErrorCode } from './errors';

describe('the error policy', () => {
  it('classifies every error code, and nothing else', () => {
    expect(Object.keys(ERROR_POLICY).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      const policy = ERROR_POLICY[code];
      expect(['retry', 'user', 'bug'], code).toContain(policy.remedy);
      // Whether the provider failed is said of every failure the user did not cause.
      if (policy.remedy !== 'user') expect(typeof policy.remote, code).toBe('boolean');
    }
  });

  it('a refresh refused by the provider, or a route changed outside Tessera, waits for the user; a transient failure is retried', () => {
    // What the background refresh stops on (src/main/refresh/) and a SaaSus refresh marks "needs login".
    const waitsForUser: ErrorCode[] = ['needs_login', 'unauthorized', 'invalid_configuration', 'code_expired', 'not_found', 'changed_outside'];
    for (const code of waitsForUser) expect(errorRemedy(code), code).toBe('user');
    // A locked keychain or a full disk must not stop an account for good: Tessera tries again.
    const retried: ErrorCode[] = ['network', 'timeout', 'http_error', 'response_too_large', 'cancelled', 'keychain_unavailable', 'keychain_error', 'metadata_error'];
    for (const code of retried) expect(errorRemedy(code), code).toBe('retry');
    for (const code of ['bad_response', 'internal', 'forbidden_sender', 'unknown_channel'] as const) expect(errorRemedy(code), code).toBe('bug');
  });

  it('calls a failure the provider’s only when it could not be reached or answered unusably, not when it refused the user', () => {
    expect(ERROR_CODES.filter(isProviderFailure).sort()).toEqual(['bad_response', 'http_error', 'network', 'response_too_large', 'timeout']);
    // The provider refused: the user must act, removing the account is not the answer to that.
    for (const code of ['unauthorized', 'needs_login', 'invalid_configuration', 'code_expired'] as const) expect(isProviderFailure(code), code).toBe(false);
    // On this computer, not at the provider.
    for (const code of ['keychain_unavailable', 'metadata_error', 'cancelled', 'changed_outside'] as const) expect(isProviderFailure(code), code).toBe(false);
  });
});
