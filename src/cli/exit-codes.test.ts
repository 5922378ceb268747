import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/errors';
import { EXIT, exitCodeFor } from './exit-codes';

describe('exitCodeFor', () => {
  it('tells a needed login, a refusal, a missing keychain and an unreachable agent from other errors', () => {
    expect(exitCodeFor('needs_login')).toBe(EXIT.needsLogin);
    expect(exitCodeFor('changed_outside')).toBe(EXIT.needsLogin);
    expect(exitCodeFor('denied')).toBe(EXIT.denied);
    expect(exitCodeFor('keychain_unavailable')).toBe(EXIT.noKeychain);
    expect(exitCodeFor('agent_unavailable')).toBe(EXIT.agent);
    expect(exitCodeFor('ambiguous')).toBe(EXIT.usage);
    expect(exitCodeFor('not_found')).toBe(EXIT.usage);
    expect(exitCodeFor('network')).toBe(EXIT.error);
  });

  it('gives every error code an exit code from the documented set', () => {
    const documented = new Set<number>(Object.values(EXIT));
    for (const code of ERROR_CODES) expect(documented.has(exitCodeFor(code))).toBe(true);
  });
});
