import { z } from 'zod';
import { modelsDir } from '../../core/app-paths.js';
import { UserFacingError } from '../../core/errors.js';
import type { CatalogEntry } from '../../core/transcribe/models/model-catalog.js';
import { ModelDownloads } from '../../core/transcribe/models/model-downloads.js';
import { createModelManager, type ModelEntry } from '../../core/transcribe/models/model-manager.js';
import { resolveTranscriptionModels } from '../../core/transcribe/models/resolve-transcription-models.js';
import { deleteSetting, getSetting, setSetting, type Database } from '../../db/index.js';
import type { OutputOf } from '../../shared/ipc/contract.js';
import type { modelChannels } from '../../shared/ipc/model-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** The model first-time users are pointed to: good English accuracy at a size that downloads in minutes. */
export const RECOMMENDED_MODEL = 'base.en';
export const DEFAULT_MODEL_SETTING = 'transcription.defaultModel';
const defaultModelSchema = z.string().min(1);

/** The model chosen in Settings, if any: transcription (live and batch) uses it before the best installed one. */
export const readDefaultModel = (db: Database): Promise<string | undefined> => getSetting(db, DEFAULT_MODEL_SETTING, defaultModelSchema);

const HINTS: Record<NonNullable<CatalogEntry['sizeClass']>, string> = {
  tiny: 'Fastest, roughest',
  base: 'Fast, good for clear English',
  small: 'Balanced speed and accuracy',
  medium: 'Slow, accurate',
  large: 'Slowest, most accurate',
};

function hintFor(entry: ModelEntry): string {
  const size = entry.catalog?.sizeClass;
  if (!size) return 'Imported model';
  if (entry.name.includes('turbo')) return 'Accurate, faster than large';
  return HINTS[size] + (entry.catalog?.quantization ? ' (smaller, slightly less accurate)' : '');
}

export function createModelHandlers(deps: IpcHandlerDeps): HandlersFor<typeof modelChannels> {
  const { db, home } = deps;
  const manager = createModelManager({ modelsDir: modelsDir(home) });
  const downloads = new ModelDownloads(manager, { baseUrl: deps.modelDownloadBaseUrl });

  async function view(): Promise<OutputOf<'models:list'>> {
    const entries = (await manager.list()).filter((e) => e.kind !== 'vad' && e.catalog?.kind !== 'vad');
    const chosen = (await readDefaultModel(db)) ?? null;
    const inUse = await resolveTranscriptionModels(manager, { model: chosen ?? undefined, vad: false })
      .then(({ modelPath }) => entries.find((e) => e.path === modelPath)?.name ?? null)
      .catch(() => null);
    const recommended = entries.find((e) => e.name === RECOMMENDED_MODEL);
    return {
      models: entries.map((e) => ({
        name: e.name,
        bytes: e.bytes,
        languages: (e.catalog ? e.catalog.englishOnly : e.name.includes('.en')) ? 'english' : 'multilingual',
        quantization: e.catalog?.quantization ?? null,
        hint: hintFor(e),
        status: e.status,
        inCatalog: e.catalog !== null,
        recommended: e.name === RECOMMENDED_MODEL,
        isDefault: e.name === chosen,
      })),
      downloads: downloads.list(),
      inUse,
      recommended: { name: RECOMMENDED_MODEL, bytes: recommended?.bytes ?? null },
    };
  }

  return {
    'models:list': view,
    'models:download': async ({ name }) => {
      downloads.start(name);
      return view();
    },
    'models:pause': async ({ name }) => {
      downloads.pause(name);
      return view();
    },
    'models:cancel': async ({ name }) => {
      await downloads.cancel(name);
      return view();
    },
    'models:remove': async ({ name }) => {
      if (downloads.list().some((d) => d.name === name && d.state === 'downloading')) {
        throw new UserFacingError(`${name} is still downloading: cancel the download instead.`, 'model-download-in-progress');
      }
      await manager.remove(name);
      if ((await readDefaultModel(db)) === name) await deleteSetting(db, DEFAULT_MODEL_SETTING);
      return view();
    },
    'models:import': async ({ fileToken }) => {
      if (!deps.files) throw new UserFacingError('Choose the model file again.', 'file-choice-expired');
      const entry = await manager.importFile(deps.files.pathOf(fileToken));
      // An imported model is what the user wants to use: make it the default.
      await setSetting(db, DEFAULT_MODEL_SETTING, defaultModelSchema, entry.name);
      return view();
    },
    'models:setDefault': async ({ name }) => {
      if (name === null) {
        await deleteSetting(db, DEFAULT_MODEL_SETTING);
        return view();
      }
      const installed = (await manager.list()).some((e) => e.name === name && e.status === 'installed');
      if (!installed) throw new UserFacingError(`${name} is not installed yet: download it first.`, 'model-not-found');
      await setSetting(db, DEFAULT_MODEL_SETTING, defaultModelSchema, name);
      return view();
    },
  };
}
