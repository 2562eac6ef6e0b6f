import { UserFacingError } from '../../errors.js';
import { DEFAULT_VAD_MODEL } from './model-catalog.js';
import type { ModelManager } from './model-manager.js';

/** Preference order when the user names no model: the best installed English model first. */
const DEFAULT_MODEL_ORDER = ['large-v3-turbo', 'medium.en', 'small.en', 'base.en', 'tiny.en', 'large-v3', 'medium', 'small', 'base', 'tiny'];

/** The model (and VAD model) to transcribe with: the one asked for, else the best installed. Shared by the CLI and the app. */
export async function resolveTranscriptionModels(
  models: Pick<ModelManager, 'resolve'> & Partial<Pick<ModelManager, 'list'>>,
  opts: { model?: string; vad?: string | false } = {},
): Promise<{ modelPath: string; vadModelPath: string | null }> {
  const wanted = opts.model ?? process.env.DEBRIEF_MODEL;
  let modelPath: string | undefined;
  if (wanted) {
    modelPath = await models.resolve(wanted);
  } else {
    for (const name of DEFAULT_MODEL_ORDER) {
      modelPath = await models.resolve(name).catch(() => undefined);
      if (modelPath) break;
    }
    // Anything else installed (a quantized or imported model) beats having none.
    modelPath ??= (await models.list?.())?.find((e) => e.status === 'installed' && e.kind === 'whisper')?.path;
  }
  if (!modelPath) {
    throw new UserFacingError(
      'No Whisper model is installed. Run "debrief models download base.en" (148 MB) or "debrief models import FILE", or pass --model PATH.',
      'model-missing',
    );
  }
  let vadModelPath: string | null = null;
  if (opts.vad !== false) {
    const vad = typeof opts.vad === 'string' ? opts.vad : (process.env.DEBRIEF_VAD_MODEL ?? undefined);
    // An explicit VAD model must exist; the default one is used only when installed.
    vadModelPath = vad ? await models.resolve(vad) : ((await models.resolve(DEFAULT_VAD_MODEL).catch(() => null)) ?? null);
  }
  return { modelPath, vadModelPath };
}
