/**
 * A synthetic store of many interviews for the search benchmark: requisitions with a rubric,
 * candidates, interviews of `segmentsPerInterview` lines alternating interviewer and candidate,
 * and tagged moments. Written row by row through the store's own schema and triggers (the FTS
 * index and the speaker table are maintained exactly as in the app), a batch of interviews per
 * transaction, so memory stays flat whatever the size.
 *
 * Deterministic (seeded), so the benchmark's queries hit the same rows on every machine.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { migrations } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open-database.js';

export interface CorpusShape {
  interviews: number;
  segmentsPerInterview: number;
  /** Seconds per line: 45 minutes over 600 lines is 4.5 s. */
  secondsPerSegment: number;
}

export const requisitionTitles = [
  'Backend Engineer', 'Frontend Engineer', 'Data Engineer', 'Site Reliability Engineer', 'Engineering Manager',
  'Product Manager', 'Product Designer', 'Data Scientist', 'Security Engineer', 'Mobile Engineer',
  'QA Engineer', 'Solutions Architect', 'Technical Writer', 'Account Executive', 'Customer Success Manager',
  'Recruiter', 'Finance Analyst', 'People Partner', 'Marketing Manager', 'Support Engineer',
];
export const stages = ['Phone screen', 'Technical', 'System design', 'Onsite', 'Final'];
export const criterionTitles = ['System design', 'Coding', 'Communication', 'Ownership', 'Collaboration', 'Product sense'];
const interviewers = Array.from({ length: 30 }, (_, i) => `Interviewer ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? i : ''}`);
const firstNames = ['Ana', 'Ben', 'Chen', 'Dara', 'Eli', 'Femi', 'Gia', 'Hiro', 'Ines', 'Jon', 'Kemal', 'Lena', 'Mo', 'Nia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sami', 'Tara'];
const lastNames = ['Alvarez', 'Brandt', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Li', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quintero', 'Rossi', 'Silva', 'Tanaka'];

/** Interview talk: the common words of speech, then domain words, rarer the further down the list. */
const talk = (
  'i the and to a you that it of we so in is was like think yeah know what but on for this they have just with ' +
  'be do are my if can there about at one me really would how when were our them because then been more some ' +
  'team work people time project had also very which could out get things right well make where kind lot going ' +
  'actually into other back good first see want year now any did over something need build who us only those ' +
  'data system service users product customers code problem question approach design process change better ' +
  'experience company role working example decision test release feature support issue review performance ' +
  'database api latency scale deploy migration incident production monitoring architecture tradeoff priority ' +
  'stakeholder roadmap deadline budget feedback mentor conflict ownership hiring interview manager engineer ' +
  'frontend backend mobile cloud cache queue pipeline schema query index cluster kubernetes terraform python ' +
  'java golang rust typescript react postgres kafka redis graphql microservices observability onboarding'
).split(' ');

/** Phrases planted at known rates, so the phrase and spanning queries have something to find. */
export const plantedPhrases = ['system design', 'hiring manager', 'next steps', 'on call rotation', 'root cause analysis', 'notice period'];

