import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countInterviews,
  createCandidate,
  createRequisition,
  createSessionWithTranscript,
  fileSession,
  listInterviewPage,
  listInterviewRows,
  openDatabase,
  type Database,
  type InterviewCursor,
  type InterviewPageFilter,
  type ListedStatus,
} from '../../src/db/index.js';

/** The paged Interviews list over a real SQLite store: keyset pages, filters in SQL, counts. */

let dir: string;
let db: Database;
let backend: string;
let design: string;
const ids: string[] = [];
// Several sessions share each created_at: paging must break ties by id, never drop or repeat one.
const stamps = ['2025-05-01T09:00:00.000Z', '2025-05-02T09:00:00.000Z', '2025-05-03T09:00:00.000Z'];

async function session(i: number, withTranscript: boolean): Promise<string> {
  return createSessionWithTranscript(db, {
    title: `Interview ${i}`,
    kind: 'interview',
    source: 'import',
    durationSec: 10,
    tracks: [],
    segments: withTranscript ? [{ start: 0, end: 4, speaker: i % 2 ? 'Dana' : 'Sam', text: `Line of interview ${i}.`, words: [] }] : [],
  });
}

async function moment(sessionId: string, status: 'proposed' | 'accepted'): Promise<void> {
  await db
    .insertInto('moments')
    .values({ id: randomUUID(), session_id: sessionId, start_sec: 0, end_sec: 1, criterion_id: null, rubric_version_id: null, author: 'Dana', origin: 'manual', note: 'noted', quote: null, confidence: null, reason: null, status, created_at: stamps[0]! })
    .execute();
}

/** Every page of a listing, following the cursors. */
async function allPages(filter: InterviewPageFilter, limit: number) {
  const pages: Awaited<ReturnType<typeof listInterviewPage>>[] = [];
  let after: InterviewCursor | undefined;
  do {
    const page = await listInterviewPage(db, { ...filter, after, limit });
    pages.push(page);
    after = page.next ?? undefined;
  } while (after && pages.length < 100);
  return pages;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'debrief-interview-page-'));
  db = await openDatabase(path.join(dir, 'store.sqlite'));
  backend = await createRequisition(db, { title: 'Backend engineer' });
  design = await createRequisition(db, { title: 'Product designer' });
  for (let i = 0; i < 23; i++) {
    const id = await session(i, i % 5 !== 0); // every fifth has no transcript
    ids.push(id);
    if (i % 3 === 0) await fileSession(db, id, { requisitionId: backend });
    if (i % 3 === 1) await fileSession(db, id, { requisitionId: design });
    if (i % 4 === 1) await moment(id, 'accepted'); // reviewed, when it has a transcript
    if (i % 4 === 2) await moment(id, 'proposed'); // still to review
  }
  await db.updateTable('sessions').set({ status: 'failed' }).where('id', '=', ids[7]!).execute();
  await db.updateTable('sessions').set({ status: 'recovered' }).where('id', '=', ids[8]!).execute();
  for (const [i, id] of ids.entries()) await db.updateTable('sessions').set({ created_at: stamps[i % stamps.length]! }).where('id', '=', id).execute();
});

