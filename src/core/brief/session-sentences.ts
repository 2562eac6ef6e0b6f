import { toTimedSentences } from '../mapping/timed-sentences.js';
import type { BriefSession, SessionSentence } from './brief-input.js';

/** The sentences of one side of a session, each with its segment and time, in spoken order. */
export function sessionSentences(session: BriefSession, side: 'candidate' | 'interviewer'): SessionSentence[] {
  const interviewers = new Set(session.interviewerSpeakers);
  const sentences: SessionSentence[] = [];
  for (const segment of session.segments) {
    if (segment.speaker === null || segment.speaker.trim() === '') continue;
    if (interviewers.has(segment.speaker) !== (side === 'interviewer')) continue;
    for (const s of toTimedSentences([segment])) sentences.push({ sessionId: session.sessionId, segmentId: segment.id, speaker: segment.speaker, text: s.text, start: s.start, end: s.end });
  }
  return sentences;
}

/** Whether the session tells its candidate apart from its interviewers (it has labelled speakers on both sides). */
export function hasBothSides(session: BriefSession): boolean {
  const interviewers = new Set(session.interviewerSpeakers);
  const speakers = new Set(session.segments.map((s) => s.speaker).filter((s): s is string => s !== null && s.trim() !== ''));
  return [...speakers].some((s) => interviewers.has(s)) && [...speakers].some((s) => !interviewers.has(s));
}
