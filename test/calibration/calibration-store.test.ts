import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { hasChromium } from '../support/chromium.js';
import { seedCalibration, type SeededCalibration } from '../support/seed-calibration.js';

// Calibration across a requisition through the real store, handlers and contract: six candidates,
// a panel of three, decisions and a loss, all recorded as the app records them.
describe('calibration through the store', () => {
  let dir: string;
  let db: Database;
  let handlers: IpcHandlers;
  let seeded: SeededCalibration;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'debrief-calibration-'));
    db = await openDatabase(path.join(dir, 'store.sqlite'));
    handlers = createIpcHandlers({ db, home: dir });
    seeded = await seedCalibration(db, handlers);
  });

  afterAll(async () => {
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
    expect(unexpected).toEqual([]);
  });

  it('finds the drift, the rejection despite yes on every must-have, and the criterion no one gathers evidence on', async () => {
    const r = await call('calibration:get', { requisitionId: seeded.requisitionId });
    expect(r.counts).toEqual({ candidates: 6, scorecards: 18, interviewers: 3, decisions: 7 });
    expect(r.drift[0]!.message).toBe('Three candidates were rejected on “People management”, which is not in the rubric — update the rubric or recalibrate the screen?');
    expect(r.drift[0]!.reasons.map((x) => x.candidateName).sort()).toEqual(['Ana Lopez', 'Ben Ode', 'Cy Park']);
    expect(r.rejectedDespiteMustHaves.map((x) => x.candidateName)).toEqual(['Ana Lopez']);
    expect(r.withoutEvidence.map((x) => x.title)).toEqual(['New logos versus account expansion']);
    expect(r.nonDiscriminating.map((x) => x.title)).toEqual(['New logos versus account expansion']);
  });

  it('calls Dana lenient against the panel on the same candidates, and Lee and Sam in line', async () => {
    const r = await call('calibration:get', { requisitionId: seeded.requisitionId });
    const lean = Object.fromEntries(r.interviewers.map((i) => [i.interviewer, [i.lean, i.sharedRatings]]));
    expect(lean).toEqual({ 'Dana Kim': ['lenient', 36], 'Lee Park': ['in-line', 36], 'Sam Ruiz': ['in-line', 36] });
  });

  it("writes the week's two sentences, measures time in stage, and lists the loss with its moment", async () => {
    const r = await call('calibration:get', { requisitionId: seeded.requisitionId });
    expect(r.weeklyRead.text).toBe('Three candidates were rejected this week on “People management”, which is not in the rubric. Two candidates advancing on “Closing and negotiation” both came from referrals.');
    const phone = r.timeInStage.medians.find((m) => m.stage === 'Phone screen')!;
    expect(phone).toMatchObject({ candidates: 6, ongoing: 0 });
    expect(phone.medianDays).toBeCloseTo(10, 0);
    expect(r.timeInStage.medians.map((m) => m.stage)).toEqual(['Phone screen', 'Onsite', 'Declined']);
    expect(r.lostLast30Days).toHaveLength(1);
    expect(r.lostLast30Days[0]).toMatchObject({ candidateName: 'Fay Wu', outcome: 'declined', reason: 'Took an offer closer to home' });
    expect(r.lostLast30Days[0]!.moments[0]!.quote).toBeTruthy();
    expect(r.charts.map((c) => c.id)).toEqual(['rating-distribution', 'decisions-by-week', 'interviewer-calibration']);
  });

  it('refuses a loss without a reason, or citing another candidate’s moment, and keeps what was stored', async () => {
    const ana = seeded.candidates.get('Ana Lopez')!;
    const before = await db.selectFrom('candidate_losses').select('id').execute();
    await expect(call('candidates:markLost', { candidateId: ana.id, outcome: 'withdrawn', reason: '   ', recordedBy: 'Ana Reyes' })).rejects.toMatchObject({ code: 'loss-without-reason', message: expect.stringMatching(/^Say why Ana Lopez withdrew/) });
    const other = seeded.candidates.get('Ben Ode')!.evidence.get('ae-closing')!;
    await expect(call('candidates:markLost', { candidateId: ana.id, outcome: 'withdrawn', reason: 'Moved', recordedBy: 'Ana Reyes', momentIds: [other] })).rejects.toMatchObject({ code: 'moment-not-of-candidate' });
    expect(await db.selectFrom('candidate_losses').select('id').execute()).toEqual(before);
    expect((await call('candidates:list', { requisitionId: seeded.requisitionId })).find((c) => c.id === ana.id)!.stage).toBe('Onsite');
  });

  it('gives a requisition with no candidates clear empty states, and an unknown one a clear error', async () => {
    const id = (await call('requisitions:create', { title: 'Solutions engineer' })).id;
    const r = await call('calibration:get', { requisitionId: id });
    expect(r.charts).toEqual([]);
    expect(r.emptyStates).toMatchObject({ rubric: expect.stringMatching(/^No rubric is signed/), decisions: expect.stringMatching(/^No debrief decisions yet/), candidates: 'No candidates are filed under this requisition yet.' });
    // A candidate with no interviews yet: named, in time in stage, and nothing else breaks.
    const kim = await call('candidates:create', { name: 'Kim Lee', requisitionId: id, stage: 'Sourced' });
    const withKim = await call('calibration:get', { requisitionId: id });
    expect(withKim.notInterviewed).toEqual([{ id: kim.id, name: 'Kim Lee' }]);
    expect(withKim.timeInStage.medians.map((m) => m.stage)).toEqual(['Sourced']);
    expect(withKim.interviewers).toEqual([]);
    expect(withKim.charts).toEqual([]);
    await expect(call('calibration:get', { requisitionId: 'nope' })).rejects.toMatchObject({ code: 'requisition-not-found' });
  });

  it('audits alignment: rubric shape, reasons on evidence, and the pulse recruiter and hiring manager answer apart', async () => {
    let audit = await call('alignment:get', {});
    expect(audit.audit.requisitions).toBe(2);
    expect(audit.audit.shaped).toMatchObject({ count: 1, missing: ['Solutions engineer'] });
    expect(audit.audit.evidence).toEqual({ linked: 1, total: 8, share: 1 / 8 });
    await call('alignment:pulse', { requisitionId: seeded.requisitionId, role: 'recruiter', respondent: 'Ana Reyes', counterpartUnderstood: true, interviewsTestedRubric: false });
    audit = await call('alignment:pulse', { requisitionId: seeded.requisitionId, role: 'hiring-manager', respondent: 'Priya Shah', counterpartUnderstood: false, interviewsTestedRubric: false });
    expect(audit.audit.pulse).toMatchObject({ answeredByBoth: 1, compared: 2, disagreements: 1, rate: 0.5 });
    // Answering again replaces the earlier answer.
    audit = await call('alignment:pulse', { requisitionId: seeded.requisitionId, role: 'hiring-manager', respondent: 'Priya Shah', counterpartUnderstood: true, interviewsTestedRubric: false });
    expect(audit.audit.pulse.disagreements).toBe(0);
    await expect(call('alignment:pulse', { requisitionId: seeded.requisitionId, role: 'recruiter', respondent: ' ', counterpartUnderstood: true, interviewsTestedRubric: true })).rejects.toMatchObject({ code: 'invalid-input' });
    expect((await call('alignment:get', { role: 'Account executive' })).requisitions.map((r) => r.title)).toEqual(['Account executive']);
  });

  it.skipIf(!hasChromium)('prints the calibration to a PDF whose text carries the findings and the charts', async () => {
    const file = await call('calibration:export', { requisitionId: seeded.requisitionId, format: 'pdf' });
    const bytes = Buffer.from(file.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = path.join(dir, file.fileName);
    writeFileSync(pdf, bytes);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Calibration: Account executive');
    expect(text).toMatch(/People management/);
    // Chart labels are text in the SVG, so they survive into the PDF.
    expect(text).toContain('Rating distribution per criterion');
    expect(text).toMatch(/Dana Kim/);
    expect(text).toMatch(/Strong yes/);
  });
});
