/**
 * Keeps secrets (an LLM API key) encrypted at rest. In the app this is Electron's safeStorage, backed
 * by the OS key store (Keychain, DPAPI, libsecret or KWallet); core and the database only see sealed
 * strings. Where the OS has no key store the plain sealer is used and the user is told so.
 */
export interface SecretSealer {
  /** False where nothing encrypts: a sealed value is then the secret itself. */
  readonly encrypts: boolean;
  seal(plain: string): string;
  /** Throws when the value was sealed by another key store (another computer or user account). */
  open(sealed: string): string;
}

export const plainSealer: SecretSealer = {
  encrypts: false,
  seal: (plain) => plain,
  open: (sealed) => sealed,
};
