import type { Database } from '../../src/db/index.js';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';
import type { RatingChoice } from '../../src/core/scorecard/scorecard.js';
import { interviewFixture, seedSignedRubric, type SeededRubric } from './seed-rubric.js';

/**
 * A requisition with six candidates and a panel of three, everything through the real handlers:
 * transcripts imported, evidence selected, scorecards submitted, decisions recorded, a loss marked.
 * Dana rates a step above Lee and Sam on the same candidates; three candidates are rejected on
 * "people management", which the rubric never mentions; nobody gathers evidence on hunter/farmer.
 * Only times are moved into the past by SQL, as if the search had run for three weeks.
 */

export const PANEL = ['Dana Kim', 'Lee Park', 'Sam Ruiz'] as const;
const ORDER = ['ae-discovery', 'ae-closing', 'ae-pipeline', 'ae-crm-hygiene', 'ae-hunter-farmer', 'ae-integrity'] as const;
const STEPS: RatingChoice[] = ['strong_no', 'no', 'yes', 'strong_yes'];

/** Lee's and Sam's ratings, in ORDER; Dana gives one step more on all but hunter/farmer. */
const PLAN = [
  { name: 'Ana Lopez', source: 'LinkedIn', fixture: 'account-executive-01', base: ['yes', 'yes', 'yes', 'no', 'yes', 'yes'] },
  { name: 'Ben Ode', source: 'Agency', fixture: 'account-executive-02', base: ['no', 'yes', 'no', 'no', 'yes', 'yes'] },
  { name: 'Cy Park', source: 'LinkedIn', fixture: 'account-executive-03', base: ['no', 'no', 'yes', 'yes', 'yes', 'no'] },
  { name: 'Dee Moss', source: 'Referral', fixture: 'account-executive-04', base: ['yes', 'yes', 'no', 'yes', 'yes', 'yes'] },
  { name: 'Eli Tan', source: 'Referral', fixture: 'account-executive-01', base: ['no', 'yes', 'yes', 'no', 'yes', 'yes'] },
  { name: 'Fay Wu', source: 'Referral', fixture: 'account-executive-02', base: ['yes', 'no', 'no', 'no', 'yes', 'no'] },
] as const;

export interface SeededCalibration {
  rubric: SeededRubric;
  requisitionId: string;
  candidates: Map<string, { id: string; sessionId: string; evidence: Map<string, string> }>;
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

export async function seedCalibration(db: Database, handlers: IpcHandlers): Promise<SeededCalibration> {
  const rubric = await seedSignedRubric(db, 'account-executive');
  const { requisitionId } = await db.selectFrom('rubric_versions').innerJoin('rubrics', 'rubrics.id', 'rubric_versions.rubric_id').select('rubrics.requisition_id as requisitionId').where('rubric_versions.id', '=', rubric.versionId).executeTakeFirstOrThrow();
  const criterion = (slug: string) => rubric.criteria.get(slug)!;
  const candidates: SeededCalibration['candidates'] = new Map();
  for (const [i, p] of PLAN.entries()) {
    const candidate = await handlers['candidates:create']({ name: p.name, requisitionId, source: p.source, stage: 'Phone screen' });
    const { sessionId } = await handlers['sessions:importTranscript']({ path: interviewFixture(p.fixture), title: `${p.name}, panel` });
    await handlers['sessions:file']({ id: sessionId, candidateId: candidate.id, requisitionId, stage: 'Onsite' });
    await handlers['tagging:setRubric']({ sessionId, versionId: rubric.versionId });
    const session = await handlers['sessions:get']({ id: sessionId });
    const answers = session.segments.filter((s) => s.speaker === 'Candidate' && s.text.split(/\s+/).length > 6);
    const evidence = new Map<string, string>();
    for (const [k, slug] of ORDER.entries()) {
      if (slug === 'ae-hunter-farmer') continue; // nobody asks about it
      const segment = answers[k % answers.length]!;
      const m = await handlers['moments:addEvidence']({ sessionId, segmentId: segment.id, fromWord: 0, toWord: 7, criterionId: criterion(slug) });
      evidence.set(slug, m.id);
    }
    for (const interviewer of PANEL) {
      const ratings = ORDER.map((slug, k) => {
        const base = STEPS.indexOf(p.base[k]!);
        const rating = interviewer === 'Dana Kim' && slug !== 'ae-hunter-farmer' ? STEPS[Math.min(3, base + 1)]! : STEPS[base]!;
        return { criterionId: criterion(slug), rating, momentIds: evidence.has(slug) ? [evidence.get(slug)!] : [] };
      });
      await handlers['scorecards:submit']({ sessionId, interviewer, rubricVersionId: rubric.versionId, recommendation: 'yes', ratings });
    }
    await handlers['candidates:update']({ id: candidate.id, stage: 'Onsite' });
    // As if added three weeks ago and moved on to the onsite ten days later.
    await db.updateTable('candidates').set({ created_at: daysAgo(22 - i) }).where('id', '=', candidate.id).execute();
    await db.updateTable('candidate_stage_changes').set({ changed_at: daysAgo(22 - i) }).where('candidate_id', '=', candidate.id).where('from_stage', 'is', null).execute();
    await db.updateTable('candidate_stage_changes').set({ changed_at: daysAgo(12 - i) }).where('candidate_id', '=', candidate.id).where('to_stage', '=', 'Onsite').execute();
    candidates.set(p.name, { id: candidate.id, sessionId, evidence });
  }
  const id = (name: string) => candidates.get(name)!.id;
  const decide = async (name: string, decision: 'advance' | 'reject' | 'hold' | 'offer', reasons: { text: string; momentId?: string; criterionId?: string }[], ago: number) => {
    const d = await handlers['debrief:decide']({ candidateId: id(name), decision, decidedBy: 'Priya Shah', reasons });
    await db.updateTable('debrief_decisions').set({ decided_at: daysAgo(ago) }).where('id', '=', d.id).execute();
  };
  await decide('Fay Wu', 'advance', [{ text: 'Great discovery call', criterionId: criterion('ae-discovery') }], 12);
  await decide('Ben Ode', 'hold', [{ text: 'Wants to think about relocating' }], 9);
  await decide('Ana Lopez', 'reject', [{ text: 'People management' }], 3);
  await decide('Ben Ode', 'reject', [{ text: 'Weak on people management' }, { text: 'Missed quota two years running' }], 2);
  await decide('Cy Park', 'reject', [{ text: 'Has never managed people' }], 2);
  await decide('Dee Moss', 'advance', [{ text: 'Negotiated a three-year contract without discounting', momentId: candidates.get('Dee Moss')!.evidence.get('ae-closing')! }], 1);
  await decide('Eli Tan', 'advance', [{ text: 'Held price with procurement', criterionId: criterion('ae-closing') }], 1);
  await handlers['candidates:markLost']({ candidateId: id('Fay Wu'), outcome: 'declined', reason: 'Took an offer closer to home', recordedBy: 'Ana Reyes', momentIds: [candidates.get('Fay Wu')!.evidence.get('ae-discovery')!] });
  return { rubric, requisitionId, candidates };
}
