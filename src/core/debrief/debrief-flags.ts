import { contentStemSet, intersectionSize } from '../rubric/text-stems.js';
import type { CriterionKind } from '../rubric/rubric.js';
import { assessFeel, feedbackSentences } from '../feedback/feel-detector.js';
import { isRating, ratingStep, type RatingChoice } from '../scorecard/scorecard.js';

/**
 * The debrief's flags, each pointing at what raised it:
 * - conflict: two interviewers two or more steps apart on a criterion;
 * - missing-signal: a must-have or deal-breaker no one gathered evidence on;
 * - over-indexing: one criterion holds most of an interviewer's notes (or the panel's) while others have none;
 * - off-rubric: a recommendation justified by something the rubric does not mention;
 * - unsupported: a rating with no evidence behind it;
 * - feel: a note that lives in "feel" without a linked moment.
 */

export interface PanelCriterion {
  id: string;
  kind: CriterionKind;
  title: string;
  description: string;
  goodLooksLike: string;
  signals: string[];
}

export interface PanelRating {
  criterionId: string;
  rating: RatingChoice;
  note: string | null;
  evidenceCount: number;
}

export interface PanelScorecard {
  scorecardId: string;
  interviewer: string;
  summary: string | null;
  ratings: readonly PanelRating[];
}

export type DebriefFlag =
  | { kind: 'conflict'; criterionId: string; between: { scorecardId: string; interviewer: string; rating: RatingChoice }[]; message: string }
  | { kind: 'missing-signal'; criterionId: string; message: string }
  | { kind: 'over-indexing'; criterionId: string; scorecardId: string | null; interviewer: string | null; message: string }
  | { kind: 'off-rubric'; scorecardId: string; interviewer: string; sentence: string; message: string }
  | { kind: 'unsupported'; criterionId: string; scorecardId: string; interviewer: string; message: string }
  | { kind: 'feel'; criterionId: string | null; scorecardId: string; interviewer: string; sentence: string; message: string };

/** One criterion holding this share of the note words (with two or more others at none) is over-indexing. */
export const OVER_INDEX_SHARE = 0.7;
/** Below this many note words there is too little to say anything dominates. */
const MIN_NOTE_WORDS = 12;
/** A summary sentence needs this many meaningful words to be judged on- or off-rubric. */
const MIN_SENTENCE_WORDS = 3;

export function debriefFlags(criteria: readonly PanelCriterion[], cards: readonly PanelScorecard[]): DebriefFlag[] {
  const flags: DebriefFlag[] = [];
  const title = (id: string) => criteria.find((c) => c.id === id)?.title ?? id;

  for (const c of criteria) {
    const rated = cards.flatMap((card) => card.ratings.filter((r) => r.criterionId === c.id && isRating(r.rating)).map((r) => ({ card, r })));
    const steps = rated.map(({ r }) => ratingStep(r.rating as Exclude<RatingChoice, 'no_evidence'>));
    if (steps.length >= 2 && Math.max(...steps) - Math.min(...steps) >= 2) {
      const between = rated.map(({ card, r }) => ({ scorecardId: card.scorecardId, interviewer: card.interviewer, rating: r.rating }));
      flags.push({ kind: 'conflict', criterionId: c.id, between, message: `Ratings on “${c.title}” are ${Math.max(...steps) - Math.min(...steps)} steps apart: look at each one's evidence.` });
    }
    const evidence = cards.some((card) => card.ratings.some((r) => r.criterionId === c.id && r.evidenceCount > 0));
    if ((c.kind === 'must-have' || c.kind === 'deal-breaker') && !evidence) {
      flags.push({ kind: 'missing-signal', criterionId: c.id, message: `No one gathered evidence on the ${c.kind} “${c.title}”.` });
    }
  }

  for (const card of cards) {
    for (const r of card.ratings) {
      if (isRating(r.rating) && r.evidenceCount === 0) {
        flags.push({ kind: 'unsupported', criterionId: r.criterionId, scorecardId: card.scorecardId, interviewer: card.interviewer, message: `${card.interviewer} rated “${title(r.criterionId)}” with no evidence behind it.` });
      }
      for (const sentence of r.evidenceCount === 0 && r.note ? feedbackSentences(r.note) : []) {
        if (assessFeel(sentence.text).feel) {
          flags.push({ kind: 'feel', criterionId: r.criterionId, scorecardId: card.scorecardId, interviewer: card.interviewer, sentence: sentence.text, message: `${card.interviewer}'s note on “${title(r.criterionId)}” lives in feel, with no moment behind it.` });
        }
      }
    }
    for (const sentence of feedbackSentences(card.summary ?? '')) {
      if (assessFeel(sentence.text).feel) {
        flags.push({ kind: 'feel', criterionId: null, scorecardId: card.scorecardId, interviewer: card.interviewer, sentence: sentence.text, message: `${card.interviewer}'s recommendation rests on feel: “${sentence.text}”` });
      } else if (isOffRubric(sentence.text, criteria)) {
        flags.push({ kind: 'off-rubric', scorecardId: card.scorecardId, interviewer: card.interviewer, sentence: sentence.text, message: `${card.interviewer}'s recommendation gives a reason the rubric does not cover: “${sentence.text}”` });
      }
    }
    const own = overIndexed(criteria, [card]);
    if (own) flags.push({ kind: 'over-indexing', criterionId: own, scorecardId: card.scorecardId, interviewer: card.interviewer, message: `${card.interviewer}'s notes are almost all about “${title(own)}”; other criteria have none.` });
  }
  const panel = cards.length > 1 ? overIndexed(criteria, cards) : null;
  if (panel) flags.push({ kind: 'over-indexing', criterionId: panel, scorecardId: null, interviewer: null, message: `The panel's notes are almost all about “${title(panel)}”; other criteria have none.` });
  return flags;
}

function isOffRubric(sentence: string, criteria: readonly PanelCriterion[]): boolean {
  const words = contentStemSet(sentence);
  if (words.size < MIN_SENTENCE_WORDS) return false;
  return criteria.every((c) => intersectionSize(words, contentStemSet([c.title, c.description, c.goodLooksLike, ...c.signals].join(' '))) === 0);
}

function overIndexed(criteria: readonly PanelCriterion[], cards: readonly PanelScorecard[]): string | null {
  const words = new Map(criteria.map((c) => [c.id, 0]));
  for (const card of cards) for (const r of card.ratings) if (r.note) words.set(r.criterionId, (words.get(r.criterionId) ?? 0) + r.note.split(/\s+/).filter(Boolean).length);
  const total = [...words.values()].reduce((a, b) => a + b, 0);
  if (total < MIN_NOTE_WORDS) return null;
  const [top, topWords] = [...words.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const silent = [...words.values()].filter((n) => n === 0).length;
  return topWords / total >= OVER_INDEX_SHARE && silent >= 2 ? top : null;
}
