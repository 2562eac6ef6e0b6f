import { formatSpokenClock } from '../transcript/timestamps.js';
import type { CriterionKind } from '../rubric/rubric.js';
import type { RatingChoice } from './scorecard.js';

/**
 * The draft scorecard, filled from the interview's accepted evidence. A criterion nobody gathered
 * evidence on starts as "no evidence", never as a rating. Where the evidence is clear — the
 * interviewer's own tag during the call, or a deal-breaker moment — a rating is proposed with the
 * reason; the interviewer still picks every rating (a proposal is never submitted by itself).
 */

export interface DraftEvidence {
  id: string;
  start: number;
  end: number;
  quote: string | null;
  note: string | null;
  origin: 'manual' | 'auto';
  author: string | null;
  criterionId: string | null;
}

export interface DraftCriterion {
  id: string;
  kind: CriterionKind;
  title: string;
}

export interface DraftRating {
  criterionId: string;
  /** `no_evidence` without evidence; otherwise null until the interviewer picks. */
  rating: RatingChoice | null;
  proposal: { rating: RatingChoice; reason: string } | null;
  evidence: DraftEvidence[];
}

export function draftScorecard(criteria: readonly DraftCriterion[], accepted: readonly DraftEvidence[], interviewer: string): DraftRating[] {
  return criteria.map((criterion) => {
    const evidence = accepted.filter((m) => m.criterionId === criterion.id).sort((a, b) => a.start - b.start);
    if (evidence.length === 0) return { criterionId: criterion.id, rating: 'no_evidence', proposal: null, evidence };
    return { criterionId: criterion.id, rating: null, proposal: proposeRating(criterion, evidence, interviewer), evidence };
  });
}

function proposeRating(criterion: DraftCriterion, evidence: readonly DraftEvidence[], interviewer: string): DraftRating['proposal'] {
  if (criterion.kind === 'deal-breaker') {
    const first = evidence[0]!;
    const quote = first.quote ? ` (“${first.quote}”)` : '';
    return { rating: 'strong_no', reason: `A moment on this deal-breaker was accepted at ${formatSpokenClock(first.start)}${quote}: if it shows the deal-breaker, that is a strong no.` };
  }
  const own = evidence.filter((m) => m.origin === 'manual' && sameName(m.author, interviewer));
  if (own.length === 0) return null;
  const times = own.map((m) => formatSpokenClock(m.start)).join(', ');
  return { rating: 'yes', reason: `You tagged this during the call (${times}) and the evidence was accepted.` };
}

const sameName = (a: string | null, b: string) => a !== null && a.trim().toLowerCase() === b.trim().toLowerCase();
