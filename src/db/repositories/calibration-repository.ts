import type { CalibrationInput } from '../../core/calibration/calibration-input.js';
import { buildCalibration, type CalibrationReport } from '../../core/calibration/calibration-report.js';
import type { WordVectors } from '../../core/mapping/word-vectors.js';
import { currentVersion } from '../../core/scorecard/scorecard.js';
import type { Database } from '../open-database.js';
import { listLosses } from './candidate-losses-repository.js';
import { listCandidates } from './candidates-repository.js';
import { getRequisition } from './requisitions-repository.js';
import { listRubricVersions } from './rubrics-repository.js';
import { listScorecards } from './scorecards-repository.js';
import { listStageChanges } from './stage-history.js';

/** What calibration reads about one requisition, from the store. */
export async function loadCalibrationInput(db: Database, requisitionId: string): Promise<CalibrationInput> {
  const requisition = await getRequisition(db, requisitionId);
  const signed = (await listRubricVersions(db, requisitionId)).find((v) => v.rubric.signedOff !== null) ?? null;
  const candidates = await listCandidates(db, { requisitionId });
  const ids = candidates.map((c) => c.id);
  const sessionCounts = ids.length
    ? await db.selectFrom('sessions').select(['candidate_id', db.fn.countAll<number>().as('n')]).where('candidate_id', 'in', ids).groupBy('candidate_id').execute()
    : [];
  const ratings: CalibrationInput['ratings'] = [];
  for (const c of candidates) {
    for (const card of await listScorecards(db, { candidateId: c.id })) {
      for (const r of currentVersion(card).ratings) {
        ratings.push({ candidateId: c.id, scorecardId: card.id, interviewer: card.interviewer, criterionId: r.criterion.id, rating: r.rating, evidenceCount: r.evidence.length });
      }
    }
  }
  const decisionRows = ids.length ? await db.selectFrom('debrief_decisions').selectAll().where('candidate_id', 'in', ids).orderBy('decided_at').execute() : [];
  const reasonRows = decisionRows.length
    ? await db.selectFrom('debrief_reasons').selectAll().where('decision_id', 'in', decisionRows.map((d) => d.id)).orderBy('position').execute()
    : [];
  return {
    requisition: { id: requisition.id, title: requisition.title },
    rubric: signed ? { versionId: signed.id, version: signed.rubric.version } : null,
    criteria: (signed?.rubric.criteria ?? []).map((c) => ({ id: c.id, kind: c.kind, title: c.title, description: c.description, goodLooksLike: c.goodLooksLike, signals: c.signals })),
    candidates: candidates.map((c) => ({
      id: c.id,
      name: c.name,
      source: c.source,
      stage: c.stage,
      createdAt: c.createdAt,
      sessionCount: Number(sessionCounts.find((s) => s.candidate_id === c.id)?.n ?? 0),
    })),
    ratings,
    decisions: decisionRows.map((d) => ({
      id: d.id,
      candidateId: d.candidate_id,
      decision: d.decision,
      decidedBy: d.decided_by,
      decidedAt: d.decided_at,
      reasons: reasonRows.filter((r) => r.decision_id === d.id).map((r) => ({ text: r.text, criterionId: r.criterion_id, momentId: r.moment_id })),
    })),
    stageChanges: await listStageChanges(db, ids),
    losses: await listLosses(db, ids),
  };
}

export async function getRequisitionCalibration(db: Database, requisitionId: string, opts: { now?: Date; words: WordVectors | null }): Promise<CalibrationReport> {
  return buildCalibration(await loadCalibrationInput(db, requisitionId), { now: opts.now ?? new Date(), words: opts.words });
}
