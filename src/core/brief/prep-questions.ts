import { contentTerms, contentWords, questionWords } from '../mapping/mapping-terms.js';
import type { WordVectors } from '../mapping/word-vectors.js';
import type { BriefSession, SessionSentence } from './brief-input.js';
import { hasBothSides, sessionSentences } from './session-sentences.js';

export interface AskedQuestion extends SessionSentence {
  sessionTitle: string;
  candidateName: string | null;
}

export interface QuestionGroup {
  /** One way it was asked, as said: the first time, in the earliest session. */
  example: AskedQuestion;
  /** How many times it was asked, and in how many sessions (one session per previous candidate at a stage). */
  count: number;
  sessions: number;
  /** Other wordings, as asked, without repeats. */
  variants: string[];
}

export interface PrepQuestions {
  sessionsRead: number;
  sessionsWithoutSpeakers: { sessionId: string; title: string }[];
  questionsAsked: number;
  groups: QuestionGroup[];
}

// Rhetorical tags ("…, right?") and check-ins ("does that make sense?") are not questions a candidate prepares for.
const TAG_QUESTION = /(,\s*|\b)(right|correct|yeah|you know|isn't it|don't you think|no|ok|okay)\s*\?\s*$/i;
const CHECK_IN = /^(does that make sense|can you hear me|is that ok(ay)?|sound good|make sense|ready|shall we( start| begin)?)\b/i;
const PROMPT = /^(so,?\s+|and,?\s+|okay,?\s+|ok,?\s+|great,?\s+|now,?\s+)*(tell me|walk me|talk me|take me|describe|explain|give me an example|share an example|share a time|talk about)\b/i;

/** Whether an interviewer's sentence asks the candidate something: a question mark, or a prompt ("Walk me through…"). */
export function isInterviewQuestion(text: string): boolean {
  const s = text.trim();
  if (CHECK_IN.test(s)) return false;
  if (/\?\s*$/.test(s)) return !TAG_QUESTION.test(s) && contentWords(s).length > 0;
  return PROMPT.test(s);
}

/** How alike two questions are in meaning, 0..1. */
type Likeness = (a: Meaning, b: Meaning) => number;

interface Meaning {
  words: string[];
  stems: Set<string>;
}

/**
 * Same wording (most stems shared) groups at once; otherwise the pretrained vectors decide by
 * word-by-word alignment (each content word's best match in the other question): it puts "why are
 * you leaving your current company?" with "what's making you look for a new role?" but not with "how
 * do you prioritise your pipeline?". The whole-question embedding was tried beside it and scored
 * unrelated questions nearly as high as paraphrases (short texts' mean vectors are all alike). The
 * threshold is the best F1 over the pairs of question-groups-development.json (precision 0.70, recall 0.50 on pairs).
 */
export const SAME_QUESTION = 0.65;

function meaningOf(text: string): Meaning {
  // Framing words ("tell me about a time") say nothing about what is asked; "any questions for us?" has only framing.
  const framed = questionWords(text);
  const words = framed.length > 0 ? framed : contentWords(text);
  return { words, stems: new Set(contentTerms(words.join(' '))) };
}

function likeness(vectors: WordVectors | null): Likeness {
  return (a, b) => {
    const shared = [...a.stems].filter((s) => b.stems.has(s)).length;
    const lexical = a.stems.size === 0 || b.stems.size === 0 ? 0 : shared / Math.max(a.stems.size, b.stems.size);
    if (!vectors) return lexical;
    return Math.max(lexical, vectors.alignment(a.words, b.words));
  };
}

/**
 * The questions interviewers asked in these sessions, grouped when they mean the same thing, most
 * asked first. Each question joins the group it is most like on average (no chaining of near-misses).
 */
export function groupInterviewQuestions(sessions: readonly BriefSession[], vectors: WordVectors | null): PrepQuestions {
  const like = likeness(vectors);
  const ordered = [...sessions].sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''));
  const groups: { members: { asked: AskedQuestion; meaning: Meaning }[] }[] = [];
  const withoutSpeakers: PrepQuestions['sessionsWithoutSpeakers'] = [];
  let asked = 0;
  let read = 0;
  for (const session of ordered) {
    if (!hasBothSides(session)) {
      withoutSpeakers.push({ sessionId: session.sessionId, title: session.title });
      continue;
    }
    read++;
    for (const sentence of sessionSentences(session, 'interviewer')) {
      if (!isInterviewQuestion(sentence.text)) continue;
      asked++;
      const member = { asked: { ...sentence, sessionTitle: session.title, candidateName: session.candidateName }, meaning: meaningOf(sentence.text) };
      let best: (typeof groups)[number] | null = null;
      let bestScore = SAME_QUESTION;
      for (const group of groups) {
        const score = group.members.reduce((sum, m) => sum + like(m.meaning, member.meaning), 0) / group.members.length;
        if (score >= bestScore) {
          best = group;
          bestScore = score;
        }
      }
      if (best) best.members.push(member);
      else groups.push({ members: [member] });
    }
  }
  const result = groups.map(({ members }) => {
    const example = members[0]!.asked;
    const variants = [...new Set(members.slice(1).map((m) => m.asked.text))].filter((t) => t !== example.text);
    return { example, count: members.length, sessions: new Set(members.map((m) => m.asked.sessionId)).size, variants };
  });
  result.sort((a, b) => b.sessions - a.sessions || b.count - a.count);
  return { sessionsRead: read, sessionsWithoutSpeakers: withoutSpeakers, questionsAsked: asked, groups: result };
}
