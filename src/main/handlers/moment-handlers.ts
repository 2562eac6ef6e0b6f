import { UserFacingError } from '../../core/errors.js';
import { mapMoments } from '../../core/mapping/map-moments.js';
import {
  addTag,
  deleteMoment,
  getRubricVersion,
  getSession,
  listMoments,
  reviewMoment,
  storeProposals,
  updateMoment,
} from '../../db/index.js';
import type { momentChannels } from '../../shared/ipc/moment-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

export function createMomentHandlers(deps: IpcHandlerDeps): HandlersFor<typeof momentChannels> {
  const { db } = deps;

  async function sessionOrFail(sessionId: string) {
    const session = await getSession(db, sessionId);
    if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
    const row = await db.selectFrom('sessions').select(['rubric_version_id', 'interviewer']).where('id', '=', sessionId).executeTakeFirstOrThrow();
    return { session, rubricVersionId: row.rubric_version_id, interviewer: row.interviewer };
  }

  return {
    'tagging:context': async ({ sessionId }) => {
      const { session, rubricVersionId, interviewer } = await sessionOrFail(sessionId);
      if (!rubricVersionId) return { rubric: null, speakers: session.speakers, interviewer };
      const { rubric } = await getRubricVersion(db, rubricVersionId);
      return {
        rubric: {
          versionId: rubricVersionId,
          title: rubric.requisitionTitle,
          version: rubric.version,
          signedOff: rubric.signedOff,
          criteria: rubric.criteria.map((c, i) => ({ id: c.id, kind: c.kind, title: c.title, hotkey: i < 9 ? String(i + 1) : null })),
          stages: rubric.interviewPlan.stages,
        },
        speakers: session.speakers,
        interviewer,
      };
    },
    'tagging:setRubric': async ({ sessionId, versionId }) => {
      await sessionOrFail(sessionId);
      await getRubricVersion(db, versionId);
      const tagged = await db.selectFrom('moments').select('id').where('session_id', '=', sessionId).limit(1).execute();
      if (tagged.length > 0) throw new UserFacingError('This session already has tags against its rubric; its rubric cannot change.', 'session-rubric-locked');
      await db.updateTable('sessions').set({ rubric_version_id: versionId }).where('id', '=', sessionId).execute();
      return { sessionId, versionId };
    },
    'moments:list': ({ sessionId }) => listMoments(db, sessionId),
    'moments:tag': (input) => addTag(db, input),
    'moments:update': ({ id, ...patch }) => updateMoment(db, id, patch),
    'moments:delete': async ({ id }) => {
      await deleteMoment(db, id);
      return { id };
    },
    'moments:review': ({ id, status }) => reviewMoment(db, id, status),
    'mapping:run': async ({ sessionId, interviewerSpeakers }) => {
      const { session, rubricVersionId } = await sessionOrFail(sessionId);
      if (!rubricVersionId) throw new UserFacingError('Attach a signed rubric to this session before mapping moments.', 'session-without-rubric');
      const { rubric } = await getRubricVersion(db, rubricVersionId);
      const tags = (await listMoments(db, sessionId)).filter((m) => m.origin === 'manual' && m.criterionId !== null);
      const proposals = await mapMoments({
        transcript: {
          durationSec: session.durationSec ?? Math.max(0, ...session.segments.map((s) => s.end)),
          language: null,
          segments: session.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words })),
        },
        criteria: rubric.criteria,
        questions: rubric.interviewPlan.stages.flatMap((s) => s.questions),
        tags: tags.map((t) => ({ time: t.start, criterionId: t.criterionId!, note: t.note ?? undefined, author: t.author ?? 'interviewer' })),
        interviewerSpeakers,
      });
      return storeProposals(db, sessionId, proposals);
    },
  };
}
