import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { UserFacingError } from '../core/errors.js';
import type { SecretSealer } from '../core/secrets/secret-sealer.js';

const prefix = 'k1:';

/**
 * Seals secrets in the backend process, where Electron's safeStorage does not exist: AES-256-GCM
 * under a key that main keeps sealed by safeStorage (the OS key store) and hands over at start.
 */
export function keyedSealer(keyBase64: string): SecretSealer {
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  return {
    encrypts: true,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return prefix + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      const raw = sealed.startsWith(prefix) ? Buffer.from(sealed.slice(prefix.length), 'base64') : undefined;
      try {
        if (!raw || raw.length < 28) throw new Error('not sealed by this key');
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new UserFacingError('The saved API key was sealed on another computer or account; enter it again in Settings.', 'secret-unreadable', { cause: err });
      }
    },
  };
}

export const newSecretKey = (): string => randomBytes(32).toString('base64');
