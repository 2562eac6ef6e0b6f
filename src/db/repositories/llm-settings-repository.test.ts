import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aesSealer } from '../../../test/support/aes-sealer.js';
import { openDatabase, type Database } from '../open-database.js';
import { getLlmConfig, getLlmSettings, LLM_SETTING_KEY, setLlmConfig } from './llm-settings-repository.js';

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
