import { buildCandidateBrief } from '../../core/brief/candidate-brief.js';
import { groupInterviewQuestions } from '../../core/brief/prep-questions.js';
import { exportCandidateBrief, exportPrepBrief } from '../../core/export/export-formats.js';
import { sharedWordVectors } from '../../core/mapping/word-vectors.js';
import { getCandidateBriefSessions, getPrepSessions, listPrepStages, type Database } from '../../db/index.js';
import type { briefChannels } from '../../shared/ipc/brief-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

async function prepFor(db: Database, filter: { stage: string; interviewer?: string | null; candidateId?: string | null }) {
  const sessions = await getPrepSessions(db, { stage: filter.stage, interviewer: filter.interviewer ?? null, excludeCandidateId: filter.candidateId ?? null });
  return groupInterviewQuestions(sessions, sharedWordVectors());
}

export function createBriefHandlers(deps: IpcHandlerDeps): HandlersFor<typeof briefChannels> {
  const { db } = deps;
  return {
    'brief:candidate': async ({ candidateId }) => {
      const { candidate, sessions } = await getCandidateBriefSessions(db, candidateId);
      return { candidate, ...buildCandidateBrief(sessions) };
    },
    'export:candidateBrief': async ({ candidateId }) => {
      const { candidate, sessions } = await getCandidateBriefSessions(db, candidateId);
      const file = exportCandidateBrief(candidate.name, buildCandidateBrief(sessions));
      return { fileName: file.fileName, mediaType: file.mediaType, base64: file.content.toString('base64') };
    },
    'brief:prepStages': () => listPrepStages(db),
    'brief:prep': (filter) => prepFor(db, filter),
    'export:prepBrief': async ({ format, ...filter }) => {
      const file = await exportPrepBrief({ stage: filter.stage, interviewer: filter.interviewer ?? null, prep: await prepFor(db, filter) }, format);
      return { fileName: file.fileName, mediaType: file.mediaType, base64: file.content.toString('base64') };
    },
  };
}
