import path from 'node:path';
import { fileURLToPath } from 'node:url';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'encode-in-child.ts');

export interface EncodeChildResult {
  cpuVariant: string;
  description: string;
  encodeMs: number[];
  /** Process CPU time (user + system, every thread) over each encode. */
  encodeCpuMs: number[];
}

/** Node arguments that run encode-in-child.ts: load MODEL in a fresh process, encode one 30-s window RUNS times. */
export function encodeInChildArgs(model: string, threads: number, runs: number): string[] {
  return ['--import', 'tsx', script, model, String(threads), String(runs)];
}

/** The addon and CPU variant a child uses; the rest of the environment is this process's. */
export function engineChildEnv(addon: string, cpuVariant?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DEBRIEF_WHISPER_ADDON: addon };
  if (cpuVariant) env.DEBRIEF_ENGINE_CPU_VARIANT = cpuVariant;
  else delete env.DEBRIEF_ENGINE_CPU_VARIANT;
  return env;
}

export function parseEncodeChild(stdout: string): EncodeChildResult {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as EncodeChildResult;
}

/** Where `node scripts/build-engine.mjs --dispatch` puts the engine built for distribution. */
export const dispatchedAddonPath = () => path.resolve(path.dirname(script), '..', '..', 'native', 'build-dispatch', 'bin', 'debrief_whisper.node');
