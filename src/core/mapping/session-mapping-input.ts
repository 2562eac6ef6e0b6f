import { UserFacingError } from '../errors.js';
import { criterionText, type RubricVersion } from '../rubric/rubric.js';
import type { Segment } from '../transcript/transcript.js';
import type { MappingInput } from './mapping-input.js';

/** A stored interview as the mapper sees it: its transcript and the interviewer's own tags. */
export interface StoredInterview {
  durationSec: number | null;
  segments: readonly Segment[];
  /** Tags with a criterion; flags (no criterion) say nothing about a criterion and are left out. */
  tags: readonly { start: number; criterionId: string | null; note: string | null; author: string | null }[];
}

/**
 * Builds the mapper's input from a stored session and the rubric version it was recorded against.
 * The interviewers must be speakers of this transcript: otherwise every line would count as the
 * candidate's answer and the proposals would be noise.
 */
export function mappingInputFromSession(interview: StoredInterview, rubric: RubricVersion, interviewerSpeakers: readonly string[]): MappingInput {
  const speakers = speakersOf(interview.segments);
  const interviewers = interviewerSpeakers.map((s) => s.trim()).filter((s) => speakers.includes(s));
  if (interviewers.length === 0) {
    const named = interviewerSpeakers.map((s) => `"${s}"`).join(', ');
    const known = speakers.length > 0 ? speakers.map((s) => `"${s}"`).join(', ') : 'none (the transcript has no speaker labels)';
    throw new UserFacingError(`${named || 'No interviewer'} did not speak in this transcript; its speakers are ${known}. Choose who asked the questions.`, 'interviewer-not-in-transcript');
  }
  if (interviewers.length === speakers.length) {
    throw new UserFacingError('Every speaker is marked as an interviewer, so there is no candidate to quote. Leave the candidate unticked.', 'no-candidate-speaker');
  }
  const known = new Set(rubric.criteria.map((c) => c.id));
  const lastEnd = interview.segments.reduce((end, s) => Math.max(end, s.end), 0);
  return {
    transcript: {
      durationSec: Math.max(interview.durationSec ?? 0, lastEnd),
      language: null,
      segments: interview.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words })),
    },
    criteria: rubric.criteria.map((c) => criterionText(c)),
    questions: rubric.interviewPlan.stages.flatMap((stage) => stage.questions.map((q) => ({ id: q.id, text: q.text, criterionIds: q.criterionIds }))),
    tags: interview.tags
      .filter((t): t is typeof t & { criterionId: string } => t.criterionId !== null && known.has(t.criterionId))
      .map((t) => ({ time: t.start, criterionId: t.criterionId, author: t.author?.trim() || 'interviewer', ...(t.note ? { note: t.note } : {}) })),
    interviewerSpeakers: interviewers,
  };
}

/** Speaker labels in order of first appearance. */
export function speakersOf(segments: readonly Pick<Segment, 'speaker'>[]): string[] {
  const seen: string[] = [];
  for (const s of segments) if (s.speaker !== null && s.speaker.trim() !== '' && !seen.includes(s.speaker)) seen.push(s.speaker);
  return seen;
}

/**
 * Who most likely asked the questions, to preselect in the UI: the session's recorded interviewer
 * (the microphone track's speaker), else speakers labelled as interviewers, else the first speaker
 * (interviewers open the call). Empty when there is nobody left to be the candidate.
 */
export function suggestInterviewerSpeakers(speakers: readonly string[], interviewer: string | null): string[] {
  if (speakers.length < 2) return [];
  const recorded = interviewer?.trim();
  if (recorded && speakers.includes(recorded)) return [recorded];
  const labelled = speakers.filter((s) => /\b(interviewer|recruiter|hiring manager)\b/i.test(s));
  if (labelled.length > 0 && labelled.length < speakers.length) return labelled;
  return [speakers[0]!];
}
