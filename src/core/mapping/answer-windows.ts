import type { Segment, Transcript } from '../transcript/transcript.js';

/**
 * An interview is a sequence of question → answer exchanges. A window is one interviewer question
 * (one or more interviewer turns) and the candidate's answer up to the next interviewer question.
 * Evidence is judged per window, because a question tells what the answer is about.
 */
export interface AnswerWindow {
  index: number;
  questionText: string;
  /** Start of the question, or of the answer when there was none. */
  questionStart: number;
  answerStart: number;
  answerEnd: number;
  answerText: string;
  /** The candidate's segments only; interviewer backchannel ("mm-hm") inside the answer is dropped. */
  answerSegments: Segment[];
}

/** "Mm-hm.", "Right.", "Got it": too short to be a question, so the answer goes on. */
const MAX_BACKCHANNEL_WORDS = 4;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/** Words listeners say to show they follow; "Tell me more." is not made of these, so it stays a question. */
const BACKCHANNEL_WORDS = new Set(
  'mm hm mhm mm-hm hmm uh-huh uh huh yeah yes yep ok okay right sure got it i see great nice cool interesting good wow ah oh makes sense totally exactly true'.split(' '),
);

/** "Mm-hm" and "uh-huh" are sounds, not words: they never answer a question, so a rhetorical one
 *  inside an answer ("what would she say?") does not end the answer when they follow it. */
const WORDLESS_BACKCHANNEL = /^(?:m+-?h+m+|m+h+m+|m+|h+m+|uh-?huh)$/;

function spokenWords(text: string): string[] {
  return text.toLowerCase().match(/[a-z]+(?:-[a-z]+)*/g) ?? [];
}

function isWordless(text: string): boolean {
  const words = spokenWords(text);
  return words.length > 0 && words.every((w) => WORDLESS_BACKCHANNEL.test(w));
}

function isBackchannel(text: string): boolean {
  const words = spokenWords(text);
  return !text.includes('?') && wordCount(text) <= MAX_BACKCHANNEL_WORDS && words.every((w) => BACKCHANNEL_WORDS.has(w));
}

interface Turn {
  byInterviewer: boolean;
  segments: Segment[];
  text: string;
}

function toTurns(segments: readonly Segment[], interviewers: ReadonlySet<string>): Turn[] {
  const turns: Turn[] = [];
  for (const segment of segments) {
    if (segment.text.trim() === '') continue;
    const byInterviewer = segment.speaker !== null && interviewers.has(segment.speaker);
    const last = turns.at(-1);
    if (last && last.byInterviewer === byInterviewer) {
      last.segments.push(segment);
      last.text = `${last.text} ${segment.text.trim()}`;
    } else {
      turns.push({ byInterviewer, segments: [segment], text: segment.text.trim() });
    }
  }
  return turns;
}

/**
 * Splits a transcript into question → answer windows. Windows without any candidate speech
 * (the interviewer talking to nobody) are dropped: they cannot hold evidence.
 */
export function segmentAnswerWindows(transcript: Transcript, interviewerSpeakers: readonly string[]): AnswerWindow[] {
  const interviewers = new Set(interviewerSpeakers);
  const turns = toTurns(
    [...transcript.segments].sort((a, b) => a.start - b.start),
    interviewers,
  );
  interface Draft {
    question: Segment[];
    answer: Segment[];
  }
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  for (const [i, turn] of turns.entries()) {
    if (turn.byInterviewer) {
      const interruptsAnAnswer = current !== null && current.answer.length > 0;
      // "Within a week." after the candidate asked something is a reply, not a backchannel.
      const repliesToCandidate = turns[i - 1]?.text.trim().endsWith('?') === true && !isWordless(turn.text);
      if (interruptsAnAnswer && isBackchannel(turn.text) && !repliesToCandidate) continue;
      if (current === null || interruptsAnAnswer) {
        current = { question: [], answer: [] };
        drafts.push(current);
      }
      current.question.push(...turn.segments);
    } else {
      // A candidate "mm-hm" between two interviewer turns belongs to the question being asked,
      // unless the interviewer had asked something: then even "Yes." is an answer.
      const next = turns[i + 1];
      const answersAQuestion = turns[i - 1]?.text.trim().endsWith('?') === true;
      const backchannelInQuestion =
        current !== null && current.answer.length === 0 && next?.byInterviewer === true && isBackchannel(turn.text) && !answersAQuestion;
      if (backchannelInQuestion) continue;
      if (current === null) {
        current = { question: [], answer: [] };
        drafts.push(current);
      }
      current.answer.push(...turn.segments);
    }
  }
  const windows: AnswerWindow[] = [];
  for (const draft of drafts) {
    const first = draft.answer[0];
    const last = draft.answer.at(-1);
    if (!first || !last) continue;
    windows.push({
      index: windows.length,
      questionText: draft.question.map((s) => s.text.trim()).join(' '),
      questionStart: draft.question[0]?.start ?? first.start,
      answerStart: first.start,
      answerEnd: last.end,
      answerText: draft.answer.map((s) => s.text.trim()).join(' '),
      answerSegments: draft.answer,
    });
  }
  return windows;
}
