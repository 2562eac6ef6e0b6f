import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { aesSealer as keyStore } from '../../../test/support/aes-sealer.js';
import { plainSealer } from '../secrets/secret-sealer.js';
import { readKeyEnvelope, storeKeyFor, storeKeyPath, unlockStoreKey } from './store-key.js';

const home = () => fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-key-'));
const codeOf = (e: unknown) => (e instanceof UserFacingError ? e.code : String(e));

describe('the install key', () => {
  it('is sealed by the key store and never written in the clear', async () => {
    const dir = home();
    const sealer = keyStore();
    const key = (await storeKeyFor(dir, { sealer, create: true }))!;
    expect(key).toHaveLength(32);
    const text = fs.readFileSync(storeKeyPath(dir), 'utf8');
    expect(text).not.toContain(key.toString('hex'));
    expect(text).not.toContain(key.toString('base64'));
    expect((await storeKeyFor(dir, { sealer, create: true }))!.equals(key)).toBe(true);
  });

  it('without a key store asks for a passphrase instead of storing the key in the clear', async () => {
    const dir = home();
    const asked = await storeKeyFor(dir, { sealer: plainSealer, create: true }).catch(codeOf);
    expect(asked).toBe('passphrase-needed');
    expect(fs.existsSync(storeKeyPath(dir))).toBe(false);
    // Callers that may stay in the clear (the CLI without a passphrase) get no key and no file.
    expect(await storeKeyFor(dir, { sealer: plainSealer, create: false })).toBeUndefined();

    const key = (await storeKeyFor(dir, { sealer: plainSealer, passphrase: 'correct horse', create: true }))!;
    expect((await storeKeyFor(dir, { sealer: plainSealer, passphrase: 'correct horse', create: false }))!.equals(key)).toBe(true);
  });

  it('says so on a wrong passphrase and changes nothing', async () => {
    const dir = home();
    await storeKeyFor(dir, { sealer: plainSealer, passphrase: 'correct horse', create: true });
    const before = fs.readFileSync(storeKeyPath(dir));
    const wrong = await storeKeyFor(dir, { sealer: plainSealer, passphrase: 'battery staple', create: true }).catch((e: unknown) => e);
    expect(codeOf(wrong)).toBe('wrong-passphrase');
    expect((wrong as Error).message).toBe('That passphrase is not the one this data was locked with. Nothing was changed; try again.');
    expect(fs.readFileSync(storeKeyPath(dir)).equals(before)).toBe(true);
  });

  it('when the key store refuses, says so, and falls back to the passphrase where there is one', async () => {
    const dir = home();
    const sealer = keyStore();
    const key = (await storeKeyFor(dir, { sealer, passphrase: 'correct horse', create: true }))!;
    const refusing = { ...sealer, open: keyStore({ refuse: true }).open };
    const envelope = readKeyEnvelope(storeKeyPath(dir))!;
    const asked = await unlockStoreKey(envelope, { sealer: refusing }).catch((e: unknown) => e);
    expect(codeOf(asked)).toBe('passphrase-needed');
    expect((asked as Error).message).toMatch(/key store refused .* Enter your passphrase/);
    expect((await unlockStoreKey(envelope, { sealer: refusing, passphrase: 'correct horse' })).equals(key)).toBe(true);

    const sealedOnly = home();
    await storeKeyFor(sealedOnly, { sealer, create: true });
    const refused = await unlockStoreKey(readKeyEnvelope(storeKeyPath(sealedOnly))!, { sealer: refusing }).catch(codeOf);
    expect(refused).toBe('key-store-refused');
  });

  it('calls a damaged key file damaged', async () => {
    const dir = home();
    fs.writeFileSync(storeKeyPath(dir), '{"version": 1, "sealed": 5}');
    expect(await storeKeyFor(dir, { sealer: plainSealer, create: true }).catch(codeOf)).toBe('store-key-damaged');
  });
});
