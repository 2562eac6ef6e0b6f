// The cost of encryption at rest, each side measured in this run with the same work:
// - store: insert and query throughput, plain SQLite vs SQLite3 Multiple Ciphers (ChaCha20-Poly1305);
// - audio writer: CPU per recorded hour through the recorder's TrackFile (two 48 kHz tracks, PCM16
//   conversion, one durable batch a second), plain WAV vs AES-256-GCM records. Goal: each within 1.3x.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChunkPool } from '../src/core/capture/chunk-pool.js';
import { TrackFile } from '../src/core/capture/track-file.js';
import { createSessionWithTranscript, getSession, openDatabase, searchSegments, STORE_CIPHER, type Database } from '../src/db/index.js';
import { median, printMetric } from './support/metrics.js';

const SESSIONS = 20;
const SEGMENTS_PER_SESSION = 500;
const QUERIES = 300;
const ROUNDS = 3;
const RATE = 48000;
const WRITER_SECONDS = 1800; // half an hour per side, reported per hour
// The writer's CPU is small next to the machine's noise: more rounds than the store needs.
const WRITER_ROUNDS = 5;
const CHUNK_BYTES = 64 * 1024; // the recorder's pooled chunk
const WORDS = ['billing', 'migration', 'incident', 'postgres', 'rollout', 'customer', 'latency', 'ownership', 'trade-off', 'roadmap'];

function sentence(i: number): string {
  return `In answer ${i} I talked about ${WORDS[i % WORDS.length]} and ${WORDS[(i * 7) % WORDS.length]} on the ${WORDS[(i * 3) % WORDS.length]} project.`;
}

async function insertSessions(db: Database): Promise<string[]> {
  const ids: string[] = [];
  for (let s = 0; s < SESSIONS; s++) {
    ids.push(
      await createSessionWithTranscript(db, {
        title: `Interview ${s}`,
        kind: 'interview',
        source: 'import',
        durationSec: SEGMENTS_PER_SESSION * 5,
        tracks: [],
        segments: Array.from({ length: SEGMENTS_PER_SESSION }, (_, i) => ({ start: i * 5, end: i * 5 + 4, speaker: i % 2 ? 'Them' : 'You', text: sentence(i), words: [] })),
      }),
    );
  }
  return ids;
}

async function storeRound(root: string, round: number, key: Buffer | undefined): Promise<{ insertPerSec: number; queryPerSec: number; openMs: number }> {
  const file = path.join(root, `${key ? 'encrypted' : 'plain'}-${round}.sqlite`);
  const db = await openDatabase(file, { key });
  try {
    let start = performance.now();
    const ids = await insertSessions(db);
    const insertPerSec = (SESSIONS * SEGMENTS_PER_SESSION) / ((performance.now() - start) / 1000);
    start = performance.now();
    for (let q = 0; q < QUERIES; q++) {
      if (q % 3 === 0) await getSession(db, ids[q % ids.length]!);
      else await searchSegments(db, `${WORDS[q % WORDS.length]} ${WORDS[(q + 3) % WORDS.length]}`, { limit: 20 });
    }
    const queryPerSec = QUERIES / ((performance.now() - start) / 1000);
    await db.destroy();
    // Opening again: the cipher's key derivation (PBKDF2 in SQLite3MC) is paid here, once per start, never per query.
    start = performance.now();
    const reopened = await openDatabase(file, { key });
    await getSession(reopened, ids[0]!);
    const openMs = performance.now() - start;
    await reopened.destroy();
    return { insertPerSec, queryPerSec, openMs };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

async function store(root: string): Promise<void> {
  const key = randomBytes(32);
  const plain: { insertPerSec: number; queryPerSec: number; openMs: number }[] = [];
  const encrypted: typeof plain = [];
  // Alternated so both sides see the same machine load.
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await storeRound(root, round, undefined));
    encrypted.push(await storeRound(root, round, key));
  }
  const m = (xs: typeof plain, k: 'insertPerSec' | 'queryPerSec' | 'openMs') => median(xs.map((x) => x[k]));
  printMetric('encryption-store-options', `${SESSIONS} sessions x ${SEGMENTS_PER_SESSION} segments inserted, ${QUERIES} queries (2/3 full-text search, 1/3 whole session), WAL, synchronous=NORMAL, secure_delete on, cipher ${STORE_CIPHER}, median of ${ROUNDS} alternating rounds`);
  printMetric('encryption-store-insert-plain-segments-per-s', m(plain, 'insertPerSec'), 0);
  printMetric('encryption-store-insert-encrypted-segments-per-s', m(encrypted, 'insertPerSec'), 0);
  printMetric('encryption-store-insert-slowdown-x', m(plain, 'insertPerSec') / m(encrypted, 'insertPerSec'));
  printMetric('encryption-store-query-plain-per-s', m(plain, 'queryPerSec'), 0);
  printMetric('encryption-store-query-encrypted-per-s', m(encrypted, 'queryPerSec'), 0);
  printMetric('encryption-store-query-slowdown-x', m(plain, 'queryPerSec') / m(encrypted, 'queryPerSec'));
  printMetric('encryption-store-open-plain-ms', m(plain, 'openMs'), 1);
  printMetric('encryption-store-open-encrypted-ms', m(encrypted, 'openMs'), 1);
}

