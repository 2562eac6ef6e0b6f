import { formatSpokenClock } from '../transcript/timestamps.js';
import { currentVersion, type SubmittedRating, type SubmittedScorecard } from '../scorecard/scorecard.js';
import { FOUR_POINT, GREENHOUSE_ATTRIBUTE_RATING, LEVER_SCORE_OPTIONS, leverOption, RECOMMENDATION_FOUR_POINT, splitName } from './ats-values.js';

/**
 * A submitted scorecard (its current version) in the shapes ATSs take: Greenhouse Harvest's scorecard
 * object, Lever's interview feedback, Ashby's feedback submission. Ids are Debrief's own (uuids):
 * an importer maps them to the ATS's ids.
 */

/** A rating's note with its evidence, e.g. `Clear pricing story. Evidence: 12:03 “we traded term for price”`. */
export function ratingNote(r: SubmittedRating): string | null {
  const evidence = r.evidence.map((e) => `${formatSpokenClock(e.start)}${e.quote ? ` “${e.quote}”` : ''}`);
  const parts = [r.note, evidence.length ? `Evidence: ${evidence.join('; ')}` : null].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

export function toGreenhouseScorecard(card: SubmittedScorecard) {
  const v = currentVersion(card);
  const person = { id: card.interviewer, ...splitName(card.interviewer), name: card.interviewer };
  const buckets = { definitely_not: [] as string[], no: [] as string[], mixed: [] as string[], yes: [] as string[], strong_yes: [] as string[] };
  for (const r of v.ratings) {
    const value = GREENHOUSE_ATTRIBUTE_RATING[r.rating];
    if (value !== 'no_decision') buckets[value].push(r.criterion.title);
  }
  return {
    id: card.id,
    updated_at: v.submittedAt,
    created_at: card.versions.at(-1)!.submittedAt,
    interview: card.stage ?? card.sessionTitle,
    interview_step: { id: card.sessionId, name: card.stage ?? card.sessionTitle },
    candidate_id: card.candidate?.id ?? null,
    application_id: null,
    interviewed_at: card.interviewedAt,
    submitted_by: person,
    interviewer: person,
    submitted_at: v.submittedAt,
    overall_recommendation: v.recommendation,
    attributes: v.ratings.map((r) => ({ name: r.criterion.title, type: kindType(r.criterion.kind), note: ratingNote(r), rating: GREENHOUSE_ATTRIBUTE_RATING[r.rating] })),
    ratings: buckets,
    questions: [
      { id: 1, question: 'Key take-aways', answer: v.summary ?? '' },
      ...(v.amendmentReason ? [{ id: 2, question: `Amended (version ${v.version})`, answer: v.amendmentReason }] : []),
    ],
  };
}

const kindType = (kind: string) => (kind === 'must-have' ? 'Must-have' : kind === 'trade-off' ? 'Trade-off' : 'Deal-breaker');

export function toLeverFeedback(card: SubmittedScorecard) {
  const v = currentVersion(card);
  const fields = [
    {
      id: 'overall',
      type: 'score-system',
      text: 'Rating',
      required: true,
      options: LEVER_SCORE_OPTIONS.map((text) => ({ text })),
      value: leverOption(RECOMMENDATION_FOUR_POINT[v.recommendation]),
    },
    ...v.ratings.map((r, i) => ({
      id: `criterion-${i + 1}`,
      type: 'score',
      text: r.criterion.title,
      description: r.criterion.goodLooksLike,
      required: false,
      value: FOUR_POINT[r.rating],
    })),
    ...v.ratings.map((r, i) => ({ id: `criterion-${i + 1}-note`, type: 'textarea', text: `${r.criterion.title}: notes and evidence`, required: false, value: ratingNote(r) ?? '' })),
    { id: 'summary', type: 'textarea', text: 'Key take-aways', required: false, value: v.summary ?? '' },
  ];
  return {
    type: 'interview',
    text: `${card.requisitionTitle}: ${card.stage ?? card.sessionTitle}`,
    user: card.interviewer,
    completedAt: Date.parse(v.submittedAt),
    fields,
    fieldValues: fields.map((f) => ({ id: f.id, value: f.value })),
  };
}

export function toAshbyFeedback(card: SubmittedScorecard) {
  const v = currentVersion(card);
  const submittedValues: Record<string, unknown> = { overall_recommendation: { score: RECOMMENDATION_FOUR_POINT[v.recommendation] }, summary: v.summary ?? '' };
  v.ratings.forEach((r, i) => {
    submittedValues[`criterion_${i + 1}`] = { score: FOUR_POINT[r.rating] };
    submittedValues[`criterion_${i + 1}_notes`] = ratingNote(r) ?? '';
  });
  return {
    candidateId: card.candidate?.id ?? null,
    interviewId: card.sessionId,
    submittedBy: card.interviewer,
    submittedAt: v.submittedAt,
    feedbackForm: {
      title: `${card.requisitionTitle}: ${card.stage ?? card.sessionTitle}`,
      fields: [
        { path: 'overall_recommendation', title: 'Overall recommendation', type: 'Score', scale: '1-4' },
        ...v.ratings.flatMap((r, i) => [
          { path: `criterion_${i + 1}`, title: r.criterion.title, type: 'Score', scale: '1-4' },
          { path: `criterion_${i + 1}_notes`, title: `${r.criterion.title}: notes and evidence`, type: 'RichText' },
        ]),
        { path: 'summary', title: 'Key take-aways', type: 'RichText' },
      ],
    },
    submittedValues,
  };
}
