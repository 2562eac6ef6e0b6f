import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A temp folder removed when the process exits. */
export function tempDir(prefix = 'debrief-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function tool(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (fs.existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed (apt-get install ${name === 'sox' ? 'sox libsox-fmt-all' : name}); .ci/run installs it`);
}

export interface SpeechOptions {
  /** Output sample rate (default 16000). */
  rate?: number;
  channels?: number;
  /** Silence before and after the speech, seconds. */
  padSec?: number;
  voice?: string;
}

/** Synthesizes `text` with espeak-ng and shapes it with sox; returns the WAV path. */
export function speechWav(text: string, dir: string, name: string, opts: SpeechOptions = {}): string {
  const raw = path.join(dir, `${name}.espeak.wav`);
  const out = path.join(dir, `${name}.wav`);
  execFileSync(tool('espeak-ng'), ['-v', opts.voice ?? 'en-us', '-s', '160', '-w', raw, text]);
  const pad = opts.padSec ? ['pad', String(opts.padSec), String(opts.padSec)] : [];
  execFileSync(tool('sox'), [raw, '-r', String(opts.rate ?? 16000), '-c', String(opts.channels ?? 1), '-b', '16', out, ...pad]);
  return out;
}

/** 16 kHz mono float samples of any file sox reads. */
export function readPcm16k(file: string): Float32Array {
  const buf = execFileSync(tool('sox'), [file, '-r', '16000', '-c', '1', '-e', 'floating-point', '-b', '32', '-t', 'raw', '-'], {
    maxBuffer: 1 << 30,
  });
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4).slice();
}

export function durationOf(file: string): number {
  return Number(execFileSync(tool('soxi'), ['-D', file], { encoding: 'utf8' }).trim());
}
