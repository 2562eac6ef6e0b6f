import { llmConfigSchema, parseLlmConfig, type LlmConfig, type LlmConfigInput } from '../../core/llm/llm-config.js';
import type { Database } from '../open-database.js';
import { deleteSetting, getSetting, setSetting } from './settings-repository.js';

/**
 * The language-model endpoint the user configured for drafting help. Absent means "never send
 * anything anywhere": there is no default endpoint. The API key is stored with the rest of the
 * settings in the local database and never returned to the renderer (see rubric-handlers).
 */
export const LLM_SETTING_KEY = 'llm.endpoint';

export async function getLlmConfig(db: Database): Promise<LlmConfig | null> {
  return (await getSetting(db, LLM_SETTING_KEY, llmConfigSchema)) ?? null;
}

/** Validates (a UserFacingError names the bad field) and stores the endpoint; null forgets it. */
export async function setLlmConfig(db: Database, config: LlmConfigInput | null): Promise<LlmConfig | null> {
  if (config === null) {
    await deleteSetting(db, LLM_SETTING_KEY);
    return null;
  }
  const checked = parseLlmConfig(config);
  await setSetting(db, LLM_SETTING_KEY, llmConfigSchema, checked);
  return checked;
}
