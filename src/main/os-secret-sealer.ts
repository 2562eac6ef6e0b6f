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

/**
 * For the backend at start: opens an API key that safeStorage sealed directly, before the backend had
 * its keyed sealer. Null where there is no key store or it refuses (another account, a locked keychain).
 */
export async function openWithOsKeyStore(sealed: string): Promise<string | null> {
  const sealer = osSecretSealer();
  if (!sealer.encrypts) return null; // the plain sealer would hand back the sealed bytes as the key
  try {
    return sealer.open(sealed);
  } catch {
    return null;
  }
}
