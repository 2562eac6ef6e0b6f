import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { UserFacingError } from '../../core/errors.js';
import type { SyncChange } from '../../core/sync/sync-change.js';
import { uuidV7 } from '../../core/sync/uuid-v7.js';
import { nowIso } from '../clock.js';
import type { Database } from '../open-database.js';
import { applyPending, receiveChanges, type MergeReport } from './merge-changes.js';
import { candidateOf } from './entity-rows.js';
import { deviceId } from './record-change.js';

/**
 * Team sync without a server, through a shared network drive or synced folder. Each laptop writes
 * only its own append-only segment files, `<folder>/<device id>/<UUIDv7>.debrief-segment`, each a
 * small SQLite file holding a batch of changes: written under a temporary name, fsynced, renamed
 * (atomic), so a reader sees a whole segment or none. A laptop reads the others' segments into its
 * own store and merges by change id. Never a live shared SQLite database: WAL does not work over a
 * network filesystem and locking there is unreliable. Who may read the folder is whoever the
 * folder's permissions allow: the segments are not encrypted.
 */

export const SEGMENT_SUFFIX = '.debrief-segment';
const SEGMENT_FORMAT = 1;
/** Segments stay small enough to copy quickly over a slow share. */
export const MAX_SEGMENT_CHANGES = 5000;

export interface FolderSyncReport {
  written: { segments: number; changes: number };
  segmentsRead: number;
  merge: MergeReport;
  /** Segments that could not be read, in words; they are tried again next time. */
  problems: string[];
}

function checkedFolder(folder: string): string {
  const resolved = path.resolve(folder);
  let isDir = false;
  try {
    isDir = statSync(resolved).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isDir) throw new UserFacingError(`The sync folder ${resolved} is not there (is the network drive connected?). Your work is kept here and syncs once the folder is back.`, 'sync-folder-missing');
  return resolved;
}

/** Writes this laptop's unsent changes as one new segment; null when there was nothing to send. */
export async function writeSegment(db: Database, folder: string): Promise<{ segment: string; changes: number } | null> {
  const root = checkedFolder(folder);
  const device = await deviceId(db);
  const own = path.join(root, device);
  mkdirSync(own, { recursive: true });
  // A temporary file left by a write that was killed is never a segment: remove ours.
  for (const name of readdirSync(own)) if (name.endsWith('.tmp')) rmSync(path.join(own, name), { force: true });
  const rows = await db.selectFrom('sync_outbox').selectAll().where('sent_at', 'is', null).orderBy('hlc').orderBy('id').limit(MAX_SEGMENT_CHANGES).execute();
  if (rows.length === 0) return null;
  const name = `${uuidV7()}${SEGMENT_SUFFIX}`;
  const temp = path.join(own, `.${name}.tmp`);
  writeSegmentFile(temp, device, rows);
  fsyncFile(temp);
  renameSync(temp, path.join(own, name));
  try {
    fsyncFile(own);
  } catch {
    // Directories can't be fsynced on every platform (Windows); the rename itself is still atomic.
  }
  // Marked sent only once the segment is in place: a crash before this writes them again, and
  // readers drop the repeat by change id.
  const now = nowIso();
  await db.updateTable('sync_outbox').set({ sent_at: now }).where('id', 'in', rows.map((r) => r.id)).execute();
  return { segment: path.join(device, name), changes: rows.length };
}

interface SegmentRow {
  id: string;
  hlc: string | null;
  entity: string;
  entity_id: string;
  op: string;
  base_version: number;
  payload: string | null;
}

function writeSegmentFile(temp: string, device: string, rows: readonly SegmentRow[]): void {
  const segment = new BetterSqlite3(temp);
  try {
    segment.pragma('journal_mode = OFF');
    segment.exec('create table meta (key text primary key, value text not null)');
    segment.exec('create table changes (id text primary key, hlc text not null, entity text not null, entity_id text not null, op text not null, base_version integer not null, payload text)');
    const meta = segment.prepare('insert into meta (key, value) values (?, ?)');
    const change = segment.prepare('insert into changes (id, hlc, entity, entity_id, op, base_version, payload) values (?, ?, ?, ?, ?, ?, ?)');
    segment.transaction(() => {
      meta.run('format', String(SEGMENT_FORMAT));
      meta.run('device', device);
      meta.run('changes', String(rows.length));
      meta.run('written_at', nowIso());
      for (const r of rows) change.run(r.id, r.hlc, r.entity, r.entity_id, r.op, r.base_version, r.payload);
    })();
  } finally {
    segment.close();
  }
}

/**
 * Rewrites this laptop's own segments without the changes about candidates erased here (by this
 * laptop or through sync), each as a new file renamed over the old one. Other laptops' segments
 * are theirs to rewrite: each does the same for its own once it has the erasure, so the folder is
 * clean when every laptop has synced once after it. Returns how many segments were rewritten.
 */
