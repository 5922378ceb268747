/**
 * Comparing a secret someone sent with the one expected, in time that depends on neither: an early
 * exit at the first differing character would tell an attacker how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Equal-time string comparison that does not leak the length either: both sides are hashed first
 * (SHA-256 of their UTF-8 bytes), and equal digests mean equal strings (no collision is known).
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
