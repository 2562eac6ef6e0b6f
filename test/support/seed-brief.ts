import path from 'node:path';
import type { Database } from '../../src/db/index.js';
import type { IpcHandlers } from '../../src/backend/ipc-handlers.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/brief');

export interface SeededBrief {
  candidateId: string;
  /** Ana's two interviews, then two earlier candidates' onsites with Lee Park. */
  sessions: Record<'anaScreen' | 'anaOnsite' | 'benOnsite' | 'caiOnsite', string>;
}

/**
 * Ana interviewed twice (a recruiter screen with Dana Kim, an onsite with Lee Park), and two earlier
 * candidates' onsites with Lee Park: the transcripts imported through the contract's handler and filed
 * with their candidate, stage and interviewer.
 */
export async function seedBrief(db: Database, handlers: IpcHandlers): Promise<SeededBrief> {
  const candidate = async (name: string) => (await handlers['candidates:create']({ name })).id;
  const ana = await candidate('Ana Silva');
  const ben = await candidate('Ben Ode');
  const cai = await candidate('Cai Wen');
  const file = async (fixture: string, title: string, candidateId: string, stage: string, interviewer: string) => {
    const { sessionId } = await handlers['sessions:importTranscript']({ path: path.join(fixtures, `${fixture}.vtt`), title });
    await handlers['sessions:file']({ id: sessionId, candidateId, stage });
    await db.updateTable('sessions').set({ interviewer }).where('id', '=', sessionId).execute();
    return sessionId;
  };
  const benOnsite = await file('ben-onsite', 'Ben, onsite', ben, 'Onsite', 'Lee Park');
  const caiOnsite = await file('cai-onsite', 'Cai, onsite', cai, 'Onsite', 'Lee Park');
  const anaScreen = await file('ana-screen', 'Ana, recruiter screen', ana, 'Recruiter screen', 'Dana Kim');
  const anaOnsite = await file('ana-onsite', 'Ana, onsite', ana, 'onsite ', 'Lee Park');
  return { candidateId: ana, sessions: { anaScreen, anaOnsite, benOnsite, caiOnsite } };
}
