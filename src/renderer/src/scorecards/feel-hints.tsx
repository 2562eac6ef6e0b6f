import { useEffect, useState } from 'react';
import type { FeelFlagView } from '../../../shared/ipc/scorecard-channels.js';

/** Asks, as the interviewer types (after a short pause), whether the note lives in "feel". */
export function useFeelFlags(sessionId: string, text: string, criterionId: string | null, linkedMomentIds: readonly string[]): FeelFlagView[] {
  const [flags, setFlags] = useState<FeelFlagView[]>([]);
  const linked = linkedMomentIds.join(',');
  useEffect(() => {
    if (!text.trim()) {
      setFlags([]);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      window.debrief.feedbackShape({ sessionId, text, criterionId, linkedMomentIds: [...linkedMomentIds] }).then(
        (r) => current && setFlags(r.ok ? r.value : []),
        () => current && setFlags([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // `linked` stands for the moment list.
  }, [sessionId, text, criterionId, linked]);
  return flags;
}

export function FeelHints({ flags, criterionTitle, onRewrite }: { flags: FeelFlagView[]; criterionTitle: (id: string) => string; onRewrite(text: string): void }) {
  if (flags.length === 0) return null;
  return (
    <div className="feel-hints" role="status">
      {flags.map((f) => (
        <div key={f.sentence} className="feel-hint" data-testid="feel-flag">
          <p>
            <strong>Lives in feel:</strong> “{f.matches.map((m) => m.text).join('”, “')}” with no moment behind it.
            {f.suggestedCriterionId && <> Tie it to <em>{criterionTitle(f.suggestedCriterionId)}</em>.</>}
          </p>
          {f.rewrite && (
            <p>
              Shaped: <q>{f.rewrite}</q>{' '}
              <button type="button" onClick={() => onRewrite(f.rewrite!)}>
                Use this wording
              </button>
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
