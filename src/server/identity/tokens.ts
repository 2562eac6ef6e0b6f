import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Device tokens, invites, session ids and CSRF tokens: 256 random bits, base64url. Stored only as
 * SHA-256 (a slow hash buys nothing against 256-bit random input, and lookups stay indexable).
 */
export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A short random id for rows the server creates (users, devices, invites). */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('base64url')}`;
}
