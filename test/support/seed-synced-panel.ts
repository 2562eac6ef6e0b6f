import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { interviewFixture } from './seed-rubric.js';

const interviews = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/interviews');

export interface SyncedPanel {
  requisitionId: string;
  versionId: string;
  candidateId: string;
  sessionId: string;
  scorecardId: string;
  decisionId: string;
}

/**
 * A hiring loop made the way the app makes it, through the channel handlers (so every write goes
 * through the repositories and their change capture, unlike seedPanel's plain inserts): requisition,
 * rubric saved and signed, candidate, the fixture interview imported, filed, mapped and accepted,
 * a scorecard submitted with evidence, and a debrief decision.
 */
export async function seedSyncedPanel(handlers: IpcHandlers, opts: { interviewer?: string } = {}): Promise<SyncedPanel> {
  const interviewer = opts.interviewer ?? 'Dana Kim';
  const fixture = JSON.parse(readFileSync(path.join(interviews, 'account-executive.rubric.json'), 'utf8')) as {
    criteria: { id: string; kind: 'must-have' | 'trade-off' | 'deal-breaker'; title: string; description: string; goodLooksLike: string; badLooksLike: string; signals: string[] }[];
    questions: { id: string; text: string; criterionIds: string[] }[];
  };
  const ids = new Map(fixture.criteria.map((c) => [c.id, randomUUID()]));
  const { id: requisitionId } = await handlers['requisitions:create']({ title: 'Account executive', hiringManager: 'Priya Shah', recruiter: 'Sam Okafor' });
  const saved = await handlers['rubrics:save']({
    requisitionId,
    versionId: null,
    criteria: fixture.criteria.map(({ id, ...c }) => ({ ...c, id: ids.get(id)! })),
    interviewPlan: { stages: [{ name: 'Phone screen', questions: fixture.questions.map((q) => ({ ...q, criterionIds: q.criterionIds.map((c) => ids.get(c)!) })) }] },
  });
  await handlers['rubrics:signOff']({ versionId: saved.version.id, by: 'Priya Shah' });
  const candidate = await handlers['candidates:create']({ name: 'Marcus Reed', email: 'marcus@example.com', requisitionId, stage: 'Phone screen' });
  const { sessionId } = await handlers['sessions:importTranscript']({ path: interviewFixture('account-executive-01'), title: 'Marcus, AE screen' });
  await handlers['sessions:file']({ id: sessionId, candidateId: candidate.id, stage: 'Phone screen', title: 'Marcus, AE screen' });
  await handlers['tagging:setRubric']({ sessionId, versionId: saved.version.id });
  const { moments } = await handlers['mapping:run']({ sessionId, interviewerSpeakers: ['Interviewer'], useLlm: false });
  for (const m of moments.filter((x) => x.status === 'proposed')) await handlers['moments:review']({ id: m.id, status: 'accepted' });
  const draft = await handlers['scorecards:draft']({ sessionId, interviewer });
  const card = await handlers['scorecards:submit']({
    sessionId,
    interviewer,
    rubricVersionId: draft.rubricVersionId,
    recommendation: 'yes',
    summary: 'Quantified the prospect’s pain and traded term length for price.',
    ratings: draft.ratings.map((r) => ({ criterionId: r.criterionId, rating: r.evidence.length ? 'yes' : 'no_evidence', momentIds: r.evidence.map((e) => e.id) })),
  });
  const cited = card.versions[0]!.ratings.find((r) => r.evidence.length > 0)!;
  const decision = await handlers['debrief:decide']({
    candidateId: candidate.id,
    decision: 'advance',
    decidedBy: 'Priya Shah',
    reasons: [{ text: 'Strong discovery, evidence on the scorecard.', momentId: cited.evidence[0]!.momentId, criterionId: cited.criterion.id }],
  });
  return { requisitionId, versionId: saved.version.id, candidateId: candidate.id, sessionId, scorecardId: card.id, decisionId: decision.id };
}
