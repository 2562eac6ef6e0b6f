import fs from 'node:fs';
import { UserFacingError } from '../../errors.js';
import { loadNativeEngine, nativeAddonPath } from './native-engine.js';
import { loadPrebuiltEngine } from './prebuilt-engine.js';
import type { WhisperEngine } from './whisper-engine.js';

export type EnginePreference = 'auto' | 'native' | 'prebuilt';

let cached: Map<EnginePreference, WhisperEngine> | undefined;

/**
 * The whisper.cpp engine: the build tuned for this CPU when `npm install` could compile it,
 * else the prebuilt binary. DEBRIEF_ENGINE=native|prebuilt forces one.
 */
export function loadEngine(preference: EnginePreference = (process.env.DEBRIEF_ENGINE as EnginePreference) || 'auto'): WhisperEngine {
  cached ??= new Map();
  const hit = cached.get(preference);
  if (hit) return hit;
  let engine: WhisperEngine;
  if (preference === 'prebuilt') {
    engine = loadPrebuiltEngine();
  } else if (fs.existsSync(nativeAddonPath())) {
    engine = loadNativeEngine();
  } else if (preference === 'native') {
    throw new UserFacingError(
      `The native whisper.cpp engine is not built (${nativeAddonPath()} is missing). Run "npm run build:engine" (needs cmake and a C++ compiler).`,
      'engine-not-built',
    );
  } else {
    engine = loadPrebuiltEngine();
  }
  cached.set(preference, engine);
  return engine;
}
