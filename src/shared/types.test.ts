import { describe, expect, it } from 'vitest';
import { tokenState } from './types';

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
