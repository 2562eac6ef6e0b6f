import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainSealer } from '../../core/secrets/secret-sealer.js';
import { aesSealer } from '../../../test/support/aes-sealer.js';
import { openDatabase, type Database } from '../open-database.js';
import { getLlmConfig, getLlmSettings, LLM_SETTING_KEY, resealLegacyApiKey, setLlmConfig } from './llm-settings-repository.js';
import { setSetting } from './settings-repository.js';

let dir: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-llm-settings-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('language model endpoint setting', () => {
  it('is absent until set: there is no default endpoint', async () => {
    expect(await getLlmConfig(db)).toBeNull();
  });

  it('stores a validated endpoint with the default timeout, and forgets it', async () => {
    expect((await setLlmConfig(db, { baseURL: ' http://127.0.0.1:11434/v1 ', model: 'llama3.1:8b' }))?.config).toEqual({ baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b', timeoutMs: 20_000 });
    expect(await getLlmConfig(db)).toEqual({ baseURL: 'http://127.0.0.1:11434/v1', model: 'llama3.1:8b', timeoutMs: 20_000 });
    await setLlmConfig(db, null);
    expect(await getLlmConfig(db)).toBeNull();
  });

  it('refuses a bad endpoint, naming the field, and keeps the stored one', async () => {
    await setLlmConfig(db, { baseURL: 'https://api.example.test/v1', model: 'gpt-4o-mini', apiKey: 'sk-1' });
    await expect(setLlmConfig(db, { baseURL: 'file:///etc/passwd', model: 'm' })).rejects.toMatchObject({ code: 'llm-config-invalid', message: expect.stringContaining('baseURL') });
    await expect(setLlmConfig(db, { baseURL: 'http://127.0.0.1:1/v1', model: ' ' })).rejects.toMatchObject({ code: 'llm-config-invalid', message: expect.stringContaining('model') });
    await expect(setLlmConfig(db, { baseURL: '', model: 'm' })).rejects.toMatchObject({ code: 'llm-not-configured' });
    expect(await getLlmConfig(db)).toMatchObject({ baseURL: 'https://api.example.test/v1', apiKey: 'sk-1' });
  });

  it('keeps the API key sealed at rest, reads it back through the same key store, and says how it is kept', async () => {
    const stored = async () => (await db.selectFrom('settings').select('value').where('key', '=', LLM_SETTING_KEY).executeTakeFirstOrThrow()).value;
    const keyStore = aesSealer();
    const saved = await setLlmConfig(db, { baseURL: 'https://api.example.test/v1', model: 'gpt-4o-mini', apiKey: 'sk-secret-123' }, keyStore);
    expect(saved).toMatchObject({ apiKeyStorage: 'encrypted', config: { apiKey: 'sk-secret-123' } });
    expect(await stored()).not.toContain('sk-secret-123');
    expect(await getLlmSettings(db, keyStore)).toMatchObject({ apiKeyStorage: 'encrypted', config: { apiKey: 'sk-secret-123' } });
    // Another computer's key store can't open it: the endpoint stays, the key must be entered again.
    const elsewhere = await getLlmSettings(db, aesSealer());
    expect(elsewhere).toMatchObject({ apiKeyStorage: 'unreadable', config: { baseURL: 'https://api.example.test/v1' } });
    expect(elsewhere!.config.apiKey).toBeUndefined();
    // No key store at all (the default): kept in the clear, and the view says so.
    await setLlmConfig(db, { baseURL: 'https://api.example.test/v1', model: 'm', apiKey: 'sk-plain' });
    expect(await getLlmSettings(db)).toMatchObject({ apiKeyStorage: 'plain', config: { apiKey: 'sk-plain' } });
    await setLlmConfig(db, { baseURL: 'http://127.0.0.1:11434/v1', model: 'm' }, keyStore);
    expect(await getLlmSettings(db, keyStore)).toMatchObject({ apiKeyStorage: 'none' });
  });
});

describe('API keys saved before the keyed sealer', () => {
  const stored = async () => (await db.selectFrom('settings').select('value').where('key', '=', LLM_SETTING_KEY).executeTakeFirstOrThrow()).value;
  const endpoint = { baseURL: 'https://api.example.test/v1', model: 'gpt-4o-mini', timeoutMs: 20_000 };
  // The raw forms earlier versions wrote, set through the generic settings table as they were.
  const writeRaw = (value: Record<string, unknown>) => setSetting(db, LLM_SETTING_KEY, z.record(z.string(), z.unknown()), value);

  // Both sealers are real AES-256-GCM ciphers with keys of their own: the OS key store's and the backend's.
  it('moves a key sealed directly by the OS key store to the keyed sealer, once', async () => {
    const osKeyStore = aesSealer(); // main's safeStorage before the backend had its own key
    await writeRaw({ ...endpoint, sealedApiKey: { encrypted: true, value: osKeyStore.seal('sk-old-os-sealed'), origin: 'https://api.example.test' } });
    const backendSealer = aesSealer();
    const asked: string[] = [];
    const openLegacy = async (sealed: string) => (asked.push(sealed), osKeyStore.open(sealed));

    expect(await resealLegacyApiKey(db, backendSealer, openLegacy)).toBe('resealed');
    expect(asked).toHaveLength(1);
    expect(await stored()).not.toContain('sk-old-os-sealed');
    expect(await getLlmSettings(db, backendSealer)).toMatchObject({ apiKeyStorage: 'encrypted', config: { ...endpoint, apiKey: 'sk-old-os-sealed' } });
    // Already in today's form: left alone, main not asked again.
    const before = await stored();
    expect(await resealLegacyApiKey(db, backendSealer, openLegacy)).toBe('current');
    expect(asked).toHaveLength(1);
    expect(await stored()).toBe(before);
  });

  it('seals a key kept plain by 0.x (bound to its stored endpoint) or while no key store existed', async () => {
    const backendSealer = aesSealer();
    await writeRaw({ ...endpoint, apiKey: 'sk-plain-0x' });
    expect(await resealLegacyApiKey(db, backendSealer, async () => null)).toBe('resealed');
    expect(await stored()).not.toContain('sk-plain-0x');
    expect(JSON.parse(await stored())).toMatchObject({ sealedApiKey: { encrypted: true, origin: 'https://api.example.test' } });
    expect(await getLlmSettings(db, backendSealer)).toMatchObject({ apiKeyStorage: 'encrypted', config: { apiKey: 'sk-plain-0x' } });

    await writeRaw({ ...endpoint, sealedApiKey: { encrypted: false, value: 'sk-was-plain' } });
    expect(await resealLegacyApiKey(db, backendSealer, async () => null)).toBe('resealed');
    expect(await getLlmSettings(db, backendSealer)).toMatchObject({ apiKeyStorage: 'encrypted', config: { apiKey: 'sk-was-plain' } });
  });

  it('leaves a key nobody can open exactly as it was; Settings reports it unreadable and asks for it again', async () => {
    const elsewhere = aesSealer({ refuse: true }); // another account's keychain, or a locked one
    await writeRaw({ ...endpoint, sealedApiKey: { encrypted: true, value: aesSealer().seal('sk-unopenable') } });
    const before = await stored();
    const backendSealer = aesSealer();
    expect(await resealLegacyApiKey(db, backendSealer, async (sealed) => elsewhere.open(sealed))).toBe('unreadable');
    expect(await resealLegacyApiKey(db, backendSealer, async () => null)).toBe('unreadable');
    expect(await stored()).toBe(before);
    const settings = await getLlmSettings(db, backendSealer);
    expect(settings).toMatchObject({ apiKeyStorage: 'unreadable', config: endpoint });
    expect(settings!.config.apiKey).toBeUndefined();
  });

  it('does nothing without a key store to seal into, or without a saved endpoint', async () => {
    expect(await resealLegacyApiKey(db, aesSealer(), async () => 'never asked')).toBe('none');
    await writeRaw({ ...endpoint, apiKey: 'sk-plain-0x' });
    const before = await stored();
    expect(await resealLegacyApiKey(db, plainSealer, async () => null)).toBe('none');
    expect(await stored()).toBe(before);
  });
});
