import { hash, verify } from '@node-rs/argon2';

/** argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): memory-hard, and light enough for a small team server. */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  // Hash anyway when there is no stored password, so a missing account doesn't answer faster.
  if (!stored) {
    await hash(password, OPTIONS);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
