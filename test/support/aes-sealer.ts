import { keyedSealer, newSecretKey } from '../../src/backend/keyed-sealer.js';
import type { SecretSealer } from '../../src/core/secrets/secret-sealer.js';

/**
 * A real cipher standing in for the OS key store (Electron's safeStorage): the backend's AES-256-GCM
 * sealer with its own random key. `refuse` makes opening fail, as a locked keychain or another user account does.
 */
export function aesSealer(options: { refuse?: boolean } = {}): SecretSealer {
  const sealer = keyedSealer(newSecretKey());
  return {
    ...sealer,
    open(sealed) {
      if (options.refuse) throw new Error('user denied access to the keychain');
      return sealer.open(sealed);
    },
  };
}
