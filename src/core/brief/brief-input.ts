import type { Segment } from '../transcript/transcript.js';

/** One stored interview as the brief reads it: its transcript and who asked the questions in it. */
export interface BriefSession {
  sessionId: string;
  title: string;
  stage: string | null;
  /** When it took place (ISO), for ordering; null when unknown. */
  date: string | null;
  candidateName: string | null;
  segments: readonly (Segment & { id: string })[];
  /** Transcript speakers who are interviewers; everyone else speaking is the candidate. */
  interviewerSpeakers: readonly string[];
}

/** A sentence said in a session, where it was said. */
export interface SessionSentence {
  sessionId: string;
  segmentId: string;
  speaker: string | null;
  text: string;
  start: number;
  end: number;
}
