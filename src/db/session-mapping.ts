import { UserFacingError } from '../core/errors.js';
import { mapMoments, type MapMomentsOptions } from '../core/mapping/map-moments.js';
import type { ProposedMoment } from '../core/mapping/mapping-input.js';
import { mappingInputFromSession, speakersOf, suggestInterviewerSpeakers } from '../core/mapping/session-mapping-input.js';
import type { RubricVersion } from '../core/rubric/rubric.js';
import type { Database } from './open-database.js';
import { listMoments, setSessionRubric } from './repositories/moments-repository.js';
import { createRequisition } from './repositories/requisitions-repository.js';
import { getRubricVersion, insertRubricVersion, signOffVersion } from './repositories/rubrics-repository.js';
import { getSession, getSessionRubricLink } from './repositories/sessions-repository.js';

export interface SessionMappingRequest {
  sessionId: string;
  /** Who asked the questions; default: the suggestion the app preselects. */
  interviewerSpeakers?: readonly string[];
  /** Map against this rubric instead of the session's own (then proposals are printed, not stored). */
  rubric?: RubricVersion;
  /** A stored rubric version instead of the session's own. */
  rubricVersionId?: string;
  options?: MapMomentsOptions;
}

export interface SessionMapping {
  rubric: RubricVersion;
  /** The stored version mapped against; null for a rubric given as a file. */
  rubricVersionId: string | null;
  interviewerSpeakers: string[];
  proposals: ProposedMoment[];
}

/**
 * The one offline mapping of a stored session, shared by the app's "Map moments" and
 * `debrief map`: the session's transcript, its interviewer's tags, the rubric and plan.
 */
export async function mapStoredSession(db: Database, request: SessionMappingRequest): Promise<SessionMapping> {
  const session = await getSession(db, request.sessionId);
  if (!session) throw new UserFacingError(`The session ${request.sessionId} does not exist.`, 'session-not-found');
  const link = await getSessionRubricLink(db, request.sessionId);
  const rubricVersionId = request.rubric ? null : (request.rubricVersionId ?? link.rubricVersionId);
  if (!request.rubric && !rubricVersionId) throw new UserFacingError('Attach a signed rubric to this session before mapping moments.', 'session-without-rubric');
  if (session.status === 'recording') throw new UserFacingError('This interview is still being recorded: map its moments after it stops.', 'session-still-recording');
  if (session.segments.length === 0) throw new UserFacingError('This session has no transcript yet, so there is nothing to map.', 'no-transcript');
  const rubric = request.rubric ?? (await getRubricVersion(db, rubricVersionId!)).rubric;
  const tags = (await listMoments(db, request.sessionId)).filter((m) => m.origin === 'manual' && m.status !== 'rejected');
  const interviewerSpeakers = [...(request.interviewerSpeakers ?? suggestInterviewerSpeakers(speakersOf(session.segments), link.interviewer))];
  const input = mappingInputFromSession({ durationSec: session.durationSec, segments: session.segments, tags }, rubric, interviewerSpeakers);
  const proposals = await mapMoments(input, request.options);
  return { rubric, rubricVersionId, interviewerSpeakers: input.interviewerSpeakers, proposals };
}

/**
 * Attaches a rubric read from a file to an imported session: a requisition and version are stored
 * for it, signed off by `signer` when the file is unsigned (interviews use a signed rubric).
 * Returns the version id.
 */
export async function attachRubricFile(db: Database, sessionId: string, rubric: RubricVersion, signer: string): Promise<string> {
  const requisitionId = await createRequisition(db, { title: rubric.requisitionTitle });
  const versionId = await insertRubricVersion(db, requisitionId, rubric);
  if (!rubric.signedOff) await signOffVersion(db, versionId, signer, new Date().toISOString());
  await setSessionRubric(db, sessionId, versionId);
  return versionId;
}
