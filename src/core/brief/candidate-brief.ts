import type { BriefSession } from './brief-input.js';
import { hasBothSides, sessionSentences } from './session-sentences.js';
import { classifyStatement, STATEMENT_KINDS, type StatementKind } from './statement-kinds.js';

export interface BriefQuote {
  quote: string;
  sessionId: string;
  sessionTitle: string;
  segmentId: string;
  start: number;
  end: number;
}

export interface CandidateBrief {
  /** Sessions whose candidate turns were read. */
  sessionsRead: number;
  /** Sessions left out because their transcript does not tell the candidate from the interviewers. */
  sessionsWithoutSpeakers: { sessionId: string; title: string }[];
  candidateSentences: number;
  /** Quotes per category, oldest session first, in spoken order. */
  sections: Record<StatementKind, BriefQuote[]>;
}

/**
 * The candidate's own words across all their sessions, sorted into what wins or loses them: each quote
 * with its session and time so the recruiter can play it before the closing call.
 */
export function buildCandidateBrief(sessions: readonly BriefSession[]): CandidateBrief {
  const sections = Object.fromEntries(STATEMENT_KINDS.map((k) => [k, [] as BriefQuote[]])) as Record<StatementKind, BriefQuote[]>;
  const ordered = [...sessions].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const withoutSpeakers: CandidateBrief['sessionsWithoutSpeakers'] = [];
  let read = 0;
  let count = 0;
  for (const session of ordered) {
    if (!hasBothSides(session)) {
      withoutSpeakers.push({ sessionId: session.sessionId, title: session.title });
      continue;
    }
    read++;
    const seen = new Set<string>();
    for (const sentence of sessionSentences(session, 'candidate')) {
      count++;
      // A repeated line ("I can't relocate.") is one quote: the first time it was said.
      const key = sentence.text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      for (const kind of classifyStatement(sentence.text)) {
        sections[kind].push({ quote: sentence.text, sessionId: session.sessionId, sessionTitle: session.title, segmentId: sentence.segmentId, start: sentence.start, end: sentence.end });
      }
    }
  }
  return { sessionsRead: read, sessionsWithoutSpeakers: withoutSpeakers, candidateSentences: count, sections };
}
