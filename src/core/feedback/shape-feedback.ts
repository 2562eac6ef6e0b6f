import { contentStemSet, intersectionSize } from '../rubric/text-stems.js';
import type { CriterionKind } from '../rubric/rubric.js';
import { formatSpokenClock } from '../transcript/timestamps.js';
import { assessFeel, feedbackSentences, type FeelMatch } from './feel-detector.js';

/**
 * Feedback shaping: a note or rating reason that lives in "feel" and cites no moment is flagged, with
 * a criterion and moment to tie it to and a rewrite in the shaped form ("At 22:14, on the
 * cross-functional question, the candidate … — trade-off #2 from intake.").
 */

export interface ShapingCriterion {
  id: string;
  kind: CriterionKind;
  title: string;
  description?: string;
  signals?: readonly string[];
  kindNumber: number;
}

export interface ShapingMoment {
  id: string;
  criterionId: string | null;
  start: number;
  quote: string | null;
  /** The interview question the moment answers, when the plan links one. */
  question?: string | null;
}

export interface FeelFlag {
  sentence: string;
  matches: FeelMatch[];
  suggestedCriterionId: string | null;
  suggestedMomentId: string | null;
  rewrite: string | null;
}

export interface ShapingInput {
  text: string;
  /** The criterion the note belongs to (a rating's note), or null for the overall summary. */
  criterionId: string | null;
  /** Moments the note already cites: a note tied to evidence is not flagged. */
  linkedMomentIds: readonly string[];
  criteria: readonly ShapingCriterion[];
  moments: readonly ShapingMoment[];
}

export function shapeFeedback(input: ShapingInput): FeelFlag[] {
  if (input.linkedMomentIds.length > 0) return [];
  const flags: FeelFlag[] = [];
  for (const sentence of feedbackSentences(input.text)) {
    const assessment = assessFeel(sentence.text);
    if (!assessment.feel) continue;
    const criterion = input.criteria.find((c) => c.id === input.criterionId) ?? closestCriterion(sentence.text, input.criteria, input.moments);
    const moment = criterion ? bestMoment(input.moments.filter((m) => m.criterionId === criterion.id)) : null;
    flags.push({
      sentence: sentence.text,
      matches: assessment.matches,
      suggestedCriterionId: criterion?.id ?? null,
      suggestedMomentId: moment?.id ?? null,
      rewrite: criterion ? shapedRewrite(criterion, moment) : null,
    });
  }
  return flags;
}

/** The criterion sharing most words with the sentence; else the first must-have with evidence. */
function closestCriterion(text: string, criteria: readonly ShapingCriterion[], moments: readonly ShapingMoment[]): ShapingCriterion | null {
  const words = contentStemSet(text);
  let best: { c: ShapingCriterion; shared: number } | null = null;
  for (const c of criteria) {
    const shared = intersectionSize(words, contentStemSet([c.title, c.description ?? '', ...(c.signals ?? [])].join(' ')));
    if (shared > 0 && (!best || shared > best.shared)) best = { c, shared };
  }
  if (best) return best.c;
  const withEvidence = new Set(moments.map((m) => m.criterionId));
  return criteria.find((c) => c.kind === 'must-have' && withEvidence.has(c.id)) ?? criteria.find((c) => withEvidence.has(c.id)) ?? null;
}

const bestMoment = (moments: readonly ShapingMoment[]): ShapingMoment | null => moments.find((m) => m.quote) ?? moments[0] ?? null;

export function shapedRewrite(criterion: ShapingCriterion, moment: ShapingMoment | null): string {
  const tail = `${criterion.kind} #${criterion.kindNumber} from intake`;
  if (!moment) return `No moment shows this yet: say what the candidate said or did, on “${criterion.title}” — ${tail}.`;
  const on = moment.question ? `on the “${moment.question.replace(/[?.]$/, '')}” question` : `on “${criterion.title}”`;
  const what = moment.quote ? `the candidate said “${moment.quote}”` : 'the candidate [what they said or did]';
  return `At ${formatSpokenClock(moment.start)}, ${on}, ${what} — ${tail}.`;
}
