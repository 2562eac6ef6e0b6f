import { UserFacingError } from '../../core/errors.js';
import { refineMappingWithLlm } from '../../core/llm/refine-mapping.js';
import { suggestInterviewerSpeakers } from '../../core/mapping/session-mapping-input.js';
import type { RubricVersion } from '../../core/rubric/rubric.js';
import { segmentTokens } from '../../core/transcript/split-segment.js';
import {
  addEvidence,
  addTag,
  deleteMoment,
  getLlmConfig,
  getRubricVersion,
  getSession,
  getSessionRubricLink,
  listMoments,
  reassignSegments,
  renameSpeaker,
  mapStoredSession,
  splitStoredSession,
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

  async function rubricOf(versionId: string | null): Promise<RubricVersion | null> {
    return versionId ? (await getRubricVersion(db, versionId)).rubric : null;
  }

  return {
    'speakers:rename': async ({ sessionId, from, to }) => ({ changed: await renameSpeaker(db, sessionId, from, to) }),
    'speakers:reassign': async (input) => ({ changed: await reassignSegments(db, input) }),
    'speakers:split': async ({ sessionId }) => splitStoredSession(db, sessionId, await rubricOf((await sessionOrFail(sessionId)).rubricVersionId)),
    'moments:addEvidence': async ({ sessionId, segmentId, fromWord, toWord, criterionId }) => {
      const { session } = await sessionOrFail(sessionId);
      const segment = session.segments.find((s) => s.id === segmentId);
      const tokens = segment ? segmentTokens(segment) : [];
      const [first, last] = [tokens[Math.min(fromWord, toWord)], tokens[Math.max(fromWord, toWord)]];
      if (!segment || !first || !last) throw new UserFacingError('That line is not in this interview any more: reload it and select the words again.', 'segment-not-found');
      return addEvidence(db, { sessionId, start: first.start, end: last.end, quote: segment.text.slice(first.from, last.to), criterionId });
    },
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
      const { rubric, proposals: offline, split } = await mapStoredSession(db, { sessionId, interviewerSpeakers });
      const refined = useLlm ? await refineMappingWithLlm(offline, rubric.criteria, await getLlmConfig(db, deps.secrets)) : { source: 'offline' as const, moments: offline, fallback: null };
      return { moments: await storeProposals(db, sessionId, refined.moments), source: refined.source, fallback: refined.fallback, split };
    },
  };
}
