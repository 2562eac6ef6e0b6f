import { UserFacingError } from '../../core/errors.js';
import { refineMappingWithLlm } from '../../core/llm/refine-mapping.js';
import { suggestInterviewerSpeakers } from '../../core/mapping/session-mapping-input.js';
import {
  addTag,
  deleteMoment,
  getLlmConfig,
  getRubricVersion,
  getSession,
  getSessionRubricLink,
  listMoments,
  mapStoredSession,
  reviewMoment,
  setSessionRubric,
  storeProposals,
  updateMoment,
} from '../../db/index.js';
import type { momentChannels } from '../../shared/ipc/moment-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

/** Hotkeys 1–9 go to the first nine criteria, in rubric order. */
const HOTKEYS = 9;

export function createMomentHandlers(deps: IpcHandlerDeps): HandlersFor<typeof momentChannels> {
  const { db } = deps;

  async function sessionOrFail(sessionId: string) {
    const session = await getSession(db, sessionId);
    if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
    return { session, ...(await getSessionRubricLink(db, sessionId)) };
  }

  return {
    'tagging:context': async ({ sessionId }) => {
      const { session, rubricVersionId, interviewer } = await sessionOrFail(sessionId);
      const speakers = { speakers: session.speakers, interviewer, suggestedInterviewers: suggestInterviewerSpeakers(session.speakers, interviewer) };
      if (!rubricVersionId) return { rubric: null, ...speakers };
      const { rubric } = await getRubricVersion(db, rubricVersionId);
      return {
        rubric: {
          versionId: rubricVersionId,
          title: rubric.requisitionTitle,
          version: rubric.version,
          signedOff: rubric.signedOff,
          criteria: rubric.criteria.map((c, i) => ({ id: c.id, kind: c.kind, title: c.title, hotkey: i < HOTKEYS ? String(i + 1) : null })),
          stages: rubric.interviewPlan.stages,
        },
        ...speakers,
      };
    },
    'tagging:setRubric': async ({ sessionId, versionId }) => {
      await setSessionRubric(db, sessionId, versionId);
      return { sessionId, versionId };
    },
    'moments:list': async ({ sessionId }) => {
      await sessionOrFail(sessionId);
      return listMoments(db, sessionId);
    },
    'moments:tag': (input) => addTag(db, input),
    'moments:update': ({ id, ...patch }) => updateMoment(db, id, patch),
    'moments:delete': async ({ id }) => {
      await deleteMoment(db, id);
      return { id };
    },
    'moments:review': ({ id, status }) => reviewMoment(db, id, status),
    'mapping:run': async ({ sessionId, interviewerSpeakers, useLlm }) => {
      const { rubric, proposals: offline } = await mapStoredSession(db, { sessionId, interviewerSpeakers });
      const refined = useLlm ? await refineMappingWithLlm(offline, rubric.criteria, await getLlmConfig(db, deps.secrets)) : { source: 'offline' as const, moments: offline, fallback: null };
      return { moments: await storeProposals(db, sessionId, refined.moments), source: refined.source, fallback: refined.fallback };
    },
  };
}
