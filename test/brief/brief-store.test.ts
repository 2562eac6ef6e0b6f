import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { hasChromium } from '../support/chromium.js';
import { seedBrief, type SeededBrief } from '../support/seed-brief.js';
import { tempDir } from '../support/speech.js';

// The candidate brief and the stage prep through the contract over a real SQLite store: transcripts
// imported from files, filed under candidates, read back by category and by question.
describe('candidate brief and prep', () => {
  let dir: string;
  let db: Database;
  let handlers: IpcHandlers;
  let seeded: SeededBrief;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);

  beforeAll(async () => {
    dir = tempDir('debrief-brief-');
    db = await openDatabase(path.join(dir, 'debrief.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
    seeded = await seedBrief(db, handlers);
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  it("briefs a candidate from their own turns across both sessions, each quote with its session and time", async () => {
    const brief = await call('brief:candidate', { candidateId: seeded.candidateId });
    expect(brief.candidate.name).toBe('Ana Silva');
    expect(brief.sessionsRead).toBe(2);
    const quotes = (kind: keyof typeof brief.sections) => brief.sections[kind].map((q) => [q.quote, q.sessionTitle]);
    expect(quotes('motivation')).toEqual([
      ["I want to be closer to the product, right now I'm three layers away from any customer.", 'Ana, recruiter screen'],
      ["Honestly the reason I'm leaving is I want to own a service end to end instead of just tickets.", 'Ana, onsite'],
    ]);
    expect(quotes('constraint')).toEqual([
      ["I'm in Lisbon and I can't relocate, my partner works here.", 'Ana, recruiter screen'],
      ['I have a two-month notice period.', 'Ana, recruiter screen'],
    ]);
    expect(quotes('concern')).toEqual([["I'm a bit worried about the on-call rotation, at my current job it burned people out.", 'Ana, onsite']]);
    expect(quotes('competing')).toEqual([["To be transparent, I'm in final rounds with another company.", 'Ana, onsite']]);
    expect(quotes('question')).toEqual([["How big is the team I'd be joining?", 'Ana, recruiter screen']]);
    // The recruiter's "What made you apply?" is theirs, not Ana's; the time points into the session.
    const first = brief.sections.motivation[0]!;
    const stored = await db.selectFrom('transcript_segments').select(['session_id', 'start_sec', 'end_sec', 'text']).where('id', '=', first.segmentId).executeTakeFirstOrThrow();
    expect(stored.session_id).toBe(seeded.sessions.anaScreen);
    expect(stored.text).toContain(first.quote);
    const md = await call('export:candidateBrief', { candidateId: seeded.candidateId });
    expect(md.fileName).toBe('brief-ana-silva.md');
    expect(Buffer.from(md.base64, 'base64').toString('utf8')).toContain("## Motivations\n\n- “I want to be closer to the product, right now I'm three layers away from any customer.” — Ana, recruiter screen, 00:");
    // The second sentence of its line: its time is inside the line, after its start.
    expect(first.start).toBeGreaterThan(stored.start_sec);
    expect(first.end).toBeLessThanOrEqual(stored.end_sec);
  });

  it("preps a stage from earlier candidates' interviews with that interviewer: grouped, counted, one example each", async () => {
    expect(await call('brief:prepStages')).toEqual([
      { stage: 'Onsite', interviewers: ['Lee Park'] },
      { stage: 'Recruiter screen', interviewers: ['Dana Kim'] },
    ]);
    const prep = await call('brief:prep', { stage: 'Onsite', interviewer: 'Lee Park', candidateId: seeded.candidateId });
    expect(prep.sessionsRead).toBe(2); // Ben's and Cai's: Ana's own onsite is not an earlier candidate's
    expect(prep.groups.map((g) => [g.example.text, g.count, g.sessions])).toEqual([
      ['Why are you leaving your current company?', 2, 2],
      ['Can you describe a situation where you dealt with a tough production incident?', 2, 2],
      ['How do you decide what to test before a release?', 1, 1],
      ['Walk me through how you debug a production outage.', 1, 1],
    ]);
    expect(prep.groups[0]).toMatchObject({ variants: ["What's making you look for a new role?"], example: { sessionId: seeded.sessions.benOnsite, candidateName: 'Ben Ode' } });
    // Without leaving anyone out, Ana's onsite counts too (stage names compared without case or spaces).
    const all = await call('brief:prep', { stage: ' onsite', interviewer: null });
    expect(all.sessionsRead).toBe(3);
    expect(all.groups[0]).toMatchObject({ count: 3, sessions: 3 });
  });

  it('exports the prep as a one-page brief for the candidate, in Markdown and as a PDF', async () => {
    const md = await call('export:prepBrief', { stage: 'Onsite', interviewer: 'Lee Park', candidateId: seeded.candidateId, format: 'md' });
    expect(md.fileName).toBe('prep-onsite-lee-park.md');
    const text = Buffer.from(md.base64, 'base64').toString('utf8');
    expect(text).toContain('# Preparing for your Onsite with Lee Park');
    expect(text).toContain('1. Why are you leaving your current company? _(asked in 2 interviews)_');
    expect(text).not.toMatch(/Ben|Cai/);
    if (!hasChromium) return;
    const pdf = await call('export:prepBrief', { stage: 'Onsite', interviewer: 'Lee Park', candidateId: seeded.candidateId, format: 'pdf' });
    const bytes = Buffer.from(pdf.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, pdf.fileName);
    writeFileSync(file, bytes);
    let pages: string | null = null;
    try {
      pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    } catch {
      // poppler-utils missing: the header check above stands.
    }
    if (pages !== null) expect(pages).toMatch(/^Pages:\s+1$/m);
  });

  it('answers bad input plainly: an unknown candidate, a candidate with no sessions, a stage nobody interviewed at', async () => {
    await expect(call('brief:candidate', { candidateId: 'gone' })).rejects.toMatchObject({ code: 'candidate-not-found', message: expect.stringMatching(/candidate no longer exists/) });
    const { id } = await call('candidates:create', { name: 'New Person' });
    const empty = await call('brief:candidate', { candidateId: id });
    expect(empty).toMatchObject({ sessionsRead: 0, candidateSentences: 0, sections: { motivation: [], concern: [], constraint: [], competing: [], question: [] } });
    const none = await call('brief:prep', { stage: 'Final round', interviewer: 'Nobody' });
    expect(none).toEqual({ sessionsRead: 0, sessionsWithoutSpeakers: [], questionsAsked: 0, groups: [] });
    await expect(call('brief:prep', { stage: '   ' })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringMatching(/choose a stage/i) });
  });
});