afterAll(async () => {
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the paged Interviews list', () => {
  it('pages through every session once, newest first, ties broken by id, matching the whole list', async () => {
    const whole = await listInterviewRows(db);
    for (const limit of [1, 4, 7, 23, 100]) {
      const pages = await allPages({}, limit);
      const rows = pages.flatMap((p) => p.rows);
      expect(rows.map((r) => r.id)).toEqual(whole.map((r) => r.id));
      expect(new Set(rows.map((r) => r.id)).size).toBe(23);
      // Every page but the last is full, and only the last has no cursor.
      expect(pages.slice(0, -1).every((p) => p.rows.length === limit && p.next !== null)).toBe(true);
      expect(pages.at(-1)!.next).toBeNull();
      // The status computed in SQL is the one the whole list computes in TypeScript.
      expect(rows.map(({ speakers: _, ...row }) => row)).toEqual(whole);
    }
    const first = await listInterviewPage(db, { limit: 23 });
    expect(first.rows.filter((r) => r.speakers.length > 0).length).toBe(23 - 5);
    expect(first.rows.find((r) => r.title === 'Interview 3')!.speakers).toEqual(['Dana']);
  });

  it('filters by requisition and status before paging, so pages stay full and nothing is skipped', async () => {
    const whole = await listInterviewRows(db);
    const statuses: ListedStatus[] = ['ready', 'reviewed', 'no-transcript', 'failed', 'recovered', 'recording'];
    for (const status of statuses) {
      for (const requisitionId of [undefined, backend, design]) {
        const expected = whole.filter((r) => r.status === status && (requisitionId === undefined || r.requisition?.id === requisitionId)).map((r) => r.id);
        const pages = await allPages({ status, requisitionId }, 2);
        expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
        expect(pages.slice(0, -1).every((p) => p.rows.length === 2)).toBe(true);
      }
    }
    expect(whole.some((r) => r.status === 'reviewed') && whole.some((r) => r.status === 'ready') && whole.some((r) => r.status === 'no-transcript')).toBe(true);
  });

  it('lists a session being transcribed as transcribing, in rows, filter and counts alike', async () => {
    const busy = new Set([ids[7]!, ids[10]!]); // a failed one transcribed again, and a ready one
    const page = await listInterviewPage(db, { transcribing: busy, limit: 100 });
    expect(page.rows.filter((r) => r.status === 'transcribing').map((r) => r.id).sort()).toEqual([...busy].sort());
    const only = await listInterviewPage(db, { transcribing: busy, status: 'transcribing' });
    expect(only.rows.map((r) => r.id).sort()).toEqual([...busy].sort());
    const failed = await listInterviewPage(db, { transcribing: busy, status: 'failed' });
    expect(failed.rows).toEqual([]);
    expect((await countInterviews(db, { transcribing: busy })).statuses.transcribing).toBe(2);
  });

  it('counts per status within the requisition filter and per requisition within the status filter', async () => {
    const whole = await listInterviewRows(db);
    const all = await countInterviews(db);
    expect(all.total).toBe(23);
    for (const [status, n] of Object.entries(all.statuses)) expect(n).toBe(whole.filter((r) => r.status === status).length);
    expect(all.requisitions).toEqual([
      { id: backend, title: 'Backend engineer', count: whole.filter((r) => r.requisition?.id === backend).length },
      { id: design, title: 'Product designer', count: whole.filter((r) => r.requisition?.id === design).length },
    ]);
    const backendOnly = await countInterviews(db, { requisitionId: backend });
    expect(backendOnly.total).toBe(whole.filter((r) => r.requisition?.id === backend).length);
    expect(backendOnly.statuses.ready).toBe(whole.filter((r) => r.requisition?.id === backend && r.status === 'ready').length);
    const ready = await countInterviews(db, { status: 'ready' });
    expect(ready.requisitions.map((r) => r.count)).toEqual([backend, design].map((id) => whole.filter((r) => r.requisition?.id === id && r.status === 'ready').length));
    // A requisition with nothing in the chosen status is still listed while it is the one chosen.
    const failedBackend = await countInterviews(db, { status: 'failed', requisitionId: backend });
    expect(failedBackend.requisitions.find((r) => r.id === backend)?.count).toBe(whole.filter((r) => r.requisition?.id === backend && r.status === 'failed').length);
  });

  it('narrows a page to one candidate, one kind, or the sessions filed under no requisition', async () => {
    const whole = await listInterviewRows(db);
    const unfiled = whole.filter((r) => r.requisition === null).map((r) => r.id);
    expect((await allPages({ requisitionId: null }, 3)).flatMap((p) => p.rows.map((r) => r.id))).toEqual(unfiled);

    const added: string[] = [];
    try {
      const candidate = await createCandidate(db, { name: 'Rosa Silva', requisitionId: backend });
      const intake = await createSessionWithTranscript(db, { title: 'Intake call', kind: 'intake', source: 'import', durationSec: 10, tracks: [], segments: [] });
      const unfiledIntake = await createSessionWithTranscript(db, { title: 'Old intake call', kind: 'intake', source: 'import', durationSec: 10, tracks: [], segments: [] });
      added.push(intake, unfiledIntake);
      await fileSession(db, intake, { requisitionId: backend });
      for (let i = 0; i < 3; i++) {
        const id = await session(100 + i, true);
        added.push(id);
        await fileSession(db, id, { requisitionId: backend, candidateId: candidate.id });
      }
      const now = await listInterviewRows(db);
      const theirs = now.filter((r) => r.candidate?.id === candidate.id).map((r) => r.id);
      expect(theirs).toHaveLength(3);
      expect((await allPages({ candidateId: candidate.id }, 2)).flatMap((p) => p.rows.map((r) => r.id))).toEqual(theirs);
      expect((await listInterviewPage(db, { candidateId: candidate.id, requisitionId: design })).rows).toEqual([]);
      expect((await listInterviewPage(db, { kind: 'intake' })).rows.map((r) => r.id)).toEqual(now.filter((r) => r.kind === 'intake').map((r) => r.id));
      expect((await listInterviewPage(db, { kind: 'intake', requisitionId: backend })).rows.map((r) => r.title)).toEqual(['Intake call']);
      expect((await listInterviewPage(db, { kind: 'intake', requisitionId: null })).rows.map((r) => r.title)).toEqual(['Old intake call']);
      expect((await listInterviewPage(db, { kind: 'interview', candidateId: candidate.id, limit: 1 })).next).not.toBeNull();
    } finally {
      await db.deleteFrom('sessions').where('id', 'in', added).execute();
    }
  });

  it('starts after a cursor whose session was deleted since, losing nothing', async () => {
    const first = await listInterviewPage(db, { limit: 5 });
    const rest = await listInterviewPage(db, { after: first.next!, limit: 100 });
    const cursorRow = first.rows.at(-1)!;
    // The row the cursor names goes (the last test: it stays gone); the next page is unchanged, keyed on values, not on the row.
    await db.deleteFrom('sessions').where('id', '=', cursorRow.id).execute();
    expect((await listInterviewPage(db, { after: first.next!, limit: 100 })).rows.map((r) => r.id)).toEqual(rest.rows.map((r) => r.id));
  });
});
