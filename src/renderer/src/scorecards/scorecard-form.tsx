import { useState } from 'react';
import type { ScorecardDraftView, SubmittedScorecardView } from '../../../shared/ipc/scorecard-channels.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { useIpcAction } from '../ui/use-ipc.js';
import { FeelHints, useFeelFlags } from './feel-hints.js';
import { RATING_CHOICES, RECOMMENDATION_CHOICES, ratingLabel, type RatingChoice, type Recommendation } from './scorecard-labels.js';

interface RatingState {
  rating: RatingChoice | null;
  note: string;
}

/**
 * Fill and submit (or amend) a scorecard from the draft: one group per criterion with the evidence
 * behind it, the draft's proposal and why, a note checked for "feel" as it is typed. Radio groups
 * and buttons only, so Tab, arrow keys and Enter do it all.
 */
export function ScorecardForm({
  draft,
  amending,
  onPlay,
  onDone,
}: {
  draft: ScorecardDraftView;
  /** The submitted scorecard being amended: the form starts from its current version and asks why. */
  amending: SubmittedScorecardView | null;
  onPlay(atSec: number): void;
  onDone(card: SubmittedScorecardView): void;
}) {
  const current = amending?.versions[0];
  const [ratings, setRatings] = useState<Record<string, RatingState>>(() =>
    Object.fromEntries(
      draft.ratings.map((r) => {
        const was = current?.ratings.find((x) => x.criterion.id === r.criterionId);
        return [r.criterionId, { rating: was?.rating ?? r.rating, note: was?.note ?? '' }];
      }),
    ),
  );
  const [recommendation, setRecommendation] = useState<Recommendation | null>(current?.recommendation ?? null);
  const [summary, setSummary] = useState(current?.summary ?? '');
  const [reason, setReason] = useState('');
  const action = useIpcAction();
  const title = (id: string) => draft.criteria.find((c) => c.id === id)?.title ?? id;
  const unrated = draft.criteria.filter((c) => ratings[c.id]?.rating === null);

  const submit = async () => {
    if (!recommendation) {
      action.setError({ code: 'no-recommendation', message: 'Choose an overall recommendation before submitting.' });
      return;
    }
    if (unrated.length > 0) {
      action.setError({ code: 'criteria-unrated', message: `Rate every criterion before submitting (or mark it no evidence): ${unrated.map((c) => `“${c.title}”`).join(', ')}.` });
      return;
    }
    const body = {
      rubricVersionId: draft.rubricVersionId,
      recommendation,
      summary,
      ratings: draft.ratings.map((r) => {
        const s = ratings[r.criterionId]!;
        return { criterionId: r.criterionId, rating: s.rating!, note: s.note, momentIds: s.rating === 'no_evidence' ? [] : r.evidence.map((e) => e.id) };
      }),
    };
    const card = await action.run(() =>
      amending ? window.debrief.scorecardsAmend({ id: amending.id, reason, ...body }) : window.debrief.scorecardsSubmit({ sessionId: draft.sessionId, interviewer: draft.interviewer, ...body }),
    );
    if (card) onDone(card);
  };

  return (
    <form
      className="scorecard-form"
      aria-label={amending ? 'Amend scorecard' : 'Scorecard'}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {draft.criteria.map((c) => {
        const r = draft.ratings.find((x) => x.criterionId === c.id)!;
        const state = ratings[c.id]!;
        const set = (patch: Partial<RatingState>) => setRatings((all) => ({ ...all, [c.id]: { ...all[c.id]!, ...patch } }));
        return (
          <fieldset key={c.id} className="scorecard-criterion" data-criterion={c.title}>
            <legend>
              {c.title} <span className="scorecard-kind">{c.kind} #{c.kindNumber}</span>
            </legend>
            {c.goodLooksLike && <p className="scorecard-good">Good looks like: {c.goodLooksLike}</p>}
            {r.evidence.length === 0 ? (
              <p className="scorecard-no-evidence">No accepted evidence on this criterion.</p>
            ) : (
              <ul className="scorecard-evidence" aria-label={`Evidence for ${c.title}`}>
                {r.evidence.map((e) => (
                  <li key={e.id}>
                    <button type="button" className="link-button" onClick={() => onPlay(e.start)} aria-label={`Play from ${formatTimestamp(e.start)}`}>
                      {formatTimestamp(e.start)}
                    </button>{' '}
                    {e.quote ? `“${e.quote}”` : (e.note ?? 'Tagged during the call')}
                  </li>
                ))}
              </ul>
            )}
            {r.proposal && (
              <p className="scorecard-proposal">
                Suggested: <strong>{ratingLabel(r.proposal.rating)}</strong> — {r.proposal.reason}{' '}
                <button type="button" onClick={() => set({ rating: r.proposal!.rating })}>
                  Use suggestion for {c.title}
                </button>
              </p>
            )}
            <div role="radiogroup" aria-label={`Rating for ${c.title}`} className="scorecard-scale">
              {RATING_CHOICES.map((choice) => (
                <label key={choice.value}>
                  <input type="radio" name={`rating-${c.id}`} value={choice.value} checked={state.rating === choice.value} onChange={() => set({ rating: choice.value })} />
                  {choice.label}
                </label>
              ))}
            </div>
            <NoteField
              label={`Note on ${c.title}`}
              sessionId={draft.sessionId}
              criterionId={c.id}
              value={state.note}
              linkedMomentIds={state.rating === 'no_evidence' ? [] : r.evidence.map((e) => e.id)}
              criterionTitle={title}
              onChange={(note) => set({ note })}
            />
          </fieldset>
        );
      })}

      <fieldset className="scorecard-overall">
        <legend>Overall recommendation</legend>
        <div role="radiogroup" aria-label="Overall recommendation" className="scorecard-scale">
          {RECOMMENDATION_CHOICES.map((choice) => (
            <label key={choice.value}>
              <input type="radio" name="recommendation" value={choice.value} checked={recommendation === choice.value} onChange={() => setRecommendation(choice.value)} />
              {choice.label}
            </label>
          ))}
        </div>
        <NoteField label="Key take-aways" sessionId={draft.sessionId} criterionId={null} value={summary} linkedMomentIds={[]} criterionTitle={title} onChange={setSummary} />
      </fieldset>

      {amending && (
        <label className="scorecard-reason">
          Why are you amending it?
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
        </label>
      )}
      {action.error && <ErrorMessage error={action.error} title={amending ? 'The amendment was not saved' : 'The scorecard was not submitted'} />}
      <button type="submit" className="button--primary" disabled={action.busy}>
        {amending ? 'Submit amendment' : 'Submit scorecard'}
      </button>
    </form>
  );
}

function NoteField(props: {
  label: string;
  sessionId: string;
  criterionId: string | null;
  value: string;
  linkedMomentIds: readonly string[];
  criterionTitle(id: string): string;
  onChange(text: string): void;
}) {
  const flags = useFeelFlags(props.sessionId, props.value, props.criterionId, props.linkedMomentIds);
  return (
    <div className="scorecard-note">
      <label>
        {props.label}
        <textarea value={props.value} rows={2} onChange={(e) => props.onChange(e.target.value)} />
      </label>
      <FeelHints flags={flags} criterionTitle={props.criterionTitle} onRewrite={props.onChange} />
    </div>
  );
}
