import type { Decision } from '../debrief/debrief.js';
import { isRating, RATING_LABELS, type Rating } from '../scorecard/scorecard.js';
import { capitalise, countWord, latestDecisions, type CalibrationDecision, type CalibrationInput } from './calibration-input.js';
import type { ReasonMatcher } from './reason-matching.js';

/**
 * Drift: decisions taken on something the signed rubric does not say, grouped by the reason, and
 * rejections of candidates the panel rated yes on every must-have.
 */

export interface OffRubricReason {
  decisionId: string;
  candidateId: string;
  candidateName: string;
  decision: Decision;
  decidedAt: string;
  text: string;
}

export interface DriftGroup {
  /** The group's reason in the panel's words: the shortest phrasing of it. */
  label: string;
  reasons: OffRubricReason[];
  candidateIds: string[];
  /** How many of its candidates each decision went to. */
  decisions: Partial<Record<Decision, number>>;
  message: string;
}

const VERB: Record<Decision, string> = { reject: 'rejected', advance: 'advanced', hold: 'put on hold', offer: 'made an offer' };

/** Reasons that match no criterion, grouped; biggest group first. */
export function offRubricReasons(input: CalibrationInput, matcher: ReasonMatcher, decisions: readonly CalibrationDecision[] = input.decisions): DriftGroup[] {
  const name = (id: string) => input.candidates.find((c) => c.id === id)?.name ?? 'A candidate';
  const groups: OffRubricReason[][] = [];
  for (const d of [...decisions].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))) {
    for (const r of d.reasons) {
      if (matcher.match(r).criterionId !== null) continue;
      const reason = { decisionId: d.id, candidateId: d.candidateId, candidateName: name(d.candidateId), decision: d.decision, decidedAt: d.decidedAt, text: r.text };
      // Compared with each group's distinct wordings, not every repeat of them.
      const group = groups.find((g) => [...new Set(g.map((x) => x.text))].some((text) => matcher.sameReason(text, r.text)));
      if (group) group.push(reason);
      else groups.push([reason]);
    }
  }
  return groups.map(toGroup).sort((a, b) => b.candidateIds.length - a.candidateIds.length || b.reasons.length - a.reasons.length);
}

function toGroup(reasons: OffRubricReason[]): DriftGroup {
  const label = [...reasons].sort((a, b) => a.text.length - b.text.length)[0]!.text;
  const candidateIds = [...new Set(reasons.map((r) => r.candidateId))];
  const decisions: Partial<Record<Decision, number>> = {};
  for (const id of candidateIds) {
    // A candidate decided twice on the same reason counts once, at their latest decision.
    const last = reasons.filter((r) => r.candidateId === id).sort((a, b) => b.decidedAt.localeCompare(a.decidedAt))[0]!;
    decisions[last.decision] = (decisions[last.decision] ?? 0) + 1;
  }
  const main = (Object.entries(decisions) as [Decision, number][]).sort((a, b) => b[1] - a[1])[0]![0];
  const who = candidateIds.length === 1 ? 'One candidate was' : `${capitalise(countWord(candidateIds.length))} candidates were`;
  const ask = main === 'reject' ? 'update the rubric or recalibrate the screen?' : 'add it to the rubric, or decide on what the rubric says?';
  return { label, reasons, candidateIds, decisions, message: `${who} ${VERB[main]} on “${label}”, which is not in the rubric — ${ask}` };
}

export interface MustHaveRejection {
  candidateId: string;
  candidateName: string;
  decisionId: string;
  decidedAt: string;
  /** Every must-have with the panel's ratings on it: all yes or strong yes. */
  mustHaves: { criterionId: string; title: string; ratings: Rating[] }[];
  message: string;
}

/** Candidates whose latest decision is a rejection although every must-have was rated yes (by everyone who rated it). */
export function rejectedDespiteMustHaves(input: CalibrationInput): MustHaveRejection[] {
  const mustHaves = input.criteria.filter((c) => c.kind === 'must-have');
  if (mustHaves.length === 0) return [];
  const out: MustHaveRejection[] = [];
  for (const d of latestDecisions(input.decisions).values()) {
    if (d.decision !== 'reject') continue;
    const rated = mustHaves.map((c) => ({
      criterionId: c.id,
      title: c.title,
      ratings: input.ratings.filter((r) => r.candidateId === d.candidateId && r.criterionId === c.id).map((r) => r.rating).filter(isRating),
    }));
    if (!rated.every((c) => c.ratings.length > 0 && c.ratings.every((r) => r === 'yes' || r === 'strong_yes'))) continue;
    const name = input.candidates.find((c) => c.id === d.candidateId)?.name ?? 'A candidate';
    const ratings = rated.flatMap((c) => c.ratings);
    out.push({
      candidateId: d.candidateId,
      candidateName: name,
      decisionId: d.id,
      decidedAt: d.decidedAt,
      mustHaves: rated,
      message: `${name} was rejected although every must-have was rated ${ratings.every((r) => r === 'strong_yes') ? RATING_LABELS.strong_yes.toLowerCase() : 'yes or better'} (${rated.length} must-haves, ${ratings.length} ratings): what decided it is not in the rubric.`,
    });
  }
  return out;
}
