import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretSealer } from '../../src/core/secrets/secret-sealer.js';

/**
 * A real cipher standing in for the OS key store (Electron's safeStorage): AES-256-GCM with its own
 * random key. `refuse` makes opening fail, as a locked keychain or another user account does.
 */
export function aesSealer(options: { refuse?: boolean } = {}): SecretSealer {
  const key = randomBytes(32);
  return {
    encrypts: true,
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open(sealed) {
      if (options.refuse) throw new Error('user denied access to the keychain');
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