export async function purgeErasedFromOwnSegments(db: Database, folder: string): Promise<number> {
  const root = checkedFolder(folder);
  const erased = (await db.selectFrom('sync_changes').select('entity_id').where('entity', '=', 'erasure').where('status', '=', 'applied').execute()).map((r) => r.entity_id);
  const done = new Set((await db.selectFrom('sync_cursors').select('source').where('source', 'like', 'purged:%').execute()).map((r) => r.source.slice('purged:'.length)));
  const todo = new Set(erased.filter((id) => !done.has(id)));
  if (todo.size === 0) return 0;
  const device = await deviceId(db);
  const own = path.join(root, device);
  let rewritten = 0;
  let names: string[] = [];
  try {
    names = readdirSync(own).filter((n) => n.endsWith(SEGMENT_SUFFIX) && !n.startsWith('.'));
  } catch {
    // No segments written here yet.
  }
  for (const name of names) {
    const file = path.join(own, name);
    const changes = readSegment(file);
    const keep = changes.filter((c) => c.entity === 'erasure' || !todo.has(candidateOf(c.entity, c.entityId, c.payload) ?? ''));
    if (keep.length === changes.length) continue;
    const temp = path.join(own, `.${name}.tmp`);
    writeSegmentFile(
      temp,
      device,
      keep.map((c) => ({ id: c.id, hlc: c.hlc, entity: c.entity, entity_id: c.entityId, op: c.op, base_version: c.baseVersion, payload: c.payload === null ? null : JSON.stringify(c.payload) })),
    );
    fsyncFile(temp);
    renameSync(temp, file);
    rewritten += 1;
  }
  const now = nowIso();
  for (const id of todo) await db.insertInto('sync_cursors').values({ source: `purged:${id}`, position: '1', updated_at: now }).onConflict((oc) => oc.column('source').doNothing()).execute();
  return rewritten;
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The changes in one segment; throws in words if it is not a whole segment. */
export function readSegment(file: string): SyncChange[] {
  let segment: BetterSqlite3.Database;
  try {
    segment = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new Error(`cannot open it (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  try {
    const meta = new Map((segment.prepare('select key, value from meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (meta.get('format') !== String(SEGMENT_FORMAT)) throw new Error(`it is segment format ${meta.get('format') ?? 'unknown'}; update Debrief to read it`);
    const rows = segment.prepare('select id, hlc, entity, entity_id, op, base_version, payload from changes order by hlc, id').all() as {
      id: string;
      hlc: string;
      entity: string;
      entity_id: string;
      op: 'upsert' | 'delete';
      base_version: number;
      payload: string | null;
    }[];
    if (String(rows.length) !== meta.get('changes')) throw new Error(`it holds ${rows.length} changes where it says ${meta.get('changes') ?? '?'}`);
    return rows.map((r) => ({ id: r.id, hlc: r.hlc, entity: r.entity, entityId: r.entity_id, op: r.op, baseVersion: r.base_version, payload: r.payload === null ? null : JSON.parse(r.payload) }) as SyncChange);
  } catch (error) {
    throw new Error(error instanceof Error ? error.message.replace(/^file is not a database$/, 'it is not a segment file') : String(error), { cause: error });
  } finally {
    segment.close();
  }
}

/** Reads every other laptop's segments not read before, then applies what it can. */
export async function readSegments(db: Database, folder: string, home: string): Promise<{ segmentsRead: number; merge: MergeReport; problems: string[] }> {
  const root = checkedFolder(folder);
  const own = await deviceId(db);
  const read = new Set((await db.selectFrom('sync_cursors').select('source').where('source', 'like', 'segment:%').execute()).map((r) => r.source));
  const problems: string[] = [];
  let segmentsRead = 0;
  let received = 0;
  let duplicates = 0;
  for (const device of readdirSync(root, { withFileTypes: true })) {
    if (!device.isDirectory() || device.name === own || device.name.startsWith('.')) continue;
    const names = readdirSync(path.join(root, device.name))
      .filter((n) => n.endsWith(SEGMENT_SUFFIX) && !n.startsWith('.'))
      .sort();
    for (const name of names) {
      const source = `segment:${device.name}/${name}`;
      if (read.has(source)) continue;
      let changes: SyncChange[];
      try {
        changes = readSegment(path.join(root, device.name, name));
      } catch (error) {
        problems.push(`Skipped ${device.name}/${name} from the sync folder: ${error instanceof Error ? error.message : String(error)}.`);
        continue;
      }
      try {
        const counts = changes.length ? await receiveChanges(db, changes.map((change) => ({ change }))) : { received: 0, duplicates: 0 };
        received += counts.received;
        duplicates += counts.duplicates;
      } catch (error) {
        problems.push(`Skipped ${device.name}/${name} from the sync folder: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      await db.insertInto('sync_cursors').values({ source, position: String(changes.length), updated_at: nowIso() }).onConflict((oc) => oc.column('source').doNothing()).execute();
      segmentsRead += 1;
    }
  }
  const applied = await applyPending(db, { home });
  return { segmentsRead, merge: { received, duplicates, ...applied }, problems };
}

/** One round of folder sync: send ours, then read theirs. */
export async function syncSharedFolder(db: Database, options: { folder: string; home: string }): Promise<FolderSyncReport> {
  const written = { segments: 0, changes: 0 };
  for (let next = await writeSegment(db, options.folder); next; next = await writeSegment(db, options.folder)) {
    written.segments += 1;
    written.changes += next.changes;
  }
  const { segmentsRead, merge, problems } = await readSegments(db, options.folder, options.home);
  await purgeErasedFromOwnSegments(db, options.folder);
  return { written, segmentsRead, merge, problems };
}
