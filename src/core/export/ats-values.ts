import type { RatingChoice, Recommendation } from '../scorecard/scorecard.js';

/** How our scale reads in each ATS. Greenhouse's attribute ratings add `mixed`; we have no neutral, so never write it. */
export const GREENHOUSE_ATTRIBUTE_RATING: Record<RatingChoice, 'definitely_not' | 'no' | 'yes' | 'strong_yes' | 'no_decision'> = {
  strong_no: 'definitely_not',
  no: 'no',
  yes: 'yes',
  strong_yes: 'strong_yes',
  no_evidence: 'no_decision',
};

/** Lever's score-system options and Ashby's 1–4 scores, strongest first. */
export const LEVER_SCORE_OPTIONS = ['4 - Strong Hire', '3 - Hire', '2 - No Hire', '1 - Strong No Hire'] as const;

export const FOUR_POINT: Record<RatingChoice, 1 | 2 | 3 | 4 | null> = { strong_no: 1, no: 2, yes: 3, strong_yes: 4, no_evidence: null };

export const RECOMMENDATION_FOUR_POINT: Record<Recommendation, 1 | 2 | 3 | 4 | null> = { definitely_not: 1, no: 2, yes: 3, strong_yes: 4, no_decision: null };

export const leverOption = (score: 1 | 2 | 3 | 4 | null): string | null => (score === null ? null : LEVER_SCORE_OPTIONS[4 - score]!);

/** "Dana Kim" → first "Dana", last "Kim"; one word is a first name. */
export function splitName(name: string): { first_name: string; last_name: string } {
  const parts = name.trim().split(/\s+/);
  return { first_name: parts[0] ?? '', last_name: parts.slice(1).join(' ') };
}
