import { safeStorage } from 'electron';
import { plainSealer, type SecretSealer } from '../core/secrets/secret-sealer.js';

/**
 * Electron's safeStorage as a SecretSealer (call after app ready). On Linux without a secret service
 * safeStorage falls back to a hard-coded key ('basic_text'), which only looks encrypted: that counts
 * as no key store, so the user is told the key is stored in the clear.
 */
export function osSecretSealer(): SecretSealer {
  if (!safeStorage.isEncryptionAvailable()) return plainSealer;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return plainSealer;
  return {
    encrypts: true,
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
