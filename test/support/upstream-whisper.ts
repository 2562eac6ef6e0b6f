import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { randomWeightModelPath } from './test-models.js';

// whisper.cpp's own programs (whisper-cli, whisper-bench, whisper-quantize), built from the same
// source tree as Debrief's engine with whisper.cpp's default options: the yardstick the engine is
// measured against, and the quantize tool the quantized-model tests use. Built once into the
// git-ignored .cache (a few minutes on 2 cores) and reused while the source is unchanged.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cacheDir = path.join(root, '.cache', 'whisper-upstream');
const buildDir = path.join(cacheDir, 'build');
const TOOLS = ['whisper-cli', 'whisper-bench', 'whisper-quantize'] as const;

export interface UpstreamTools {
  sourceDir: string;
  cli: string;
  bench: string;
  quantize: string;
}

export function whisperSourceDir(): string {
  const pkg = createRequire(import.meta.url).resolve('nodejs-whisper/package.json');
  return path.join(path.dirname(pkg), 'cpp', 'whisper.cpp');
}

function sourceStamp(sourceDir: string): string {
  return createHash('sha1').update(fs.readFileSync(path.join(sourceDir, 'CMakeLists.txt'))).update(fs.readFileSync(path.join(sourceDir, 'src', 'whisper.cpp'))).digest('hex');
}

export function upstreamWhisperTools(): UpstreamTools {
  const sourceDir = whisperSourceDir();
  const bin = path.join(buildDir, 'bin');
  const tools = { sourceDir, cli: path.join(bin, 'whisper-cli'), bench: path.join(bin, 'whisper-bench'), quantize: path.join(bin, 'whisper-quantize') };
  const stampFile = path.join(cacheDir, 'stamp');
  const stamp = sourceStamp(sourceDir);
  const fresh = fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp;
  if (fresh && TOOLS.every((t) => fs.existsSync(path.join(bin, t)))) return tools;
  fs.mkdirSync(cacheDir, { recursive: true });
  const jobs = String(os.availableParallelism());
  const log = path.join(cacheDir, 'build.log');
  // Only CMAKE_BUILD_TYPE is set: everything else is whisper.cpp's default (GGML_NATIVE, shared libraries, flash attention).
  for (const args of [['-S', sourceDir, '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release'], ['--build', buildDir, '-j', jobs, '--target', ...TOOLS]]) {
    const r = spawnSync('cmake', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    fs.appendFileSync(log, `${r.stdout ?? ''}${r.stderr ?? ''}`);
    if (r.status !== 0) throw new Error(`building upstream whisper.cpp failed (see ${log}): ${(r.stderr || String(r.error)).split('\n').slice(-10).join('\n')}`);
  }
  fs.writeFileSync(stampFile, stamp);
  return tools;
}

export type QuantType = 'q5_1' | 'q8_0';

/** The random-weight tiny.en quantized by whisper.cpp's own tool, cached beside it. */
export function quantizedModelPath(type: QuantType): string {
  const source = randomWeightModelPath();
  const out = source.replace(/\.bin$/, `-${type}.bin`);
  if (fs.existsSync(out)) return out;
  const part = `${out}.part`;
  const r = spawnSync(upstreamWhisperTools().quantize, [source, part, type], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`whisper-quantize ${type} failed: ${(r.stderr || String(r.error)).split('\n').slice(-5).join('\n')}`);
  fs.renameSync(part, out);
  return out;
}
