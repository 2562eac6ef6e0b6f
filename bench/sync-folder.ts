// Shared-folder sync under faults, from the laptops' side (no server): three laptops with clocks at
// -1 h, 0 and +1 h make and edit candidates in their own processes, syncing through one folder; one
// laptop is SIGKILLed mid-run and restarted, and the folder disappears for a while (the network
// drive gone) and comes back. Afterwards every laptop must hold every change exactly once and the
// same content: prints sync-folder-lost, sync-folder-duplicated (both goal 0) and
// sync-folder-converged, plus the time for a fresh laptop to read 10,000 changes.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Database } from '../src/db/index.js';
import { createCandidate } from '../src/db/repositories/candidates-repository.js';
import { applyPending, receiveChanges } from '../src/db/sync/merge-changes.js';
import { readSegment, SEGMENT_SUFFIX, syncSharedFolder } from '../src/db/sync/shared-folder.js';
import { printMetric } from './support/metrics.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const laptopScript = path.join(here, 'support/sync-folder-laptop.ts');
const OPS = 300;
/** Changes in the read-and-apply runs (DEBRIEF_BENCH_SYNC_CHANGES lowers it on a busy machine). */
const MANY = Number(process.env['DEBRIEF_BENCH_SYNC_CHANGES'] ?? 10_000);
const HOUR = 3_600_000;
const LAPTOPS = [
  { name: 'early', skew: -HOUR },
  { name: 'exact', skew: 0 },
  { name: 'late', skew: HOUR },
];

function startLaptop(root: string, folder: string, name: string, skew: number): { proc: ChildProcess; ops: () => number; done: Promise<number | null> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', laptopScript, path.join(root, name, 'debrief.sqlite'), folder, name, String(skew), String(OPS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let last = -1;
  proc.stdout!.on('data', (d: Buffer) => {
    const m = /op (\d+)\n(?![\s\S]*op \d+)/.exec(d.toString());
    if (m) last = Number(m[1]);
  });
  proc.stderr!.on('data', () => undefined);
  return { proc, ops: () => last, done: new Promise((r) => proc.once('exit', (code) => r(code))) };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
};

async function content(db: Database) {
  return JSON.stringify(await db.selectFrom('candidates').select(['id', 'name', 'stage', 'email', 'requisition_id']).orderBy('id').execute());
}

async function faultRun(root: string): Promise<void> {
  const folder = path.join(root, 'shared');
  mkdirSync(folder);
  for (const l of LAPTOPS) mkdirSync(path.join(root, l.name), { recursive: true });
  const running = LAPTOPS.map((l) => startLaptop(root, folder, l.name, l.skew));
  // SIGKILL the second laptop a third of the way in, and restart it.
  await until(() => running[1]!.ops() >= OPS / 3);
  running[1]!.proc.kill('SIGKILL');
  await running[1]!.done;
  // The network drive goes away for a while, then comes back.
  renameSync(folder, `${folder}-offline`);
  await until(() => running[0]!.ops() >= OPS / 2 || running[0]!.proc.exitCode !== null);
  renameSync(`${folder}-offline`, folder);
  running[1] = startLaptop(root, folder, LAPTOPS[1]!.name, LAPTOPS[1]!.skew);
  const codes = await Promise.all(running.map((r) => r.done));
  if (codes.some((c) => c !== 0)) throw new Error(`a laptop process failed: exit codes ${codes.join(', ')}`);

  const dbs = await Promise.all(LAPTOPS.map((l) => openDatabase(path.join(root, l.name, 'debrief.sqlite'))));
  try {
    for (let round = 0; round < 3; round += 1) for (const [i, db] of dbs.entries()) await syncSharedFolder(db, { folder, home: path.join(root, LAPTOPS[i]!.name) });
    const expected = LAPTOPS.flatMap((l) => Array.from({ length: OPS }, (_, i) => `${l.name}-${i}`));
    let lost = 0;
    let duplicated = 0;
    for (const db of dbs) {
      const names = (await db.selectFrom('candidates').select('name').execute()).map((r) => r.name);
      const have = new Set(names);
      lost += expected.filter((n) => !have.has(n)).length;
      duplicated += names.length - have.size;
      // Every change made anywhere is in this laptop's ledger.
      for (const other of dbs) {
        const made = (await other.selectFrom('sync_changes').select('id').where('origin', '=', 'local').execute()).map((r) => r.id);
        const known = new Set((await db.selectFrom('sync_changes').select('id').execute()).map((r) => r.id));
        lost += made.filter((id) => !known.has(id)).length;
      }
    }
    const contents = await Promise.all(dbs.map(content));
    printMetric('sync-folder-lost', lost, 0);
    printMetric('sync-folder-duplicated', duplicated, 0);
    printMetric('sync-folder-converged', contents.every((c) => c === contents[0]) ? 'yes' : 'no');
    printMetric('sync-folder-changes', (await dbs[0]!.selectFrom('sync_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n, 0);
  } finally {
    for (const db of dbs) await db.destroy();
  }
}

async function tenThousand(root: string): Promise<void> {
  const folder = path.join(root, 'shared-10k');
  mkdirSync(folder);
  const writer = await openDatabase(path.join(root, 'writer', 'debrief.sqlite'));
  const reader = await openDatabase(path.join(root, 'reader', 'debrief.sqlite'));
  const applier = await openDatabase(path.join(root, 'applier', 'debrief.sqlite'));
  try {
    for (let i = 0; i < MANY; i += 1) await createCandidate(writer, { name: `Candidate ${i}`, stage: 'Applied' });
    let start = performance.now();
    await syncSharedFolder(writer, { folder, home: path.join(root, 'writer') });
    printMetric(`sync-folder-${MANY / 1000}k-write-sec`, (performance.now() - start) / 1000);
    start = performance.now();
    await syncSharedFolder(reader, { folder, home: path.join(root, 'reader') });
    printMetric(`sync-folder-${MANY / 1000}k-read-sec`, (performance.now() - start) / 1000);
    // The apply alone: the same changes received into a fresh store, then merged.
    const own = path.join(folder, (await writer.selectFrom('sync_device').select('device_id').executeTakeFirstOrThrow()).device_id);
    const changes = readdirSync(own)
      .filter((n) => n.endsWith(SEGMENT_SUFFIX))
      .sort()
      .flatMap((n) => readSegment(path.join(own, n)));
    await receiveChanges(applier, changes.map((change) => ({ change })));
    start = performance.now();
    const report = await applyPending(applier, { home: path.join(root, 'applier') });
    if (report.applied !== changes.length) throw new Error(`applied ${report.applied} of ${changes.length} changes`);
    printMetric('sync-apply-ms-per-change', (performance.now() - start) / changes.length, 3);
  } finally {
    await writer.destroy();
    await reader.destroy();
    await applier.destroy();
  }
}

export async function run(): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'debrief-bench-sync-folder-'));
  try {
    if (process.env['DEBRIEF_BENCH_SYNC_FAULTS'] !== '0') await faultRun(root);
    await tenThousand(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
