/**
 * TOTP (RFC 6238 over RFC 4226's HOTP) as the emulated API bridge checks a second factor: HMAC-SHA-1,
 * 30-second steps from the Unix epoch, 6 digits, secrets in RFC 4648 base32, and one step of
 * tolerance either side for clock drift (RFC 6238 section 5.2's recommendation). Test code uses
 * `totpCode` to type what an authenticator app would show. node:crypto only.
 */
import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './oauth1-verify';

const STEP_SECONDS = 30;
const DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (padding and spaces ignored, case-insensitive); throws on another character. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const index = ALPHABET.indexOf(ch);
    if (index < 0) throw new Error('Not base32.');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP of a raw key at a counter (dynamic truncation, `DIGITS` digits). */
export function hotp(key: Buffer, counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(binary % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** The code an authenticator shows at `atMs` for a base32 secret. */
export function totpCode(secret: string, atMs: number): string {
  return hotp(base32Decode(secret), Math.floor(atMs / 1000 / STEP_SECONDS));
}

/** True when `code` is the secret's code at `atMs`, or one step before or after. */
export function verifyTotp(secret: string, code: string, atMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const key = base32Decode(secret);
  const counter = Math.floor(atMs / 1000 / STEP_SECONDS);
  let ok = false;
  // Every candidate is compared (no early exit), in constant time.
  for (const c of [counter - 1, counter, counter + 1]) ok = constantTimeEqual(hotp(key, c), code) || ok;
  return ok;
}
