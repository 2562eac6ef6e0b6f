import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { connectBackend, type BackendClient, type LegacySecretOpener } from '../../src/backend/backend-client.js';
import { newSecretKey } from '../../src/backend/keyed-sealer.js';
import { forkBackend } from '../../src/backend/node-backend-link.js';
import { databasePath } from '../../src/core/app-paths.js';
import { LLM_SETTING_KEY, openDatabase, setSetting } from '../../src/db/index.js';
import { aesSealer } from '../support/aes-sealer.js';
import { scratchDir } from '../capture/support/scratch-dir.js';

const endpoint = { baseURL: 'https://api.example.test/v1', model: 'gpt-4o-mini', timeoutMs: 20_000 };

/** A data folder whose store holds the LLM setting as an earlier version wrote it. */
async function homeWithSavedSetting(value: Record<string, unknown>): Promise<string> {
  const home = scratchDir('debrief-legacy-key-');
  const db = await openDatabase(databasePath(home));
  await setSetting(db, LLM_SETTING_KEY, z.record(z.string(), z.unknown()), value);
  await db.destroy();
  return home;
}

async function storedValue(home: string): Promise<string> {
  const db = await openDatabase(databasePath(home));
  try {
    return (await db.selectFrom('settings').select('value').where('key', '=', LLM_SETTING_KEY).executeTakeFirstOrThrow()).value;
  } finally {
    await db.destroy();
  }
}

// The backend process (a Node child here, a utilityProcess in the app) moves the key at start,
// asking main (here: this test, with a real cipher standing in for safeStorage) to open the old form.
describe('an API key saved before the keyed sealer, at backend start', () => {
  const running: { link: ReturnType<typeof forkBackend>; backend?: BackendClient }[] = [];
  afterEach(async () => {
    for (const { link, backend } of running.splice(0)) {
      await backend?.shutdown();
      link.kill();
    }
  });

  async function start(home: string, secretKey: string, openLegacy: LegacySecretOpener): Promise<BackendClient> {
    const entry: (typeof running)[number] = { link: forkBackend() };
    running.push(entry);
    entry.backend = await connectBackend(entry.link, { home, secretKey }, undefined, openLegacy);
    return entry.backend;
  }

  it('is opened by main once, re-sealed by the backend, and used from then on', { timeout: 90_000 }, async () => {
    const osKeyStore = aesSealer();
    const home = await homeWithSavedSetting({ ...endpoint, sealedApiKey: { encrypted: true, value: osKeyStore.seal('sk-from-before'), origin: 'https://api.example.test' } });
    const secretKey = newSecretKey();
    let asked = 0;
    const backend = await start(home, secretKey, async (sealed) => (asked++, osKeyStore.open(sealed)));
    expect(await backend.call('settings:getLlm', undefined)).toMatchObject({ ok: true, value: { ...endpoint, apiKeySet: true, apiKeyStorage: 'encrypted' } });
    expect(asked).toBe(1);
    await backend.shutdown();
    expect(await storedValue(home)).not.toContain('sk-from-before');

    // The next start reads it with the backend's key alone: main is not asked again.
    const again = await start(home, secretKey, async () => {
      asked++;
      return null;
    });
    expect(await again.call('settings:getLlm', undefined)).toMatchObject({ ok: true, value: { apiKeySet: true, apiKeyStorage: 'encrypted' } });
    expect(asked).toBe(1);
  });

  it('one main cannot open is kept as it was, and Settings asks for it again', { timeout: 90_000 }, async () => {
    const home = await homeWithSavedSetting({ ...endpoint, sealedApiKey: { encrypted: true, value: aesSealer().seal('sk-other-account') } });
    const before = await storedValue(home);
    const backend = await start(home, newSecretKey(), async () => null);
    expect(await backend.call('settings:getLlm', undefined)).toMatchObject({ ok: true, value: { ...endpoint, apiKeyStorage: 'unreadable' } });
    // The renderer shows 'unreadable' as "the stored API key was encrypted on another computer or account: enter it again".
    await backend.shutdown();
    expect(await storedValue(home)).toBe(before);
  });
});
