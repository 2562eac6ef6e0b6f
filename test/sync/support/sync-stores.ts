import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, type Database } from '../../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../../src/backend/ipc-handlers.js';

/** One laptop in a sync test: its own data folder, store and channel handlers. */
export interface Laptop {
  name: string;
  home: string;
  db: Database;
  handlers: IpcHandlers;
}

export async function openLaptop(root: string, name: string): Promise<Laptop> {
  const home = path.join(root, name);
  mkdirSync(home, { recursive: true });
  const db = await openDatabase(path.join(home, 'debrief.sqlite'));
  return { name, home, db, handlers: createIpcHandlers({ db, home }) };
}

/**
 * An interviewer's round on their laptop, as the app does it: import the transcript, file it under
 * the candidate, map it against the rubric version, accept every proposal, and submit the drafted
 * scorecard ("yes" where there is evidence).
 */
export async function submitMappedScorecard(
  h: IpcHandlers,
  round: { transcript: string; candidateId: string; versionId: string; interviewer: string; title: string; stage: string },
): Promise<void> {
  const { sessionId } = await h['sessions:importTranscript']({ path: round.transcript, title: round.title });
  await h['sessions:file']({ id: sessionId, candidateId: round.candidateId, stage: round.stage, title: round.title });
  await h['tagging:setRubric']({ sessionId, versionId: round.versionId });
  const { moments } = await h['mapping:run']({ sessionId, interviewerSpeakers: ['Interviewer'], useLlm: false });
  for (const m of moments.filter((x) => x.status === 'proposed')) await h['moments:review']({ id: m.id, status: 'accepted' });
  const draft = await h['scorecards:draft']({ sessionId, interviewer: round.interviewer });
  await h['scorecards:submit']({
    sessionId,
    interviewer: round.interviewer,
    rubricVersionId: draft.rubricVersionId,
    recommendation: 'yes',
    ratings: draft.ratings.map((x) => ({ criterionId: x.criterionId, rating: x.evidence.length ? 'yes' : 'no_evidence', momentIds: x.evidence.map((e) => e.id) })),
  });
}

/**
 * What sync must make equal on every laptop: the synced tables, row by row, in a canonical order.
 * Left out: which local moment an evidence quote came from (the moment stays on the laptop that
 * recorded it) and sessions (a laptop that did not record the interview holds only its outline).
 */
export async function syncedContent(db: Database): Promise<Record<string, unknown[]>> {
  const all = async (table: string, order: string[], omit: string[] = []) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a generic dump over table names
    let q = (db as any).selectFrom(table).selectAll();
    for (const o of order) q = q.orderBy(o);
    const rows = (await q.execute()) as Record<string, unknown>[];
    return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !omit.includes(k))));
  };
  return {
    requisitions: await all('requisitions', ['id']),
    rubrics: await all('rubrics', ['id']),
    rubric_versions: await all('rubric_versions', ['id']),
    criteria: await all('criteria', ['id']),
    interview_questions: await all('interview_questions', ['id']),
    interview_question_criteria: await all('interview_question_criteria', ['question_id', 'criterion_id']),
    candidates: await all('candidates', ['id']),
    scorecards: await all('scorecards', ['id']),
    scorecard_versions: await all('scorecard_versions', ['id']),
    scorecard_version_ratings: await all('scorecard_version_ratings', ['id']),
    scorecard_version_evidence: await all('scorecard_version_evidence', ['rating_id', 'position'], ['moment_id']),
    debrief_decisions: await all('debrief_decisions', ['id']),
    debrief_reasons: await all('debrief_reasons', ['decision_id', 'position'], ['moment_id']),
  };
}
