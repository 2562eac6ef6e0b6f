import { UserFacingError } from '../../core/errors.js';
import { refineMappingWithLlm } from '../../core/llm/refine-mapping.js';
import { mapMoments } from '../../core/mapping/map-moments.js';
import { mappingInputFromSession, suggestInterviewerSpeakers } from '../../core/mapping/session-mapping-input.js';
import { splitSingleTrack } from '../../core/mapping/single-track-turns.js';
import type { RubricVersion } from '../../core/rubric/rubric.js';
import { segmentTokens } from '../../core/transcript/split-segment.js';
import {
  addEvidence,
  addTag,
  deleteMoment,
  getLlmConfig,
  getRubricVersion,
  getSession,
  listMoments,
  reassignSegments,
  renameSpeaker,
  replaceSegmentsWithPieces,
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
    const row = await db.selectFrom('sessions').select(['rubric_version_id', 'interviewer']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    return { session, rubricVersionId: row.rubric_version_id, interviewer: row.interviewer };
  }

  /**
   * A one-speaker transcript (a mic-only recording) split into the interviewer's and the candidate's
   * lines, and stored, so the transcript view shows it and the reviewer can correct it.
   */
  async function splitSpeakers(sessionId: string, rubric: RubricVersion | null) {
    const { session, interviewer } = await sessionOrFail(sessionId);
    if (session.speakers.length >= 2) throw new UserFacingError('This interview already has separate speakers; reassign lines by hand to correct them.', 'already-split');
    if (session.segments.length === 0) throw new UserFacingError('This session has no transcript yet, so there are no speakers to split.', 'no-transcript');
    const questions = rubric?.interviewPlan.stages.flatMap((stage) => stage.questions) ?? [];
    const split = splitSingleTrack(session.segments, { questions, interviewer: session.speakers[0] ?? interviewer ?? undefined });
    const changes = session.segments
      .map((segment, index) => ({ segment, pieces: split.segments.filter((p) => p.sourceIndex === index) }))
      .filter(({ segment, pieces }) => pieces.length > 1 || (pieces[0] !== undefined && pieces[0].speaker !== segment.speaker))
      .map(({ segment, pieces }) => ({ segmentId: segment.id, pieces: pieces.map(({ sourceIndex: _, ...piece }) => piece) }));
    await replaceSegmentsWithPieces(db, sessionId, changes);
    return { interviewer: split.interviewer, candidate: split.candidate, changedSegments: changes.length };
  }

  async function rubricOf(versionId: string | null): Promise<RubricVersion | null> {
    return versionId ? (await getRubricVersion(db, versionId)).rubric : null;
  }

  return {
    'speakers:rename': async ({ sessionId, from, to }) => ({ changed: await renameSpeaker(db, sessionId, from, to) }),
    'speakers:reassign': async (input) => ({ changed: await reassignSegments(db, input) }),
    'speakers:split': async ({ sessionId }) => splitSpeakers(sessionId, await rubricOf((await sessionOrFail(sessionId)).rubricVersionId)),
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
      const { session, rubricVersionId } = await sessionOrFail(sessionId);
      if (!rubricVersionId) throw new UserFacingError('Attach a signed rubric to this session before mapping moments.', 'session-without-rubric');
      if (session.status === 'recording') throw new UserFacingError('This interview is still being recorded: map its moments after it stops.', 'session-still-recording');
      if (session.segments.length === 0) throw new UserFacingError('This session has no transcript yet, so there is nothing to map.', 'no-transcript');
      const { rubric } = await getRubricVersion(db, rubricVersionId);
      // One speaker track (a mic-only recording): find the questions and answers first.
      const split = session.speakers.length < 2 ? await splitSpeakers(sessionId, rubric) : null;
      const segments = split ? (await sessionOrFail(sessionId)).session.segments : session.segments;
      const interviewers = split ? [split.interviewer] : interviewerSpeakers;
      if (interviewers.length === 0) throw new UserFacingError('Tick who asked the questions before mapping.', 'no-interviewer-chosen');
      const tags = (await listMoments(db, sessionId)).filter((m) => m.origin === 'manual' && m.status !== 'rejected');
      const input = mappingInputFromSession({ durationSec: session.durationSec, segments, tags }, rubric, interviewers);
      const offline = await mapMoments(input);
      const refined = useLlm ? await refineMappingWithLlm(offline, rubric.criteria, await getLlmConfig(db, deps.secrets)) : { source: 'offline' as const, moments: offline, fallback: null };
      return { moments: await storeProposals(db, sessionId, refined.moments), source: refined.source, fallback: refined.fallback, split };
    },
  };
}
