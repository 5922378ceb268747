import { describe, expect, it } from 'vitest';
import { apiTokenToHandOut, copyOffered, tokenState } from './types';

const NOW = 1_800_000_000_000;
const DAY = 86_400_000;
const WARN = 14 * DAY;

describe('tokenState', () => {
  it('tells fresh, expiring and expired apart with the user’s window for tokens that need a login', () => {
    const cc = (expiresAt: number | null) => ({ provider: 'clever-cloud' as const, status: 'ok' as const, expiresAt });
    expect(tokenState(cc(NOW + 30 * DAY), NOW, WARN)).toBe('fresh');
    expect(tokenState(cc(NOW + 3 * DAY), NOW, WARN)).toBe('expiring');
    expect(tokenState(cc(NOW - 1), NOW, WARN)).toBe('expired');
    expect(tokenState(cc(null), NOW, WARN)).toBe('fresh');
  });

  it('warns only in the last minutes for tokens that refresh themselves', () => {
    const s = (expiresAt: number) => ({ provider: 'saasus' as const, status: 'ok' as const, expiresAt });
    expect(tokenState(s(NOW + 3_600_000), NOW, WARN)).toBe('fresh');
    expect(tokenState(s(NOW + 60_000), NOW, WARN)).toBe('expiring');
    expect(tokenState(s(NOW + 60_000), NOW, 0)).toBe('fresh');
  });

  it('puts what main reports before the clock', () => {
    expect(tokenState({ provider: 'saasus', status: 'needs-login', expiresAt: NOW + DAY }, NOW, WARN)).toBe('needs-login');
    expect(tokenState({ provider: 'saasus', status: 'failed', expiresAt: NOW + DAY }, NOW, WARN)).toBe('failed');
    expect(tokenState({ provider: 'clever-cloud', status: 'recovered', expiresAt: null }, NOW, WARN)).toBe('unknown');
  });
});

describe('apiTokenToHandOut and copyOffered', () => {
  const held = (createdAt: number | null, expiresAt: number | null) => ({ createdAt, expiresAt });
  const scope = (heldApiTokens?: { createdAt: number | null; expiresAt: number | null }[]) => ({ scope: { via: null, rights: null, tenants: [], sessionEndsAt: null, ...(heldApiTokens ? { heldApiTokens } : {}) } });

  it('hands out the newest valid token, and the one valid long enough when asked for more', () => {
    const long = held(NOW - 2 * DAY, NOW + 30 * DAY);
    const short = held(NOW - DAY, NOW + DAY);
    const gone = held(NOW, NOW - 1);
    expect(apiTokenToHandOut([long, short, gone], NOW)).toBe(short);
    expect(apiTokenToHandOut([short, long, gone], NOW)).toBe(short);
    expect(apiTokenToHandOut([long, short], NOW, 2 * DAY)).toBe(long);
    expect(apiTokenToHandOut([long, short], NOW, 31 * DAY)).toBeUndefined();
    expect(apiTokenToHandOut([gone], NOW)).toBeUndefined();
    expect(apiTokenToHandOut([], NOW)).toBeUndefined();
    // Valid until the instant it expires, not at it (the bridge calls it EXPIRED then).
    expect(apiTokenToHandOut([held(NOW - DAY, NOW + 1)], NOW)).toBeDefined();
    expect(apiTokenToHandOut([held(NOW - DAY, NOW)], NOW)).toBeUndefined();
  });

  it('counts a token whose dates are not known as valid (main checks the value’s own dates)', () => {
    const unknown = held(null, null);
    expect(apiTokenToHandOut([unknown], NOW, 365 * DAY)).toBe(unknown);
    expect(apiTokenToHandOut([unknown, held(NOW - DAY, NOW + DAY)], NOW)?.expiresAt).toBe(NOW + DAY);
  });

  it('offers "Copy API token" only while a held token is valid; every other kind always', () => {
    expect(copyOffered(scope([held(NOW - DAY, NOW + DAY)]), 'api-token', NOW)).toBe(true);
    expect(copyOffered(scope([held(NOW - DAY, NOW + DAY)]), 'api-token', NOW + DAY)).toBe(false);
    expect(copyOffered(scope([]), 'api-token', NOW)).toBe(false);
    expect(copyOffered(scope(), 'api-token', NOW)).toBe(false);
    expect(copyOffered({}, 'api-token', NOW)).toBe(false);
    expect(copyOffered({}, 'authorization-header', NOW)).toBe(true);
    expect(copyOffered(scope([held(NOW - DAY, NOW - 1)]), 'env-lines', NOW)).toBe(true);
  });
});
