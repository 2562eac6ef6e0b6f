import { useEffect, useRef, useState, type FormEvent } from 'react';
import './tagging.css';
import type { IpcError } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { formatTimestamp } from '../ui/format.js';
import { SignOffBadge } from '../ui/sign-off-badge.js';
import { unexpectedError, useIpc } from '../ui/use-ipc.js';
import { FLAG_KEY, isTypingTarget, tagActionFor, type TagAction } from './hotkeys.js';
import { InterviewPlan } from './interview-plan.js';
import { RubricPicker } from './rubric-picker.js';
import { KIND_LABELS, momentLabel, type Moment, type SessionRubric } from './tagging-types.js';

const RECENT_SHOWN = 8;
const FLASH_MS = 900;

/**
 * During the call: one chip per criterion (keys 1–9 press them), F to flag a moment to revisit, a
 * short note for the last tag, recent tags with undo, and the interview plan. Tags land at the
 * recording's elapsed time when the key is pressed. Keys typed into a field are text, not tags.
 */
export function TaggingPanel({ sessionId, elapsedSec }: { sessionId: string; elapsedSec: () => number }) {
  const [context, reloadContext] = useIpc(() => window.debrief.taggingContext({ sessionId }), sessionId);
  const [recent, setRecent] = useState<Moment[]>([]);
  const [note, setNote] = useState('');
  const [status, setStatus] = useState('');
  const [flash, setFlash] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const flashTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const noteField = useRef<HTMLInputElement>(null);
  const rubric = context.state === 'ok' ? context.value.rubric : null;
  const author = context.state === 'ok' ? (context.value.interviewer ?? undefined) : undefined;

  // Tags made earlier in this session (e.g. before the window reloaded) stay undoable.
  useEffect(() => {
    let alive = true;
    void window.debrief.momentsList({ sessionId }).then((r) => {
      if (alive && r.ok) setRecent(r.value.filter((m) => m.origin === 'manual').sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, RECENT_SHOWN));
    });
    return () => {
      alive = false;
      clearTimeout(flashTimer.current);
    };
  }, [sessionId]);

  async function tag(action: TagAction) {
    // The moment is when the key went down, not when the store answers.
    const atSec = Math.round(elapsedSec() * 10) / 10;
    const criterionId = action.kind === 'criterion' ? action.criterionId : null;
    setFlash(criterionId ?? 'flag');
    clearTimeout(flashTimer.current);
    flashTimer.current = setTimeout(() => setFlash(null), FLASH_MS);
    const r = await window.debrief
      .momentsTag({ sessionId, atSec, criterionId, flagged: action.kind === 'flag', author })
      .catch((e: unknown) => ({ ok: false as const, error: unexpectedError(e) }));
    if (!r.ok) return setError(r.error);
    setError(null);
    setNote('');
    setRecent((list) => [r.value, ...list].slice(0, RECENT_SHOWN));
    setStatus(`Tagged ${momentLabel(r.value, rubric?.criteria ?? [])} at ${formatTimestamp(r.value.start)}`);
  }

  // The listener reads the latest render's state through this ref, so it is added once.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  onKey.current = (event) => {
    if (context.state !== 'ok') return;
    const action = tagActionFor(
      { key: event.key, ctrlKey: event.ctrlKey, altKey: event.altKey, metaKey: event.metaKey, repeat: event.repeat, typing: isTypingTarget(event.target as HTMLElement | null) },
      rubric?.criteria ?? [],
    );
    if (!action) return;
    event.preventDefault();
    void tag(action);
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  async function saveNote(event: FormEvent) {
    event.preventDefault();
    const last = recent[0];
    if (!last) return;
    const r = await window.debrief.momentsUpdate({ id: last.id, note });
    if (!r.ok) return setError(r.error);
    setRecent((list) => [r.value, ...list.slice(1)]);
    setNote('');
    setStatus(r.value.note ? `Note saved for ${momentLabel(r.value, rubric?.criteria ?? [])}` : 'Note removed');
    // Back to tagging: keys go to the tags again.
    noteField.current?.blur();
  }

  async function undo(moment: Moment) {
    const r = await window.debrief.momentsDelete({ id: moment.id });
    if (!r.ok) return setError(r.error);
    setRecent((list) => list.filter((m) => m.id !== moment.id));
    setStatus(`Removed ${momentLabel(moment, rubric?.criteria ?? [])} at ${formatTimestamp(moment.start)}`);
  }

  const last = recent[0];
  return (
    <aside className="tagging-panel" aria-labelledby="tagging-title">
      <h2 id="tagging-title">Tag this moment</h2>
      {context.state === 'error' && <ErrorMessage title="Could not load this session's rubric." error={context.error} />}
      {context.state === 'ok' && (rubric ? <RubricHeading rubric={rubric} /> : <RubricPicker sessionId={sessionId} onAttached={reloadContext} />)}

      {context.state === 'ok' && (
        <div className="tagging-panel__chips" role="group" aria-label="Criteria">
          {rubric?.criteria.map((c) => (
            <button
              key={c.id}
              type="button"
              className={`tag-chip tag-chip--${c.kind}${flash === c.id ? ' tag-chip--flash' : ''}`}
              onClick={() => void tag({ kind: 'criterion', criterionId: c.id })}
              aria-keyshortcuts={c.hotkey ?? undefined}
              title={`${KIND_LABELS[c.kind]}${c.hotkey ? ` · key ${c.hotkey}` : ''}`}
              data-testid="criterion-chip"
            >
              {c.hotkey && <kbd>{c.hotkey}</kbd>}
              <span>{c.title}</span>
            </button>
          ))}
          <button
            type="button"
            className={`tag-chip tag-chip--flag${flash === 'flag' ? ' tag-chip--flash' : ''}`}
            onClick={() => void tag({ kind: 'flag' })}
            aria-keyshortcuts={FLAG_KEY}
            data-testid="flag-chip"
          >
            <kbd>{FLAG_KEY}</kbd>
            <span>Flag to revisit</span>
          </button>
        </div>
      )}
      {rubric && (
        <p className="tagging-panel__hint muted">
          Press {rubric.criteria.some((c) => c.hotkey) ? `1–${rubric.criteria.filter((c) => c.hotkey).length} to tag a criterion, ` : ''}
          {FLAG_KEY} to flag a moment. Keys typed in a field are not tags.
        </p>
      )}

      <p className="tagging-panel__status" role="status" aria-live="polite" data-testid="tag-status">
        {status}
      </p>

      {last && (
        <form className="tagging-panel__note" onSubmit={(e) => void saveNote(e)}>
          <input
            ref={noteField}
            type="text"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
            placeholder="Note for the last tag…"
            title={`Note for ${momentLabel(last, rubric?.criteria ?? [])} at ${formatTimestamp(last.start)}; Enter saves`}
            maxLength={500}
            aria-label="Note for the last tag"
          />
          <button type="submit" className="button tagging-panel__save">
            Save note
          </button>
        </form>
      )}

      {recent.length > 0 && (
        <ol className="tagging-panel__recent" aria-label="Recent tags" data-testid="recent-tags">
          {recent.map((m) => (
            <li key={m.id} className={m.flagged ? 'recent-tag recent-tag--flag' : 'recent-tag'}>
              <span className="recent-tag__time">{formatTimestamp(m.start)}</span>
              <span className="recent-tag__label">
                {momentLabel(m, rubric?.criteria ?? [])}
                {m.note && <em className="recent-tag__note"> — {m.note}</em>}
              </span>
              <button type="button" className="link-button" onClick={() => void undo(m)} aria-label={`Undo ${momentLabel(m, rubric?.criteria ?? [])} at ${formatTimestamp(m.start)}`}>
                Undo
              </button>
            </li>
          ))}
        </ol>
      )}

      {error && <ErrorMessage title="The tag was not saved." error={error} />}
      {rubric && <InterviewPlan rubric={rubric} />}
    </aside>
  );
}

function RubricHeading({ rubric }: { rubric: SessionRubric }) {
  return (
    <p className="tagging-panel__rubric">
      <span>
        {rubric.title} · v{rubric.version}
      </span>
      <SignOffBadge signedOff={rubric.signedOff} />
    </p>
  );
}
