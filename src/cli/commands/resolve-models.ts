import { UserFacingError } from '../../core/errors.js';
import type { CliContext } from '../cli-context.js';

/** Preference order when the user names no model: the best installed English model first. */
const DEFAULT_MODEL_ORDER = ['large-v3-turbo', 'medium.en', 'small.en', 'base.en', 'tiny.en', 'large-v3', 'medium', 'small', 'base', 'tiny'];
const DEFAULT_VAD = 'silero-v6.2.0';

export async function resolveTranscriptionModels(
  ctx: CliContext,
  opts: { model?: string; vad?: string | false },
): Promise<{ modelPath: string; vadModelPath: string | null }> {
  const wanted = opts.model ?? process.env.DEBRIEF_MODEL;
  let modelPath: string | undefined;
  if (wanted) {
    modelPath = await ctx.models.resolve(wanted);
  } else {
    for (const name of DEFAULT_MODEL_ORDER) {
      modelPath = await ctx.models.resolve(name).catch(() => undefined);
      if (modelPath) break;
    }
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
    vadModelPath = vad ? await ctx.models.resolve(vad) : ((await ctx.models.resolve(DEFAULT_VAD).catch(() => null)) ?? null);
  }
  return { modelPath, vadModelPath };
}