/** mulberry32: small, fast, seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Zipf-like pick: index i with weight 1/(i+1). */
function zipfPicker(n: number, rand: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) cumulative.push((total += 1 / (i + 1)));
  return () => {
    const x = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Bump when generate() writes different rows for the same shape. */
const generatorVersion = 2;

/**
 * Whether a cached store can be brought up to date by the app's own migrations, as a user's store is:
 * the migrations it went through are the start of today's list (one appended since runs when the
 * bench opens it). An inserted, renamed or removed migration means a rebuild, never a stale cache.
 */
export function cachedStoreIsCurrent(applied: readonly string[], names: readonly string[] = migrations.map((m) => m.name)): boolean {
  return applied.length <= names.length && applied.every((name, i) => name === names[i]);
}

function appliedMigrations(file: string): string[] {
  const sqlite = new BetterSqlite3(file, { readonly: true });
  try {
    return (sqlite.prepare('select name from kysely_migration order by timestamp, name').all() as { name: string }[]).map((r) => r.name);
  } catch {
    return ['(unreadable)'];
  } finally {
    sqlite.close();
  }
}

/** The cached store for `shape`, generated first when missing or not current. Returns its path. */
export async function syntheticCorpus(cacheDir: string, shape: CorpusShape, log: (line: string) => void): Promise<string> {
  const file = path.join(cacheDir, `search-v${generatorVersion}-${shape.interviews}x${shape.segmentsPerInterview}.sqlite`);
  if (existsSync(file)) {
    if (cachedStoreIsCurrent(appliedMigrations(file))) return file;
    log(`# ${path.basename(file)} went through migrations that are not today's: building it again`);
    for (const stale of [file, `${file}-wal`, `${file}-shm`]) rmSync(stale, { force: true });
  }
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.partial`;
  for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });

  await (await openDatabase(partial)).destroy(); // the schema, through the app's migrations
  const sqlite = new BetterSqlite3(partial);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF'); // a crash only loses the .partial file, which is regenerated
  sqlite.pragma('foreign_keys = ON');
  // Random uuid keys land all over their indexes: a bigger page cache keeps generation from
  // going disk-bound past a few million rows (256 MB, not the rows themselves).
  sqlite.pragma('cache_size = -262144');
  try {
    generate(sqlite, shape, log);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
  renameSync(partial, file);
  return file;
}

function generate(sqlite: BetterSqlite3.Database, shape: CorpusShape, log: (line: string) => void): void {
  const rand = seededRandom(12);
  const word = zipfPicker(talk.length, rand);
  const ts = '2024-01-01T00:00:00.000Z';

  const criteria: { id: string; title: string }[][] = [];
  const insertRequisition = sqlite.prepare(`insert into requisitions (id, title, status, created_at, updated_at) values (?, ?, 'open', ?, ?)`);
  const insertRubric = sqlite.prepare(`insert into rubrics (id, requisition_id, title, created_at) values (?, ?, null, ?)`);
  const insertVersion = sqlite.prepare(`insert into rubric_versions (id, rubric_id, version, created_at, signed_off_by, signed_off_at) values (?, ?, 1, ?, 'Hiring manager', ?)`);
  const insertCriterion = sqlite.prepare(`insert into criteria (id, rubric_version_id, position, kind, title) values (?, ?, ?, 'must-have', ?)`);
  const requisitions: { id: string; versionId: string }[] = [];
  sqlite.transaction(() => {
    for (const title of requisitionTitles) {
      const id = uuidFrom(rand);
      const rubricId = uuidFrom(rand);
      const versionId = uuidFrom(rand);
      insertRequisition.run(id, title, ts, ts);
      insertRubric.run(rubricId, id, ts);
      insertVersion.run(versionId, rubricId, ts, ts);
      criteria.push(criterionTitles.map((c, position) => {
        const criterionId = uuidFrom(rand);
        insertCriterion.run(criterionId, versionId, position, c);
        return { id: criterionId, title: c };
      }));
      requisitions.push({ id, versionId });
    }
  })();

  const insertCandidate = sqlite.prepare(`insert into candidates (id, name, requisition_id, stage, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`);
  const insertSession = sqlite.prepare(
    `insert into sessions (id, kind, title, requisition_id, candidate_id, rubric_version_id, stage, started_at, duration_sec, status, source, interviewer, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'complete', 'recording', ?, ?, ?)`,
  );
  const insertSegment = sqlite.prepare(
    `insert into transcript_segments (id, session_id, track_id, position, speaker, start_sec, end_sec, text, words) values (?, ?, null, ?, ?, ?, ?, ?, '[]')`,
  );
  const insertMoment = sqlite.prepare(
    `insert into moments (id, session_id, start_sec, end_sec, criterion_id, rubric_version_id, author, origin, note, quote, status, created_at)
     values (?, ?, ?, ?, ?, ?, ?, 'manual', ?, ?, 'accepted', ?)`,
  );

  const sessionsPerCandidate = 4;
  const start = Date.parse('2024-01-01T09:00:00Z');
  // Spread over two years, oldest first, as a team's store would fill.
  const stepMs = (2 * 365 * 24 * 3600 * 1000) / shape.interviews;
  let candidate = { id: '', name: '', requisition: 0 };
  const batch = 50;

  const line = (words: number): string => {
    const out: string[] = [];
    for (let i = 0; i < words; i++) out.push(talk[word()]!);
    if (rand() < 0.02) out.splice(Math.floor(rand() * out.length), 0, plantedPhrases[Math.floor(rand() * plantedPhrases.length)]!);
    return out.join(' ');
  };

  for (let first = 0; first < shape.interviews; first += batch) {
    sqlite.transaction(() => {
      for (let n = first; n < Math.min(first + batch, shape.interviews); n++) {
        // One in ten is an intake call: no candidate, the hiring manager talking about the role.
        const intake = n % 10 === 9;
        if (!intake && n % sessionsPerCandidate === 0) {
          const name = `${firstNames[Math.floor(rand() * firstNames.length)]} ${lastNames[Math.floor(rand() * lastNames.length)]} ${n}`;
          candidate = { id: uuidFrom(rand), name, requisition: Math.floor(rand() * requisitions.length) };
          insertCandidate.run(candidate.id, name, requisitions[candidate.requisition]!.id, stages[Math.floor(rand() * stages.length)]!, ts, ts);
        }
        const requisitionIndex = intake ? Math.floor(rand() * requisitions.length) : candidate.requisition;
        const requisition = requisitions[requisitionIndex]!;
        const interviewer = interviewers[Math.floor(rand() * interviewers.length)]!;
        const other = intake ? 'Hiring manager' : candidate.name;
        const stage = intake ? null : stages[n % sessionsPerCandidate]!;
        const at = new Date(start + n * stepMs).toISOString();
        const sessionId = uuidFrom(rand);
        const title = intake ? `Intake: ${requisitionTitles[requisitionIndex]}` : `${stage} — ${candidate.name}`;
        insertSession.run(
          sessionId, intake ? 'intake' : 'interview', title, requisition.id, intake ? null : candidate.id, requisition.versionId, stage, at,
          shape.segmentsPerInterview * shape.secondsPerSegment, interviewer, at, at,
        );
        const momentAt = new Set(Array.from({ length: 12 }, () => Math.floor(rand() * shape.segmentsPerInterview)));
        for (let i = 0; i < shape.segmentsPerInterview; i++) {
          const speaker = i % 4 === 0 ? interviewer : other;
          const text = line(6 + Math.floor(rand() * 12));
          const t = i * shape.secondsPerSegment;
          insertSegment.run(uuidFrom(rand), sessionId, i, speaker, t, t + shape.secondsPerSegment - 0.2, text);
          if (momentAt.has(i)) {
            const criterion = criteria[requisitionIndex]![Math.floor(rand() * criterionTitles.length)]!;
            insertMoment.run(uuidFrom(rand), sessionId, t, t + shape.secondsPerSegment, criterion.id, requisition.versionId, interviewer, rand() < 0.3 ? line(5) : null, text, at);
          }
        }
      }
    })();
    if ((first / batch) % 20 === 0) log(`generated ${Math.min(first + batch, shape.interviews)}/${shape.interviews} interviews`);
  }
}
