import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Keys look like `cac_<43 base64url characters>` (256 random bits). */
export function generateApiKey(): string {
  return `cac_${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored: a leaked database does not leak usable keys. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares two keys in constant time (through their hashes, so lengths never leak). */
export function sameKey(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(hashApiKey(a), 'hex'), Buffer.from(hashApiKey(b), 'hex'));
}

export const KEY_PREFIX_LENGTH = 8;