/**
 * The recorder's own per-flush path (TrackFile: Float32 to PCM16 into pooled chunks, one batch a
 * second written and fdatasynced; a plain WAV patches its header too), WRITER_SECONDS of two tracks.
 * Returns CPU ms (user, system) per recorded hour.
 */
async function writerCpuPerHour(root: string, key: Buffer | undefined): Promise<{ user: number; system: number }> {
  const tone = Float32Array.from({ length: RATE }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 220 * i) / RATE));
  const pool = new ChunkPool(CHUNK_BYTES);
  const dir = path.join(root, key ? 'encrypted' : 'plain');
  fs.mkdirSync(dir);
  const tracks = await Promise.all((['mic', 'system'] as const).map((id) => TrackFile.create(dir, { id, source: id, sampleRate: RATE, channels: 1 }, key)));
  const cpuStart = process.cpuUsage();
  for (let s = 0; s < WRITER_SECONDS; s++) {
    // Ten 100 ms deliveries a second, as the capture stream hands them over.
    for (let c = 0; c < 10; c++) for (const t of tracks) t.append(tone.subarray((c * RATE) / 10, ((c + 1) * RATE) / 10), pool);
    await Promise.all(
      tracks.map(async (t) => {
        const batch = t.takeBatch();
        await t.writeBatch(batch);
        for (const chunk of batch.chunks) pool.give(chunk);
      }),
    );
  }
  const cpu = process.cpuUsage(cpuStart);
  const errors = await Promise.all(tracks.map((t) => t.close()));
  if (errors.some((e) => e !== undefined)) throw errors.find((e) => e !== undefined);
  const perHour = (us: number) => us / 1000 / (WRITER_SECONDS / 3600);
  return { user: perHour(cpu.user), system: perHour(cpu.system) };
}

async function writer(root: string): Promise<void> {
  const key = randomBytes(32);
  const plain: { user: number; system: number }[] = [];
  const encrypted: typeof plain = [];
  for (let round = 0; round < WRITER_ROUNDS; round++) {
    const dir = path.join(root, `writer-${round}`);
    fs.mkdirSync(dir);
    plain.push(await writerCpuPerHour(dir, undefined));
    encrypted.push(await writerCpuPerHour(dir, key));
  }
  const total = (xs: typeof plain) => median(xs.map((x) => x.user + x.system));
  printMetric(
    'encryption-writer-options',
    `the recorder's TrackFile, 2 tracks x 48 kHz mono, ${WRITER_SECONDS} s per side, one fdatasynced batch per track per second; plain WAV (header patched each batch) vs one AES-256-GCM record per batch (ciphertext written with writev, no joining copies); median of ${WRITER_ROUNDS} alternating rounds`,
  );
  printMetric('encryption-writer-plain-cpu-ms-per-recorded-hour', total(plain), 0);
  printMetric('encryption-writer-encrypted-cpu-ms-per-recorded-hour', total(encrypted), 0);
  printMetric('encryption-writer-plain-user-cpu-ms-per-recorded-hour', median(plain.map((x) => x.user)), 0);
  printMetric('encryption-writer-encrypted-user-cpu-ms-per-recorded-hour', median(encrypted.map((x) => x.user)), 0);
  printMetric('encryption-writer-cpu-slowdown-x', total(encrypted) / total(plain));
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-encryption-'));
  try {
    await store(root);
    await writer(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
