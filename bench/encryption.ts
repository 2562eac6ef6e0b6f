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
// Query timing: both stores reopened and warmed, then many short blocks alternating plain and
// encrypted (ABBA), each block's time ratio taken, and the median ratio reported with its spread.
const QUERY_REPS = Math.max(4, Number(process.env.DEBRIEF_BENCH_ENCRYPTION_REPS) || 40);
const QUERY_BLOCK = 100;
const WARMUP_PASSES = 2;
const RATE = 48000;
const WRITER_SECONDS = 1800; // half an hour per side, reported per hour
// The writer's CPU is small next to the machine's noise: more rounds than the store needs.
const WRITER_ROUNDS = 12;
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

async function storeRound(root: string, round: number, key: Buffer | undefined): Promise<{ insertPerSec: number; openMs: number; file: string; ids: string[] }> {
  const file = path.join(root, `${key ? 'encrypted' : 'plain'}-${round}.sqlite`);
  const db = await openDatabase(file, { key });
  try {
    let start = performance.now();
    const ids = await insertSessions(db);
    const insertPerSec = (SESSIONS * SEGMENTS_PER_SESSION) / ((performance.now() - start) / 1000);
    await db.destroy();
    // Opening again: the cipher's key derivation (PBKDF2 in SQLite3MC) is paid here, once per start, never per query.
    start = performance.now();
    const reopened = await openDatabase(file, { key });
    await getSession(reopened, ids[0]!);
    const openMs = performance.now() - start;
    await reopened.destroy();
    return { insertPerSec, openMs, file, ids };
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
}

/** The query mix: 2/3 full-text searches, 1/3 whole sessions, starting at `from` so blocks differ. */
async function queries(db: Database, ids: readonly string[], from: number, count: number): Promise<void> {
  for (let q = from; q < from + count; q++) {
    if (q % 3 === 0) await getSession(db, ids[q % ids.length]!);
    else await searchSegments(db, `${WORDS[q % WORDS.length]} ${WORDS[(q + 3) % WORDS.length]}`, { limit: 20 });
  }
}

const quantile = (xs: readonly number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo]! + (sorted[Math.min(lo + 1, sorted.length - 1)]! - sorted[lo]!) * (at - lo);
};

/**
 * Query throughput on two stores built the same way, both reopened (SQLite's cache cold, the OS
 * cache holding both files, just written) and warmed by the same passes, then timed in short
 * blocks that alternate plain/encrypted in ABBA order, so drift in machine load falls on both.
 */
async function queryRatios(plainStore: { file: string; ids: string[] }, encryptedStore: { file: string; ids: string[] }, key: Buffer) {
  const plainDb = await openDatabase(plainStore.file);
  const encryptedDb = await openDatabase(encryptedStore.file, { key });
  try {
    for (let w = 0; w < WARMUP_PASSES; w++) {
      await queries(plainDb, plainStore.ids, 0, QUERIES);
      await queries(encryptedDb, encryptedStore.ids, 0, QUERIES);
    }
    // Wall time (the throughput) and this process's CPU time (the same work, blind to other processes' load).
    const cpu: { p: number; e: number }[] = [];
    let lastCpu = 0;
    const time = async (db: Database, ids: string[], from: number) => {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      await queries(db, ids, from, QUERY_BLOCK);
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      lastCpu = (used.user + used.system) / 1000;
      return wall;
    };
    const ratios: number[] = [];
    const plainPerSec: number[] = [];
    const encryptedPerSec: number[] = [];
    for (let rep = 0; rep < QUERY_REPS; rep++) {
      const from = (rep * QUERY_BLOCK) % QUERIES;
      let p: number;
      let e: number;
      const c = { p: 0, e: 0 };
      if (rep % 2 === 0) {
        p = await time(plainDb, plainStore.ids, from);
        c.p = lastCpu;
        e = await time(encryptedDb, encryptedStore.ids, from);
        c.e = lastCpu;
      } else {
        e = await time(encryptedDb, encryptedStore.ids, from);
        c.e = lastCpu;
        p = await time(plainDb, plainStore.ids, from);
        c.p = lastCpu;
      }
      cpu.push(c);
      ratios.push(e / p);
      plainPerSec.push(QUERY_BLOCK / (p / 1000));
      encryptedPerSec.push(QUERY_BLOCK / (e / 1000));
    }
    return { ratios, cpuRatios: cpu.map((x) => x.e / x.p), plainPerSec: median(plainPerSec), encryptedPerSec: median(encryptedPerSec) };
  } finally {
    await plainDb.destroy();
    await encryptedDb.destroy();
  }
}

