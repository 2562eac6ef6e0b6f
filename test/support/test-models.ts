import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The model files the tests and benchmarks use (see ../shared/models/README.md). Real Whisper
// weights cannot be downloaded here: the weightless tiny.en runs the full graph and returns no text;
// the random-weight model has tiny.en's real compute cost and returns meaningless text.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedModels = process.env.DEBRIEF_SHARED_MODELS ?? path.resolve(root, '..', 'shared', 'models');
const sharedTools = path.resolve(sharedModels, '..', 'tools');

function mustExist(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`test model missing: ${file} (set DEBRIEF_SHARED_MODELS to the shared/models folder)`);
  return file;
}

export const weightlessModelPath = () => mustExist(path.join(sharedModels, 'for-tests-ggml-tiny.en.bin'));
export const sileroVadModelPath = () => mustExist(path.join(sharedModels, 'for-tests-silero-v6.2.0-ggml.bin'));

/** Writes the full-size random-weight tiny.en once into the git-ignored .cache (about 20 s). */
export function randomWeightModelPath(): string {
  const out = path.join(root, '.cache', 'models', 'random-tiny.en.bin');
  if (fs.existsSync(out)) return out;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.part`;
  const r = spawnSync(process.execPath, [mustExist(path.join(sharedTools, 'make-random-whisper-model.mjs')), weightlessModelPath(), tmp, '42'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not generate the random-weight model');
  fs.renameSync(tmp, out);
  return out;
}
