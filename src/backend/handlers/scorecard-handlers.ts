import { UserFacingError } from '../../core/errors.js';
import { exportDebrief, exportScorecard, exportTranscript, transcriptOf, type ExportFile } from '../../core/export/export-formats.js';
import { debriefHtml, scorecardHtml } from '../../core/export/readable-scorecard.js';
import { shapeFeedback } from '../../core/feedback/shape-feedback.js';
import { numberByKind } from '../../core/scorecard/scorecard.js';
import {
  amendScorecard,
  getCandidateDebrief,
  getRubricVersion,
  getScorecard,
  getScorecardDraft,
  getSession,
  listMoments,
  listScorecards,
  recordDecision,
  sessionRubricVersionId,
  submitScorecard,
} from '../../db/index.js';
import type { scorecardChannels } from '../../shared/ipc/scorecard-channels.js';
import type { HandlersFor, IpcHandlerDeps } from '../ipc-handlers.js';

const wire = (file: ExportFile) => ({ fileName: file.fileName, mediaType: file.mediaType, base64: file.content.toString('base64') });

export function createScorecardHandlers(deps: IpcHandlerDeps): HandlersFor<typeof scorecardChannels> {
  const { db } = deps;
  return {
    'scorecards:draft': ({ sessionId, interviewer }) => getScorecardDraft(db, sessionId, interviewer),
    'scorecards:submit': (input) => submitScorecard(db, input),
    'scorecards:amend': ({ id, reason, ...input }) => amendScorecard(db, id, input, reason),
    'scorecards:get': ({ id }) => getScorecard(db, id),
    'scorecards:list': (filter) => listScorecards(db, filter),
    'scorecards:sheet': async ({ id }) => ({ html: scorecardHtml(await getScorecard(db, id)) }),
    'feedback:shape': async ({ sessionId, text, criterionId, linkedMomentIds }) => {
      const versionId = await sessionRubricVersionId(db, sessionId);
      if (!versionId) return [];
      const { rubric } = await getRubricVersion(db, versionId);
      const questions = rubric.interviewPlan.stages.flatMap((s) => s.questions);
      const moments = (await listMoments(db, sessionId))
        .filter((m) => m.status === 'accepted' && m.criterionId)
        .map((m) => ({ id: m.id, criterionId: m.criterionId, start: m.start, quote: m.quote, question: questions.find((q) => q.criterionIds.includes(m.criterionId!))?.text ?? null }));
      return shapeFeedback({ text, criterionId, linkedMomentIds, criteria: numberByKind(rubric.criteria), moments });
    },
    'debrief:get': async ({ candidateId }) => {
      const debrief = await getCandidateDebrief(db, candidateId);
      return { ...debrief, html: debriefHtml(debrief) };
    },
    'debrief:decide': (input) => recordDecision(db, input),
    'export:scorecard': async ({ id, format }) => wire(await exportScorecard(await getScorecard(db, id), format)),
    'export:debrief': async ({ candidateId, format }) => wire(await exportDebrief(await getCandidateDebrief(db, candidateId), format)),
    'export:transcript': async ({ sessionId, format }) => {
      const session = await getSession(db, sessionId);
      if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
      return wire(exportTranscript(session.title, transcriptOf(session), format));
    },
  };
}
