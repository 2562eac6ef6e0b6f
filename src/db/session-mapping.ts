import { UserFacingError } from '../core/errors.js';
import { mapMoments, type MapMomentsOptions } from '../core/mapping/map-moments.js';
import type { ProposedMoment } from '../core/mapping/mapping-input.js';
import { mappingInputFromSession, speakersOf, suggestInterviewerSpeakers } from '../core/mapping/session-mapping-input.js';
import { splitSingleTrack } from '../core/mapping/single-track-turns.js';
import type { RubricVersion } from '../core/rubric/rubric.js';
import type { Database } from './open-database.js';
import { listMoments, setSessionRubric } from './repositories/moments-repository.js';
import { createRequisition } from './repositories/requisitions-repository.js';
import { getRubricVersion, insertRubricVersion, signOffVersion } from './repositories/rubrics-repository.js';
import { getSession, getSessionRubricLink } from './repositories/sessions-repository.js';
import { replaceSegmentsWithPieces } from './repositories/speakers-repository.js';

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
  /** Set when the session had one speaker and was split before mapping. */
  split: SpeakerSplit | null;
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
  // One speaker track (a mic-only recording): find the questions and answers first, and store the split.
  const split = session.speakers.length < 2 ? await splitStoredSession(db, request.sessionId, rubric) : null;
  const segments = split ? (await getSession(db, request.sessionId))!.segments : session.segments;
  const tags = (await listMoments(db, request.sessionId)).filter((m) => m.origin === 'manual' && m.status !== 'rejected');
  const interviewerSpeakers = split
    ? [split.interviewer]
    : [...(request.interviewerSpeakers ?? suggestInterviewerSpeakers(speakersOf(segments), link.interviewer))];
  if (interviewerSpeakers.length === 0) throw new UserFacingError('Tick who asked the questions before mapping.', 'no-interviewer-chosen');
  const input = mappingInputFromSession({ durationSec: session.durationSec, segments, tags }, rubric, interviewerSpeakers);
  const proposals = await mapMoments(input, request.options);
  return { rubric, rubricVersionId, interviewerSpeakers: input.interviewerSpeakers, proposals, split };
}

export interface SpeakerSplit {
  interviewer: string;
  candidate: string;
  changedSegments: number;
}

/**
 * A one-speaker transcript (a mic-only recording) split into the interviewer's and the candidate's
 * lines, and stored, so the transcript view shows it and the reviewer can correct it.
 */
export async function splitStoredSession(db: Database, sessionId: string, rubric: RubricVersion | null): Promise<SpeakerSplit> {
  const session = await getSession(db, sessionId);
  if (!session) throw new UserFacingError(`The session ${sessionId} does not exist.`, 'session-not-found');
  if (session.speakers.length >= 2) throw new UserFacingError('This interview already has separate speakers; reassign lines by hand to correct them.', 'already-split');
  if (session.segments.length === 0) throw new UserFacingError('This session has no transcript yet, so there are no speakers to split.', 'no-transcript');
  const { interviewer } = await getSessionRubricLink(db, sessionId);
  const questions = rubric?.interviewPlan.stages.flatMap((stage) => stage.questions) ?? [];
  const split = splitSingleTrack(session.segments, { questions, interviewer: session.speakers[0] ?? interviewer ?? undefined });
  const changes = session.segments
    .map((segment, index) => ({ segment, pieces: split.segments.filter((p) => p.sourceIndex === index) }))
    .filter(({ segment, pieces }) => pieces.length > 1 || (pieces[0] !== undefined && pieces[0].speaker !== segment.speaker))
    .map(({ segment, pieces }) => ({ segmentId: segment.id, pieces: pieces.map(({ sourceIndex: _, ...piece }) => piece) }));
  await replaceSegmentsWithPieces(db, sessionId, changes);
  return { interviewer: split.interviewer, candidate: split.candidate, changedSegments: changes.length };
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