async function store(root: string): Promise<void> {
  const key = randomBytes(32);
  const plain: { insertPerSec: number; openMs: number; file: string; ids: string[] }[] = [];
  const encrypted: typeof plain = [];
  // Alternated so both sides see the same machine load.
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await storeRound(root, round, undefined));
    encrypted.push(await storeRound(root, round, key));
  }
  const m = (xs: typeof plain, k: 'insertPerSec' | 'openMs') => median(xs.map((x) => x[k]));
  const q = await queryRatios(plain[0]!, encrypted[0]!, key);
  printMetric(
    'encryption-store-options',
    `${SESSIONS} sessions x ${SEGMENTS_PER_SESSION} segments inserted (median of ${ROUNDS} alternating rounds); queries (2/3 full-text search, 1/3 whole session) on both stores reopened and warmed by ${WARMUP_PASSES} passes of ${QUERIES}, then ${QUERY_REPS} blocks of ${QUERY_BLOCK} alternating ABBA, slowdown = median of per-block time ratios; WAL, synchronous=NORMAL, secure_delete on, cipher ${STORE_CIPHER}`,
  );
  printMetric('encryption-store-insert-plain-segments-per-s', m(plain, 'insertPerSec'), 0);
  printMetric('encryption-store-insert-encrypted-segments-per-s', m(encrypted, 'insertPerSec'), 0);
  printMetric('encryption-store-insert-slowdown-x', m(plain, 'insertPerSec') / m(encrypted, 'insertPerSec'));
  printMetric('encryption-store-query-plain-per-s', q.plainPerSec, 0);
  printMetric('encryption-store-query-encrypted-per-s', q.encryptedPerSec, 0);
  printMetric('encryption-store-query-slowdown-x', median(q.ratios));
  printMetric('encryption-store-query-slowdown-p10-x', quantile(q.ratios, 0.1));
  printMetric('encryption-store-query-slowdown-p90-x', quantile(q.ratios, 0.9));
  printMetric('encryption-store-query-slowdown-min-x', Math.min(...q.ratios));
  printMetric('encryption-store-query-slowdown-max-x', Math.max(...q.ratios));
  printMetric('encryption-store-query-cpu-slowdown-x', median(q.cpuRatios));
  printMetric('encryption-store-query-cpu-slowdown-p10-x', quantile(q.cpuRatios, 0.1));
  printMetric('encryption-store-query-cpu-slowdown-p90-x', quantile(q.cpuRatios, 0.9));
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
  fs.rmSync(dir, { recursive: true }); // 345 MB a side
  const perHour = (us: number) => us / 1000 / (WRITER_SECONDS / 3600);
  return { user: perHour(cpu.user), system: perHour(cpu.system) };
}

async function writer(root: string): Promise<void> {
  const key = randomBytes(32);
  const plain: { user: number; system: number }[] = [];
  const encrypted: typeof plain = [];
  const ratios: number[] = [];
  const total = (x: { user: number; system: number }) => x.user + x.system;
  for (let round = 0; round < WRITER_ROUNDS; round++) {
    const dir = path.join(root, `writer-${round}`);
    fs.mkdirSync(dir);
    // ABBA: odd rounds run the encrypted side first, so drift in load or disk falls on both sides.
    const first = round % 2 === 0 ? undefined : key;
    const a = await writerCpuPerHour(dir, first);
    const b = await writerCpuPerHour(dir, first ? undefined : key);
    const [p, e] = first ? [b, a] : [a, b];
    plain.push(p);
    encrypted.push(e);
    ratios.push(total(e) / total(p));
  }
  printMetric(
    'encryption-writer-options',
    `the recorder's TrackFile, 2 tracks x 48 kHz mono, ${WRITER_SECONDS} s per side, one fdatasynced batch per track per second; plain WAV (header patched each batch) vs one AES-256-GCM record per batch (ciphertext written with writev, no joining copies); ${WRITER_ROUNDS} rounds in ABBA order, the median of the rounds' ratios`,
  );
  printMetric('encryption-writer-plain-cpu-ms-per-recorded-hour', median(plain.map(total)), 0);
  printMetric('encryption-writer-encrypted-cpu-ms-per-recorded-hour', median(encrypted.map(total)), 0);
  printMetric('encryption-writer-plain-user-cpu-ms-per-recorded-hour', median(plain.map((x) => x.user)), 0);
  printMetric('encryption-writer-encrypted-user-cpu-ms-per-recorded-hour', median(encrypted.map((x) => x.user)), 0);
  printMetric('encryption-writer-cpu-slowdown-x', median(ratios));
  printMetric('encryption-writer-cpu-slowdown-p10-x', quantile(ratios, 0.1));
  printMetric('encryption-writer-cpu-slowdown-p90-x', quantile(ratios, 0.9));
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-encryption-'));
  try {
    const only = process.env.DEBRIEF_BENCH_ENCRYPTION_ONLY;
    if (only !== 'writer') await store(root);
    if (only !== 'store') await writer(root);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
