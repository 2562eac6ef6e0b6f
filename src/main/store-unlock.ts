import { UserFacingError } from '../core/errors.js';
import { storeKeyFor } from '../core/privacy/store-key.js';
import { osSecretSealer } from './os-secret-sealer.js';

/**
 * The install key for the app: sealed by the OS key store (made on first start). Where the OS has no
 * key store a passphrase is needed (DEBRIEF_PASSPHRASE for now); without one the store stays as it
 * is and `warning` says so, rather than the key being kept in the clear.
 */
export async function unlockAppStore(home: string): Promise<{ key?: Buffer; warning?: string }> {
  try {
    return { key: await storeKeyFor(home, { sealer: osSecretSealer(), passphrase: process.env.DEBRIEF_PASSPHRASE || undefined, create: true }) };
  } catch (error) {
    if (error instanceof UserFacingError && error.code === 'passphrase-needed') return { warning: error.message };
    throw error;
  }
}
