import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWithServer, type ServerConnection } from '../../src/backend/sync/server-sync.js';
import { candidateHash } from '../../src/core/privacy/candidate-hash.js';
import { FROM_TEAM_SYNC } from '../../src/core/privacy/team-server.js';
import { callServer } from '../../src/shared/server-api/call-server.js';
import { formatHlc } from '../../src/core/sync/hybrid-logical-clock.js';
import { plainSealer } from '../../src/core/secrets/secret-sealer.js';
import type { Database } from '../../src/db/index.js';
import { setSyncSetting } from '../../src/db/sync/sync-settings.js';
import { pgBinary } from '../support/postgres.js';
import { interviewFixture, salesCriteria } from '../support/seed-rubric.js';
import { tempDir } from '../support/speech.js';
import { refusal, startTestTeam, type Member, type TestTeam } from '../support/team-server.js';
import { openLaptop, type Laptop } from '../sync/support/sync-stores.js';
import { findBytes, seedCandidate, type Needle } from './support/seed-candidate.js';

const run = promisify(execFile);

/** The whole server database as text, the way a backup would hold it. */
async function pgDump(url: string): Promise<string> {
  const { stdout } = await run(path.join(pgBinary(), 'pg_dump'), ['--no-owner', '--data-only', '--inserts', url], { maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

/** Needles for text that may reach the server as JSON or SQL: each sentence's longest plain run of words. */
function textNeedles(texts: readonly string[]): Needle[] {
  const runs = texts.map((t) => (t.match(/[A-Za-z0-9 ]+/g) ?? []).map((r) => r.trim()).sort((a, b) => b.length - a.length)[0] ?? '').filter((r) => r.length >= 20);
  return [...new Set(runs)].flatMap((t) => [
    { label: `"${t}"`, bytes: Buffer.from(t.toLowerCase(), 'utf8') },
    { label: `"${t}" (UTF-16)`, bytes: Buffer.from(t.toLowerCase(), 'utf16le') },
  ]);
}

function inDump(dump: string, needles: Needle[]): string[] {
  const lower = dump.toLowerCase();
  return needles.filter((n) => !n.label.includes('UTF-16') && !n.label.startsWith('audio@') && lower.includes(n.bytes.toString('utf8'))).map((n) => n.label);
}

async function serverRows<T>(team: TestTeam, query: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: team.pg.ownerUrl });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function termsStartingWith(db: Database, prefix: string): Promise<string[]> {
  await sql`create virtual table if not exists temp.segment_terms using fts5vocab(main, transcript_segments_fts, row)`.execute(db);
  return (await sql<{ term: string }>`select term from temp.segment_terms where term like ${`${prefix}%`}`.execute(db)).rows.map((r) => r.term);
}

// The proof the issue asks for: a candidate recorded and scored on one laptop, synced through the
// real team server (real PostgreSQL) to a second, erased on the second; then no byte of their name,
// transcript sentences or audio is left in either data folder (store, WAL, FTS shadow tables,
// recordings) or in a pg_dump of the server, and the receipts and audit rows are there.
describe('erasing a candidate everywhere the team server reached', () => {
  const root = tempDir('debrief-server-erasure-');
  let team: TestTeam;
  let recruiter: Member;
  let interviewer: Member;
  let manager: Member;
  const laptops: Record<'recruiter' | 'interviewer', { laptop: Laptop; connection: ServerConnection }> = {} as never;
  const sync = (who: keyof typeof laptops, connection = laptops[who].connection) =>
    syncWithServer(laptops[who].laptop.db, connection, { home: laptops[who].laptop.home, backoffMs: 10 });
  const useServer = async (who: keyof typeof laptops, origin: string, member: Member) =>
    setSyncSetting(laptops[who].laptop.db, {
      mode: 'server',
      origin,
      teamId: team.teamId,
      userId: member.userId,
      userName: who,
      deviceId: member.deviceId,
      sealedToken: plainSealer.seal(member.auth.deviceToken!),
    });
  let requisitionId: string;
  let versionId: string;

  beforeAll(async () => {
    team = await startTestTeam();
    recruiter = await team.join('recruiter', 'Rita Recruiter');
    interviewer = await team.join('interviewer', 'Ivy Interviewer');
    manager = await team.join('hiring_manager', 'Hank Manager', 'manager-password-1');
    for (const [key, member] of [
      ['recruiter', recruiter],
      ['interviewer', interviewer],
    ] as const) {
      laptops[key] = { laptop: await openLaptop(root, key), connection: { origin: team.server.origin, deviceToken: member.auth.deviceToken!, userId: member.userId } };
      await useServer(key, team.server.origin, member);
    }
    const r = laptops.recruiter.laptop.handlers;
    requisitionId = (await r['requisitions:create']({ title: 'Account executive', hiringManager: 'Hank Manager' })).id;
    const criteria = salesCriteria(['Discovery and qualification', 'Closing and negotiation']);
    versionId = (await r['rubrics:save']({ requisitionId, versionId: null, criteria, interviewPlan: { stages: [{ name: 'Screen', questions: [{ id: 'q1', text: 'Walk me through a deal.', criterionIds: [criteria[0]!.id] }] }] } })).version.id;
    await sync('recruiter');
    await recruiter.call('requisition.addMember', { requisitionId, userId: interviewer.userId, role: 'interviewer' });
    await recruiter.call('requisition.addMember', { requisitionId, userId: manager.userId, role: 'hiring_manager' });
    // Interviews use a signed rubric: the hiring manager signs it off in the web view.
    await manager.call('rubric.signOff', { rubricVersionId: versionId });
    await sync('recruiter');
  }, 180_000);
  afterAll(async () => {
    for (const l of Object.values(laptops)) await l.laptop.db.destroy();
    await team?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('leaves nothing of them on either laptop or in a pg_dump of the server; receipts and audit rows remain', async () => {
    const r = laptops.recruiter.laptop;
    const iv = laptops.interviewer.laptop;
    const name = 'Zephyrine Qxvrtlfeather';
    const candidate = await r.handlers['candidates:create']({ name, email: 'qxvrtl@example.test', requisitionId, stage: 'Phone screen' });
    const kept = await r.handlers['candidates:create']({ name: 'Bartholomew Keptperson', requisitionId, stage: 'Phone screen' });
    await sync('recruiter');
    await sync('interviewer');

    // The interviewer records one interview (audio in the data folder) and imports a transcribed one.
    const recorded = await seedCandidate(iv.db, iv.home, 'qxvrtl', { candidate: { id: candidate.id, name } });
    const { sessionId } = await iv.handlers['sessions:importTranscript']({ path: interviewFixture('account-executive-01'), title: `${name}, AE screen` });
    await iv.handlers['sessions:file']({ id: sessionId, candidateId: candidate.id, stage: 'Phone screen', title: `${name}, AE screen` });
    await iv.handlers['tagging:setRubric']({ sessionId, versionId });
    const { moments } = await iv.handlers['mapping:run']({ sessionId, interviewerSpeakers: ['Interviewer'], useLlm: false });
    for (const m of moments.filter((x) => x.status === 'proposed')) await iv.handlers['moments:review']({ id: m.id, status: 'accepted' });
    const draft = await iv.handlers['scorecards:draft']({ sessionId, interviewer: 'Ivy Interviewer' });
    const card = await iv.handlers['scorecards:submit']({
      sessionId,
      interviewer: 'Ivy Interviewer',
      rubricVersionId: draft.rubricVersionId,
      recommendation: 'yes',
      summary: `${name} quantified the pain and traded term length for price.`,
      ratings: draft.ratings.map((x) => ({ criterionId: x.criterionId, rating: x.evidence.length ? 'yes' : 'no_evidence', momentIds: x.evidence.map((e) => e.id) })),
    });
    const quotes = card.versions[0]!.ratings.flatMap((x) => x.evidence.map((e) => e.quote ?? ''));
    expect(quotes.length).toBeGreaterThan(0);
    expect((await sync('interviewer')).refused).toEqual([]);
    await sync('recruiter');
    await r.handlers['debrief:decide']({ candidateId: candidate.id, decision: 'advance', decidedBy: 'Rita Recruiter', reasons: [{ text: `${name} showed strong discovery.` }] });
    expect((await sync('recruiter')).refused).toEqual([]);

    const segments = (await iv.db.selectFrom('transcript_segments').select('text').where('session_id', 'in', [sessionId, recorded.sessionId]).execute()).map((s) => s.text);
    const needles: Needle[] = [
      ...textNeedles([name, 'qxvrtl@example.test', ...recorded.sentences, ...segments, ...quotes]),
      ...[0, recorded.audio.length / 2, recorded.audio.length - 64].map((at) => ({ label: `audio@${at}`, bytes: recorded.audio.subarray(at, at + 64) })),
      { label: '"qxvrtl"', bytes: Buffer.from('qxvrtl') },
    ];
    // The searches see them first: the needles and the places are right.
    expect(inDump(await pgDump(team.pg.ownerUrl), needles)).toEqual(expect.arrayContaining(['"Zephyrine Qxvrtlfeather"', textNeedles([quotes[0]!])[0]!.label]));
    expect(findBytes(iv.home, needles).some((f) => f.startsWith('audio@'))).toBe(true);
    expect(findBytes(r.home, needles).some((f) => f.startsWith('"Zephyrine Qxvrtlfeather"'))).toBe(true);
    expect(await termsStartingWith(iv.db, 'qxvrtl')).not.toEqual([]);

    // The hiring manager reads the candidate in the web view: that read is on the server's audit trail.
    const login = await fetch(`${team.server.origin}/api/session.login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'hank.manager@example.com', password: 'manager-password-1' }) });
    const web = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, csrfToken: ((await login.json()) as { csrfToken: string }).csrfToken };
    const seen = await callServer(team.server.origin, 'sync.pull', { since: 0, limit: 500 }, web);
    expect(seen.changes.some((c) => c.change.entity === 'scorecard_version')).toBe(true);

    // An interviewer may not erase; an unknown candidate is a 404; neither changes anything.
    const denied = await refusal(interviewer.call('candidate.erase', { candidateId: kept.id, changeId: '0190a0a0-0000-7000-8000-000000000001' }));
    expect([denied.status, denied.message]).toEqual([403, "Interviewers submit scorecards; only the requisition's recruiter or hiring manager, or an admin, can erase a candidate from the team server."]);
    const unknown = await refusal(recruiter.call('candidate.erase', { candidateId: 'no-such-candidate', changeId: '0190a0a0-0000-7000-8000-000000000002' }));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toMatch(/holds nothing about candidate no-such-candidate/);

    // The recruiter erases on their laptop: it erases there and at the server at once.
    const receipt = await r.handlers['privacy:eraseCandidate']({ candidateId: candidate.id });
    console.log(`receipt (server mode): ${receipt.server}`);
    expect(receipt.server).toMatch(new RegExp(`^erased at the team server ${team.server.origin} on \\S+ \\(\\d+ rows and \\d+ log entries removed; it keeps only a receipt\\)$`));
    // The interviewer's laptop erases its copy (audio, transcripts, scorecard) on its next pull.
    const pulled = await sync('interviewer');
    expect(pulled.pulled.erased).toBe(1);
    expect(await iv.db.selectFrom('candidates').select('id').where('id', '=', candidate.id).execute()).toEqual([]);

    // Nothing remains: both data folders (store, WAL, FTS shadow tables, recordings) and the server.
    expect(findBytes(r.home, needles), 'recruiter laptop').toEqual([]);
    expect(findBytes(iv.home, needles), 'interviewer laptop').toEqual([]);
    expect(await termsStartingWith(iv.db, 'qxvrtl')).toEqual([]);
    expect(inDump(await pgDump(team.pg.ownerUrl), needles), 'pg_dump').toEqual([]);
    // The other candidate is untouched everywhere.
    expect((await iv.handlers['candidates:list']({})).map((c) => c.name)).toEqual(['Bartholomew Keptperson']);
    expect(await pgDump(team.pg.ownerUrl)).toContain('Bartholomew Keptperson');

    // What remains: receipts keyed by the hash, the erasure entry, audit rows naming ids only.
    const hash = candidateHash(candidate.id);
    const receipts = await serverRows<{ candidate_hash: string; erased_by: string; rows_removed: number }>(team, 'select candidate_hash, erased_by, rows_removed from erasure_receipts');
    expect(receipts).toEqual([{ candidate_hash: hash, erased_by: recruiter.userId, rows_removed: expect.any(Number) }]);
    expect(receipts[0]!.rows_removed).toBeGreaterThanOrEqual(3);
    expect((await r.db.selectFrom('erasure_receipts').select('candidate_hash').execute()).map((x) => x.candidate_hash)).toEqual([hash]);
    expect(await iv.db.selectFrom('erasure_receipts').select(['candidate_hash', 'server']).execute()).toEqual([{ candidate_hash: hash, server: FROM_TEAM_SYNC }]);
    const { events } = await team.admin.call('audit.list', {});
    expect(events.filter((e) => e.action === 'signed_off').map((e) => [e.subjectId, e.actorName])).toEqual([[versionId, 'Hank Manager']]);
    expect(events.filter((e) => e.candidateHash === hash).map((e) => [e.action, e.subjectKind, e.actorName])).toEqual([
      ['submitted', 'scorecard_version', 'Ivy Interviewer'],
      ['submitted', 'debrief_decision', 'Rita Recruiter'],
      ['opened', 'candidate', 'Hank Manager'],
      ['deleted', 'candidate', 'Rita Recruiter'],
    ]);
    // Only admins read the trail, and row security says so too; nobody rewrites it.
    expect((await refusal(recruiter.call('audit.list', {}))).status).toBe(403);
    const asApp = async (userId: string, query: string) => {
      const client = new pg.Client({ connectionString: team.pg.appUrl });
      await client.connect();
      try {
        await client.query('begin');
        await client.query("select set_config('debrief.team_id', $1, true), set_config('debrief.user_id', $2, true)", [team.teamId, userId]);
        return (await client.query(query)).rows as Record<string, unknown>[];
      } finally {
        await client.query('rollback').catch(() => undefined);
        await client.end();
      }
    };
    expect(await asApp(recruiter.userId, 'select count(*)::int as n from audit_events')).toEqual([{ n: 0 }]);
    expect(Number((await asApp(team.admin.userId, 'select count(*)::int as n from audit_events'))[0]!.n)).toBe(events.length);
    await expect(asApp(team.admin.userId, 'delete from audit_events')).rejects.toThrow(/permission denied/);
    await expect(asApp(recruiter.userId, 'delete from sync_changes')).rejects.toThrow(/permission denied/);

    // Erasing again is answered with the first receipt; a laptop that hadn't heard can't bring them back.
    const again = await recruiter.call('candidate.erase', { candidateId: candidate.id, changeId: '0190a0a0-0000-7000-8000-000000000003' });
    expect(again).toMatchObject({ already: true, candidateHash: hash, erasedBy: recruiter.userId });
    const late = await recruiter.call('sync.push', {
      schemaVersion: 1,
      changes: [{ id: '0190a0a0-0000-7000-8000-000000000004', hlc: formatHlc({ millis: Date.now(), counter: 0, node: 'late' }), entity: 'candidate', entityId: candidate.id, op: 'upsert', baseVersion: 0, payload: { id: candidate.id, name, requisitionId } }],
    });
    expect(late.outcomes).toEqual([{ id: '0190a0a0-0000-7000-8000-000000000004', status: 'refused', reason: 'The candidate it concerns was erased from the team server.' }]);
    expect(inDump(await pgDump(team.pg.ownerUrl), needles)).toEqual([]);
  }, 300_000);

  it('erases locally when the server is out of reach, says "pending at the team server", and confirms on the next sync', async () => {
    const r = laptops.recruiter.laptop;
    const later = await r.handlers['candidates:create']({ name: 'Ottoline Pendingwell', requisitionId, stage: 'Phone screen' });
    await sync('recruiter');
    await useServer('recruiter', 'http://127.0.0.1:9', recruiter);
    const receipt = await r.handlers['privacy:eraseCandidate']({ candidateId: later.id });
    console.log(`receipt (server unreachable): ${receipt.server}`);
    expect(receipt.server).toMatch(/^pending at the team server http:\/\/127\.0\.0\.1:9 \(cannot reach it: .+\); it is sent again with each sync until the server confirms$/);
    expect(await r.db.selectFrom('candidates').select('id').where('id', '=', later.id).execute()).toEqual([]);
    expect(await pgDump(team.pg.ownerUrl)).toContain('Ottoline Pendingwell');

    // Back in reach: the queued erasure goes with the sync round, and the receipt says what happened.
    await useServer('recruiter', team.server.origin, recruiter);
    const round = await sync('recruiter');
    expect(round.refused).toEqual([]);
    expect(await pgDump(team.pg.ownerUrl)).not.toContain('Ottoline Pendingwell');
    const stored = await r.db.selectFrom('erasure_receipts').select('server').where('candidate_hash', '=', candidateHash(later.id)).executeTakeFirstOrThrow();
    console.log(`receipt (after the next sync): ${stored.server}`);
    expect(stored.server).toMatch(new RegExp(`^erased at the team server ${team.server.origin} \\(confirmed \\S+; it keeps only a receipt\\)$`));
    expect(await serverRows(team, 'select 1 from erasure_receipts where candidate_hash = $1', [candidateHash(later.id)])).toHaveLength(1);
  }, 180_000);
});
