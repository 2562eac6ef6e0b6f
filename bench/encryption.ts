// The cost of encryption at rest, each side measured in this run with the same work:
// - store: insert and query throughput, plain SQLite vs SQLite3 Multiple Ciphers (ChaCha20-Poly1305);
// - audio writer: CPU per recorded hour (two 48 kHz tracks, PCM16 conversion, one durable batch a
//   second), plain appends vs AES-256-GCM records. Goal: each within 1.3x.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodePcm16Into } from '../src/core/capture/pcm16.js';
import { EncryptedAudioWriter } from '../src/core/privacy/encrypted-audio.js';
import { createSessionWithTranscript, getSession, openDatabase, searchSegments, STORE_CIPHER, type Database } from '../src/db/index.js';
import { median, printMetric } from './support/metrics.js';

const SESSIONS = 20;
const SEGMENTS_PER_SESSION = 500;
const QUERIES = 300;
const ROUNDS = 3;
const RATE = 48000;
const WRITER_SECONDS = 1800; // half an hour per side, reported per hour
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

async function storeRound(root: string, round: number, key: Buffer | undefined): Promise<{ insertPerSec: number; queryPerSec: number }> {
  const db = await openDatabase(path.join(root, `${key ? 'encrypted' : 'plain'}-${round}.sqlite`), { key });
  try {
    let start = performance.now();
    const ids = await insertSessions(db);
    const insertPerSec = (SESSIONS * SEGMENTS_PER_SESSION) / ((performance.now() - start) / 1000);
    start = performance.now();
    for (let q = 0; q < QUERIES; q++) {
      if (q % 3 === 0) await getSession(db, ids[q % ids.length]!);
      else await searchSegments(db, `${WORDS[q % WORDS.length]} ${WORDS[(q + 3) % WORDS.length]}`, { limit: 20 });
    }
    return { insertPerSec, queryPerSec: QUERIES / ((performance.now() - start) / 1000) };
  } finally {
    await db.destroy();
  }
}

async function store(root: string): Promise<void> {
  const key = randomBytes(32);
  const plain: { insertPerSec: number; queryPerSec: number }[] = [];
  const encrypted: typeof plain = [];
  // Alternated so both sides see the same machine load.
  for (let round = 0; round < ROUNDS; round++) {
    plain.push(await storeRound(root, round, undefined));
    encrypted.push(await storeRound(root, round, key));
  }
  const m = (xs: typeof plain, k: 'insertPerSec' | 'queryPerSec') => median(xs.map((x) => x[k]));
  printMetric('encryption-store-options', `${SESSIONS} sessions x ${SEGMENTS_PER_SESSION} segments inserted, ${QUERIES} queries (2/3 full-text search, 1/3 whole session), WAL, synchronous=NORMAL, secure_delete on, cipher ${STORE_CIPHER}, median of ${ROUNDS} alternating rounds`);
  printMetric('encryption-store-insert-plain-segments-per-s', m(plain, 'insertPerSec'), 0);
  printMetric('encryption-store-insert-encrypted-segments-per-s', m(encrypted, 'insertPerSec'), 0);
  printMetric('encryption-store-insert-slowdown-x', m(plain, 'insertPerSec') / m(encrypted, 'insertPerSec'));
  printMetric('encryption-store-query-plain-per-s', m(plain, 'queryPerSec'), 0);
  printMetric('encryption-store-query-encrypted-per-s', m(encrypted, 'queryPerSec'), 0);
  printMetric('encryption-store-query-slowdown-x', m(plain, 'queryPerSec') / m(encrypted, 'queryPerSec'));
}

/** Writes WRITER_SECONDS of two tracks a second at a time; returns CPU ms per recorded hour. */
async function writerCpuPerHour(root: string, encrypt: boolean): Promise<number> {
  const key = randomBytes(32);
  const tone = Float32Array.from({ length: RATE }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 220 * i) / RATE));
  const tracks = await Promise.all(
    ['mic', 'system'].map(async (id) => {
      const file = path.join(root, `${id}-${encrypt ? 'enc' : 'plain'}.audio`);
      if (encrypt) {
        const writer = await EncryptedAudioWriter.create(file, key, { sampleRate: RATE, channels: 1 });
        return { append: (b: Buffer) => writer.append(b), close: () => writer.close() };
      }
      const fh = await fs.promises.open(file, 'wx');
      let offset = 0;
      return {
        append: async (b: Buffer) => {
          await fh.write(b, 0, b.length, offset);
          offset += b.length;
          await fh.datasync();
        },
        close: () => fh.close(),
      };
    }),
  );
  const batch = Buffer.alloc(RATE * 2);
  const cpuStart = process.cpuUsage();
  for (let s = 0; s < WRITER_SECONDS; s++) {
    await Promise.all(
      tracks.map((t) => {
        encodePcm16Into(tone, batch, 0);
        return t.append(Buffer.from(batch));
      }),
    );
  }
  const cpu = process.cpuUsage(cpuStart);
  await Promise.all(tracks.map((t) => t.close()));
  return (cpu.user + cpu.system) / 1000 / (WRITER_SECONDS / 3600);
}

async function writer(root: string): Promise<void> {
  const plain: number[] = [];
  const encrypted: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dir = path.join(root, `writer-${round}`);
    fs.mkdirSync(dir);
    plain.push(await writerCpuPerHour(dir, false));
    encrypted.push(await writerCpuPerHour(dir, true));
  }
  printMetric('encryption-writer-options', `2 tracks x 48 kHz mono PCM16, ${WRITER_SECONDS} s per side, one fdatasynced batch per track per second, AES-256-GCM records vs plain appends, median of ${ROUNDS} alternating rounds`);
  printMetric('encryption-writer-plain-cpu-ms-per-recorded-hour', median(plain), 0);
  printMetric('encryption-writer-encrypted-cpu-ms-per-recorded-hour', median(encrypted), 0);
  printMetric('encryption-writer-cpu-slowdown-x', median(encrypted) / median(plain));
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
