import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/index.js';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { interviewFixture, seedSignedRubric, type SeededRubric } from './seed-rubric.js';

export interface SeededPanel {
  rubric: SeededRubric;
  candidateId: string;
  /** Two interviews of the same candidate, each with its mapped moments accepted as evidence. */
  sessions: { id: string; title: string; interviewer: string }[];
}

/**
 * A candidate interviewed twice against one signed rubric: the fixture transcripts imported, filed
 * under the candidate with a stage, mapped offline, and every proposal accepted as evidence.
 */
export async function seedPanel(db: Database, handlers: IpcHandlers): Promise<SeededPanel> {
  const rubric = await seedSignedRubric(db, 'account-executive');
  const now = new Date().toISOString();
  const candidateId = randomUUID();
  await db.insertInto('candidates').values({ id: candidateId, name: 'Marcus Reed', email: null, requisition_id: null, created_at: now, updated_at: now }).execute();
  const plan = [
    { fixture: 'account-executive-01', title: 'Marcus, AE screen', stage: 'Phone screen', interviewer: 'Dana Kim' },
    { fixture: 'account-executive-02', title: 'Marcus, AE onsite', stage: 'Onsite', interviewer: 'Lee Park' },
  ];
  const sessions = [];
  for (const p of plan) {
    const { sessionId } = await handlers['sessions:importTranscript']({ path: interviewFixture(p.fixture), title: p.title });
    await db.updateTable('sessions').set({ candidate_id: candidateId, stage: p.stage, interviewer: p.interviewer }).where('id', '=', sessionId).execute();
    await handlers['tagging:setRubric']({ sessionId, versionId: rubric.versionId });
    const { moments } = await handlers['mapping:run']({ sessionId, interviewerSpeakers: ['Interviewer'], useLlm: false });
    for (const m of moments.filter((x) => x.status === 'proposed')) await handlers['moments:review']({ id: m.id, status: 'accepted' });
    sessions.push({ id: sessionId, title: p.title, interviewer: p.interviewer });
  }
  return { rubric, candidateId, sessions };
}
