/**
 * RS256 JWTs for the SaaSus emulator, with node:crypto only. The real service issues Cognito JWTs;
 * the emulator mints its own with a key pair generated at start, so nothing secret is checked in
 * and each run has fresh keys. Tessera only decodes these tokens (for display); the emulator
 * verifies them when they come back on `/userinfo`.
 */
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';

export interface JwtKeys {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export function generateJwtKeys(): JwtKeys {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey: createPublicKey(privateKey) };
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export function signJwt(keys: JwtKeys, claims: Readonly<Record<string, unknown>>): string {
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keys.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), keys.privateKey);
  return `${header}.${payload}.${b64url(signature)}`;
}

/** The claims of a token this emulator signed, or undefined for anything else (forged, altered, not a JWT). */
export function verifyJwt(keys: JwtKeys, token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const h = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown; kid?: unknown };
    if (h.alg !== 'RS256' || h.kid !== keys.kid) return undefined;
    if (!verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), keys.publicKey, Buffer.from(signature, 'base64url')))
      return undefined;
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
