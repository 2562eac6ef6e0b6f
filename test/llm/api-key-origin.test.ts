import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getLlmConfig, LLM_SETTING_KEY, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { tempDir } from '../support/speech.js';

// The stored API key belongs to the origin it was entered for: through the contract, over a real store.
describe('language model API key bound to its origin', () => {
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);

  beforeAll(async () => {
    const dir = tempDir('debrief-key-origin-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  it('keeps the key for a new path on the same origin, forgets it (and says so) when the host changes', async () => {
    await call('settings:setLlm', { config: { baseURL: 'https://api.example.test/v1', model: 'm', apiKey: 'sk-secret' } });
    const samePlace = await call('settings:setLlm', { config: { baseURL: 'https://api.example.test/v2', model: 'm2' } });
    expect(samePlace).toMatchObject({ apiKeySet: true });
    expect(samePlace?.apiKeyCleared).toBeUndefined();
    expect((await getLlmConfig(db))?.apiKey).toBe('sk-secret');

    const moved = await call('settings:setLlm', { config: { baseURL: 'https://attacker.example.test/v1', model: 'm' } });
    expect(moved).toMatchObject({ apiKeySet: false, apiKeyCleared: true });
    expect((await getLlmConfig(db))?.apiKey).toBeUndefined();
    const stored = await db.selectFrom('settings').select('value').where('key', '=', LLM_SETTING_KEY).executeTakeFirstOrThrow();
    expect(stored.value).not.toContain('sk-secret');

    // A new key for the new host is kept, bound to it.
    expect(await call('settings:setLlm', { config: { baseURL: 'https://attacker.example.test/v1', model: 'm', apiKey: 'sk-new' } })).toMatchObject({ apiKeySet: true });
  });

  it('never reads a key back for a host it was not given for, even if the stored address is edited', async () => {
    await call('settings:setLlm', { config: { baseURL: 'https://api.example.test/v1', model: 'm', apiKey: 'sk-secret' } });
    const row = await db.selectFrom('settings').select('value').where('key', '=', LLM_SETTING_KEY).executeTakeFirstOrThrow();
    const edited = JSON.stringify({ ...JSON.parse(row.value), baseURL: 'https://elsewhere.example.test/v1' });
    await db.updateTable('settings').set({ value: edited }).where('key', '=', LLM_SETTING_KEY).execute();
    expect((await getLlmConfig(db))?.apiKey).toBeUndefined();
    expect(await call('settings:getLlm')).toMatchObject({ apiKeySet: false });
  });

  it('refuses plain http to another computer, in plain words, and allows it to this one', async () => {
    await expect(call('settings:setLlm', { config: { baseURL: 'http://llm.example.test/v1', model: 'm' } })).rejects.toMatchObject({
      code: 'llm-insecure-endpoint',
      message: expect.stringMatching(/^llm\.example\.test is reached over plain http.*use its https:\/\/ address/),
    });
    for (const local of ['http://127.0.0.1:11434/v1', 'http://localhost:8080/v1', 'http://[::1]:1234/v1']) {
      expect(await call('settings:setLlm', { config: { baseURL: local, model: 'm' } })).toMatchObject({ local: true });
    }
  });
});
