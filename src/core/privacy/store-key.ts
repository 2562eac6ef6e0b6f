import { createCipheriv, createDecipheriv, randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import type { SecretSealer } from '../secrets/secret-sealer.js';

/**
 * The install's data key (32 random bytes) that encrypts the store and the audio. It is never
 * written in the clear: `store-key.json` holds it sealed by the OS key store and/or wrapped with a
 * key derived from the user's passphrase (scrypt + AES-256-GCM, so a wrong passphrase is detected
 * rather than yielding a wrong key). Where no OS key store exists a passphrase is required.
 */

export const STORE_KEY_FILE = 'store-key.json';
export const storeKeyPath = (home: string) => path.join(home, STORE_KEY_FILE);

const KEY_BYTES = 32;
// ~32 MiB and ~0.1 s per unlock: cheap once per start, costly for guessing.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const envelopeSchema = z.object({
  version: z.literal(1),
  sealed: z.string().min(1).optional(),
  passphrase: z
    .object({ salt: base64, iv: base64, tag: base64, wrapped: base64, n: z.number().int(), r: z.number().int(), p: z.number().int() })
    .optional(),
});
export type KeyEnvelope = z.infer<typeof envelopeSchema>;

export interface KeyUnlockOptions {
  /** The OS key store (Electron safeStorage in the app); `plainSealer` where there is none. */
  sealer: SecretSealer;
  /** Asked of the user where the key store is missing or refuses. */
  passphrase?: string;
}

export function readKeyEnvelope(file: string): KeyEnvelope | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserFacingError(`The store key file ${file} is damaged; without it the encrypted data cannot be read.`, 'store-key-damaged');
  }
  return parsed.data;
}

/** Makes the install's key and writes its envelope durably (before any data is encrypted with it). */
export async function createStoreKey(file: string, options: KeyUnlockOptions): Promise<Buffer> {
  if (!options.sealer.encrypts && !options.passphrase) {
    throw new UserFacingError(
      'This computer has no OS key store to keep the encryption key. Choose a passphrase; it is asked for each time Debrief starts.',
      'passphrase-needed',
    );
  }
  const key = randomBytes(KEY_BYTES);
  const envelope: KeyEnvelope = { version: 1 };
  if (options.sealer.encrypts) envelope.sealed = options.sealer.seal(key.toString('hex'));
  if (options.passphrase) envelope.passphrase = await wrapWithPassphrase(key, options.passphrase);
  writeFileDurably(file, `${JSON.stringify(envelope, null, 2)}\n`);
  return key;
}

/** The data key from its envelope: through the OS key store first, else the passphrase. */
export async function unlockStoreKey(envelope: KeyEnvelope, options: KeyUnlockOptions): Promise<Buffer> {
  let refused: unknown;
  if (envelope.sealed && options.sealer.encrypts) {
    try {
      const key = Buffer.from(options.sealer.open(envelope.sealed), 'hex');
      if (key.length === KEY_BYTES) return key;
      refused = new Error('the unsealed key has the wrong length');
    } catch (err) {
      refused = err;
    }
  }
  if (envelope.passphrase && options.passphrase) return unwrapWithPassphrase(envelope.passphrase, options.passphrase);
  if (envelope.passphrase) {
    throw new UserFacingError(
      refused ? 'The OS key store refused to unlock the encryption key. Enter your passphrase instead.' : 'Enter your passphrase to unlock your data.',
      'passphrase-needed',
      { cause: refused },
    );
  }
  if (envelope.sealed && !options.sealer.encrypts) {
    throw new UserFacingError(
      "Your data is locked with the Debrief app's OS key store, which this program cannot reach. Use the app, or add a passphrase to the key and give it here.",
      'key-store-unavailable',
    );
  }
  if (refused || envelope.sealed) {
    throw new UserFacingError(
      "The OS key store refused to unlock the encryption key (it may belong to another user account or computer). Your data is untouched; unlock the key store and start Debrief again.",
      'key-store-refused',
      { cause: refused },
    );
  }
  throw new UserFacingError('The store key file holds no usable key.', 'store-key-damaged');
}

/** Adds (or replaces) the passphrase slot, so the key also opens where the OS key store is not reachable (the CLI). */
export async function addPassphrase(file: string, envelope: KeyEnvelope, key: Buffer, passphrase: string): Promise<KeyEnvelope> {
  const next: KeyEnvelope = { ...envelope, passphrase: await wrapWithPassphrase(key, passphrase) };
  writeFileDurably(file, `${JSON.stringify(next, null, 2)}\n`);
  return next;
}

async function wrapWithPassphrase(key: Buffer, passphrase: string): Promise<NonNullable<KeyEnvelope['passphrase']>> {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const kek = await scrypt(passphrase, salt, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return {
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrapped: wrapped.toString('base64'),
    n: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
  };
}

async function unwrapWithPassphrase(slot: NonNullable<KeyEnvelope['passphrase']>, passphrase: string): Promise<Buffer> {
  const kek = await scrypt(passphrase, Buffer.from(slot.salt, 'base64'), { N: slot.n, r: slot.r, p: slot.p });
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
  try {
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'base64')), decipher.final()]);
  } catch (err) {
    throw new UserFacingError('That passphrase is not the one this data was locked with. Nothing was changed; try again.', 'wrong-passphrase', {
      cause: err,
    });
  }
}

function scrypt(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: SCRYPT.maxmem };
  return new Promise((resolve, reject) =>
    scryptCallback(passphrase.normalize('NFC'), salt, KEY_BYTES, options, (err, derived) => (err ? reject(err) : resolve(derived))),
  );
}

/** Temp file, fsync, rename, fsync the folder: a crash leaves the old file or the new one, whole. */
export function writeFileDurably(file: string, contents: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(temp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temp, file);
  syncFolder(path.dirname(file));
}

export function syncFolder(dir: string): void {
  if (process.platform === 'win32') return; // folders cannot be opened for fsync there
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The install's data key, or undefined where the store stays in the clear (no key yet and `create`
 * off, as for the CLI without a passphrase). `create` makes one on first use.
 */
export async function storeKeyFor(home: string, options: KeyUnlockOptions & { create: boolean }): Promise<Buffer | undefined> {
  const file = storeKeyPath(home);
  const envelope = readKeyEnvelope(file);
  if (envelope) return unlockStoreKey(envelope, options);
  if (!options.create) return undefined;
  return createStoreKey(file, options);
}
