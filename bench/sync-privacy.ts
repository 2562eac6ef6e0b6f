// What reaches the team server, checked on the database itself: a recruiter's laptop opens a
// requisition with a signed rubric; two interviewers' laptops import and transcribe interviews (VTT
// transcripts into the real store), map them, accept the proposed evidence and submit scorecards
// quoting it; everyone syncs through the real server. Then the server database is dumped with
// pg_dump and searched, words only (case, punctuation and escaping ignored), for every transcript
// sentence of four words or more:
// - server-transcript-sentences-found: sentences NOT attached as evidence found in the dump (goal 0);
// - server-evidence-quotes-found: attached quotes found in the dump (> 0: the search finds what is there);
// - server-transcript-sentences-checked: how many unattached sentences were searched for.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import path from 'node:path';
import { syncWithServer, type ServerConnection } from '../src/backend/sync/server-sync.js';
import { interviewFixture } from '../test/support/seed-rubric.js';
import { pgBinary } from '../test/support/postgres.js';
import { tempDir } from '../test/support/speech.js';
import { startTestTeam } from '../test/support/team-server.js';
import { openLaptop, type Laptop } from '../test/sync/support/sync-stores.js';
import { printMetric } from './support/metrics.js';

const exec = promisify(execFile);

/** Lowercase words separated by single spaces: the same text matches however it was escaped. */
const words = (text: string) => ` ${text.toLowerCase().replace(/\\[nrt]/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).map((s) => s.trim()).filter((s) => s.split(/\s+/).length >= 4);

export async function run(): Promise<void> {
  const root = tempDir('debrief-bench-privacy-');
  const team = await startTestTeam();
  const laptops: Laptop[] = [];
  try {
    const recruiter = await team.join('recruiter', 'Rita Recruiter');
    const manager = await team.join('hiring_manager', 'Hank Manager');
    const interviewers = [await team.join('interviewer', 'Ivy Interviewer'), await team.join('interviewer', 'Omar Interviewer')];
    const connect = (m: { auth: { deviceToken?: string }; userId: string }): ServerConnection => ({ origin: team.server.origin, deviceToken: m.auth.deviceToken!, userId: m.userId });
    const sync = (laptop: Laptop, connection: ServerConnection) => syncWithServer(laptop.db, connection, { home: laptop.home, backoffMs: 50 });

    const rec = await openLaptop(root, 'recruiter');
    laptops.push(rec);
    const requisitionId = (await rec.handlers['requisitions:create']({ title: 'Account executive', hiringManager: 'Hank Manager' })).id;
    const criteria = [
      ['Discovery and qualification', ['discovery call', 'budget', 'pain', 'qualify']],
      ['Closing and negotiation', ['negotiate', 'discount', 'close', 'contract']],
    ].map(([title, signals]) => ({
      id: randomUUID(),
      kind: 'must-have' as const,
      title: title as string,
      description: 'Tells a real deal.',
      goodLooksLike: 'Quantifies the pain.',
      badLooksLike: 'Jumps to a demo.',
      signals: signals as string[],
    }));
    const versionId = (await rec.handlers['rubrics:save']({ requisitionId, versionId: null, criteria })).version.id;
    const candidates = [];
    for (const name of ['Marcus Reed', 'Lena Park']) candidates.push((await rec.handlers['candidates:create']({ name, requisitionId, stage: 'Phone screen' })).id);
    await sync(rec, connect(recruiter));
    await recruiter.call('requisition.addMember', { requisitionId, userId: manager.userId, role: 'hiring_manager' });
    for (const iv of interviewers) await recruiter.call('requisition.addMember', { requisitionId, userId: iv.userId, role: 'interviewer' });
    await manager.call('rubric.signOff', { rubricVersionId: versionId });

    const quotes: string[] = [];
    const transcript: string[] = [];
    const fixtures = ['account-executive-01', 'account-executive-02', 'account-executive-03', 'account-executive-04'];
    for (const [i, iv] of interviewers.entries()) {
      const laptop = await openLaptop(root, `interviewer-${i}`);
      laptops.push(laptop);
      const connection = connect(iv);
      await sync(laptop, connection);
      const h = laptop.handlers;
      for (const [c, candidateId] of candidates.entries()) {
        const { sessionId } = await h['sessions:importTranscript']({ path: interviewFixture(fixtures[i * 2 + c]!), title: `Screen ${i}-${c}` });
        await h['sessions:file']({ id: sessionId, candidateId, stage: 'Phone screen', title: `Screen ${i}-${c}` });
        await h['tagging:setRubric']({ sessionId, versionId });
        const { moments } = await h['mapping:run']({ sessionId, interviewerSpeakers: ['Interviewer'], useLlm: false });
        for (const m of moments.filter((x) => x.status === 'proposed')) await h['moments:review']({ id: m.id, status: 'accepted' });
        const draft = await h['scorecards:draft']({ sessionId, interviewer: `Interviewer ${i}` });
        const card = await h['scorecards:submit']({
          sessionId,
          interviewer: `Interviewer ${i}`,
          rubricVersionId: draft.rubricVersionId,
          recommendation: 'yes',
          ratings: draft.ratings.map((r) => ({ criterionId: r.criterionId, rating: r.evidence.length ? 'yes' : 'no_evidence', momentIds: r.evidence.map((e) => e.id) })),
        });
        quotes.push(...card.versions[0]!.ratings.flatMap((r) => r.evidence.map((e) => e.quote ?? '')).filter(Boolean));
        const segments = await laptop.db.selectFrom('transcript_segments').select('text').where('session_id', '=', sessionId).execute();
        transcript.push(...segments.map((s) => s.text));
      }
      const report = await sync(laptop, connection);
      if (report.refused.length) throw new Error(`the server refused a scorecard: ${report.refused[0]!.reason}`);
    }
    await sync(rec, connect(recruiter));

    const { stdout: dump } = await exec(path.join(pgBinary(), 'pg_dump'), ['--no-owner', '--dbname', team.pg.ownerUrl], { maxBuffer: 512 * 1024 * 1024 });
    const haystack = words(dump);
    const attached = quotes.map(words);
    const unattached = transcript.flatMap(sentencesOf).filter((s) => {
      const w = words(s);
      return !attached.some((q) => q.includes(w) || w.includes(q));
    });
    printMetric('server-transcript-sentences-checked', unattached.length, 0);
    printMetric('server-transcript-sentences-found', unattached.filter((s) => haystack.includes(words(s))).length, 0);
    printMetric('server-evidence-quotes-found', quotes.filter((q) => haystack.includes(words(q))).length, 0);
    printMetric('server-evidence-quotes', quotes.length, 0);
  } finally {
    for (const l of laptops) await l.db.destroy();
    await team.close();
    await rm(root, { recursive: true, force: true });
  }
}
