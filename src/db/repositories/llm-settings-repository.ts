import { z } from 'zod';
import { llmConfigSchema, parseLlmConfig, sameKeyOrigin, type LlmConfig, type LlmConfigInput } from '../../core/llm/llm-config.js';
import { plainSealer, type SecretSealer } from '../../core/secrets/secret-sealer.js';
import type { Database } from '../open-database.js';
import { deleteSetting, getSetting, setSetting } from './settings-repository.js';

/**
 * The language-model endpoint the user configured for drafting and mapping help. Absent means
 * "never send anything anywhere": there is no default endpoint. The API key is sealed by the OS key
 * store where there is one (see SecretSealer) and never returned to the renderer.
 */
export const LLM_SETTING_KEY = 'llm.endpoint';

/** How the key is kept: `encrypted` by the OS key store, `plain` where none exists, `unreadable` when sealed elsewhere. */
export type ApiKeyStorage = 'none' | 'encrypted' | 'plain' | 'unreadable';

const storedSchema = llmConfigSchema.omit({ apiKey: true }).extend({
  /** Written before keys were sealed: a plain key. */
  apiKey: z.string().min(1).optional(),
  /** `origin`: where the key may be sent (0.x stores lack it: bound to the stored baseURL). */
  sealedApiKey: z.strictObject({ encrypted: z.boolean(), value: z.string().min(1), origin: z.string().optional() }).optional(),
});

export interface LlmSettings {
  config: LlmConfig;
  apiKeyStorage: ApiKeyStorage;
}

export async function getLlmSettings(db: Database, sealer: SecretSealer = plainSealer): Promise<LlmSettings | null> {
  const stored = await getSetting(db, LLM_SETTING_KEY, storedSchema);
  if (!stored) return null;
  const { sealedApiKey, apiKey: legacyKey, ...rest } = stored;
  if (legacyKey) return { config: { ...rest, apiKey: legacyKey }, apiKeyStorage: 'plain' };
  // A key given for another origin is never used here, whatever wrote the setting.
  if (!sealedApiKey || (sealedApiKey.origin !== undefined && !sameKeyOrigin(sealedApiKey.origin, rest.baseURL))) return { config: rest, apiKeyStorage: 'none' };
  if (!sealedApiKey.encrypted) return { config: { ...rest, apiKey: sealedApiKey.value }, apiKeyStorage: 'plain' };
  try {
    if (!sealer.encrypts) throw new Error('no key store');
    return { config: { ...rest, apiKey: sealer.open(sealedApiKey.value) }, apiKeyStorage: 'encrypted' };
  } catch {
    // Sealed by another computer's or account's key store: the endpoint still works without a key.
    return { config: rest, apiKeyStorage: 'unreadable' };
  }
}

export async function getLlmConfig(db: Database, sealer: SecretSealer = plainSealer): Promise<LlmConfig | null> {
  return (await getLlmSettings(db, sealer))?.config ?? null;
}

/** Validates (a UserFacingError names the bad field) and stores the endpoint, its key sealed; null forgets it. */
export async function setLlmConfig(db: Database, config: LlmConfigInput | null, sealer: SecretSealer = plainSealer): Promise<LlmSettings | null> {
  if (config === null) {
    await deleteSetting(db, LLM_SETTING_KEY);
    return null;
  }
  const { apiKey, ...rest } = parseLlmConfig(config);
  const sealedApiKey = apiKey === undefined ? undefined : { encrypted: sealer.encrypts, value: sealer.seal(apiKey), origin: new URL(rest.baseURL).origin };
  await setSetting(db, LLM_SETTING_KEY, storedSchema, { ...rest, ...(sealedApiKey ? { sealedApiKey } : {}) });
  return { config: { ...rest, ...(apiKey !== undefined ? { apiKey } : {}) }, apiKeyStorage: apiKey === undefined ? 'none' : sealer.encrypts ? 'encrypted' : 'plain' };
}

/** Opens a key sealed by the OS key store itself (in main, where safeStorage lives); null when it cannot. */
export type LegacySecretOpener = (sealed: string) => Promise<string | null>;

/** What `resealLegacyApiKey` found: nothing stored, already in today's form, moved to it, or left as it was because it could not be read. */
export type ResealOutcome = 'none' | 'current' | 'resealed' | 'unreadable';

/**
 * Moves an API key stored in an older form to today's sealer, once, at start: a key sealed directly
 * by the OS key store (before the backend process got its own key) or kept plain (before keys were
 * sealed, or while no key store existed). The new form is written in one statement only after the
 * key was opened, so nothing is lost; a key nobody can open is left exactly as it was, and Settings
 * reports it as unreadable, asking for it again.
 */
export async function resealLegacyApiKey(db: Database, sealer: SecretSealer, openLegacy: LegacySecretOpener): Promise<ResealOutcome> {
  const stored = await getSetting(db, LLM_SETTING_KEY, storedSchema);
  if (!stored || !sealer.encrypts) return 'none';
  const { sealedApiKey, apiKey: legacyKey, ...rest } = stored;
  const write = (plain: string, origin: string | undefined) =>
    setSetting(db, LLM_SETTING_KEY, storedSchema, { ...rest, sealedApiKey: { encrypted: true, value: sealer.seal(plain), ...(origin !== undefined ? { origin } : {}) } });
  if (legacyKey) {
    // 0.x kept the key for the stored baseURL: bind it to that origin.
    await write(legacyKey, new URL(rest.baseURL).origin);
    return 'resealed';
  }
  if (!sealedApiKey) return 'none';
  if (!sealedApiKey.encrypted) {
    await write(sealedApiKey.value, sealedApiKey.origin);
    return 'resealed';
  }
  try {
    sealer.open(sealedApiKey.value);
    return 'current';
  } catch {
    // Not ours: sealed by the OS key store before the keyed sealer existed (or by another computer's).
  }
  const plain = await openLegacy(sealedApiKey.value).catch(() => null);
  if (!plain) return 'unreadable';
  await write(plain, sealedApiKey.origin);
  return 'resealed';
}
