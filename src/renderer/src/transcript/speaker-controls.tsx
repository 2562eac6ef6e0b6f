import { useState } from 'react';
import type { IpcResult } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpcAction } from '../ui/use-ipc.js';

/** Runs one speaker change, then has the transcript reloaded. */
export type SpeakerChange = <T>(call: () => Promise<IpcResult<T>>) => Promise<T | undefined>;

export function useSpeakerChange(onChanged: () => Promise<void>) {
  const action = useIpcAction();
  const change: SpeakerChange = async (call) => {
    const result = await action.run(call);
    if (result !== undefined) await onChanged();
    return result;
  };
  return { change, busy: action.busy, error: action.error };
}

/** The interview's speakers, each renameable; a one-speaker transcript can be split into interviewer and candidate. */
export function SpeakersBar({ sessionId, speakers, hasTranscript, change, busy }: { sessionId: string; speakers: string[]; hasTranscript: boolean; change: SpeakerChange; busy: boolean }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [name, setName] = useState('');
  if (!hasTranscript) return null;
  return (
    <div className="speakers-bar" role="group" aria-label="Speakers">
      <span className="muted">Speakers:</span>
      {speakers.map((speaker) =>
        renaming === speaker ? (
          <form
            key={speaker}
            className="speakers-bar__rename"
            onSubmit={(e) => {
              e.preventDefault();
              void change(() => window.debrief.speakersRename({ sessionId, from: speaker, to: name })).then((r) => r && setRenaming(null));
            }}
          >
            <input aria-label={`New name for ${speaker}`} value={name} onChange={(e) => setName(e.target.value)} autoFocus />
            <button type="submit" className="button" disabled={busy || name.trim() === ''}>
              Save
            </button>
            <button type="button" className="button button--quiet" onClick={() => setRenaming(null)}>
              Cancel
            </button>
          </form>
        ) : (
          <button
            key={speaker}
            type="button"
            className="button button--quiet"
            aria-label={`Rename ${speaker}`}
            onClick={() => {
              setRenaming(speaker);
              setName(speaker);
            }}
          >
            {speaker} ✎
          </button>
        ),
      )}
      {speakers.length < 2 && (
        <>
          <button type="button" className="button" disabled={busy} onClick={() => void change(() => window.debrief.speakersSplit({ sessionId }))}>
            Split interviewer and candidate
          </button>
          <span className="muted">One voice track: Debrief finds the questions and the answers from the words and pauses. Correct any line below.</span>
        </>
      )}
    </div>
  );
}

/** What is selected in the transcript: whole lines (ticked), or words of one line (text selection). */
export interface WordSelection {
  segmentId: string;
  fromWord: number;
  toWord: number;
  text: string;
}

/** Reads the browser's text selection as words of one transcript line (spans carrying `data-word`). */
export function readWordSelection(): WordSelection | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const wordOf = (node: Node | null) => (node instanceof Element ? node : node?.parentElement)?.closest<HTMLElement>('[data-word]') ?? null;
  const [a, b] = [wordOf(selection.anchorNode), wordOf(selection.focusNode)];
  const line = a?.closest<HTMLElement>('[data-segment-id]');
  if (!a || !b || !line || b.closest('[data-segment-id]') !== line) return null;
  const [x, y] = [Number(a.dataset.word), Number(b.dataset.word)];
  return { segmentId: line.dataset.segmentId!, fromWord: Math.min(x, y), toWord: Math.max(x, y), text: selection.toString().trim() };
}

/** Actions on the selection: give lines (or the rest of a turn from a word) to a speaker; make words evidence. */
export function SelectionBar({
  sessionId,
  speakers,
  lines,
  words,
  criteria,
  change,
  busy,
  onEvidence,
  onClear,
}: {
  sessionId: string;
  speakers: string[];
  lines: string[];
  words: WordSelection | null;
  criteria: readonly { id: string; title: string }[];
  change: SpeakerChange;
  busy: boolean;
  onEvidence: (words: WordSelection, criterionId: string) => void;
  onClear: () => void;
}) {
  const [speaker, setSpeaker] = useState(speakers[0] ?? '');
  const [newSpeaker, setNewSpeaker] = useState('');
  const [criterionId, setCriterionId] = useState(criteria[0]?.id ?? '');
  if (lines.length === 0 && !words) return null;
  const target = speaker === NEW_SPEAKER ? newSpeaker.trim() : speaker;
  const give = (segmentIds: string[], fromWord?: number) =>
    void change(() => window.debrief.speakersReassign({ sessionId, segmentIds, speaker: target, ...(fromWord === undefined ? {} : { fromWord }) })).then((r) => r && onClear());
  const firstWord = words?.text.split(/\s+/)[0] ?? '';
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected transcript">
      <label>
        Speaker{' '}
        <select aria-label="Give to speaker" value={speaker} onChange={(e) => setSpeaker(e.target.value)}>
          {speakers.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
          <option value={NEW_SPEAKER}>New speaker…</option>
        </select>
      </label>
      {speaker === NEW_SPEAKER && <input aria-label="New speaker's name" value={newSpeaker} onChange={(e) => setNewSpeaker(e.target.value)} />}
      {lines.length > 0 && (
        <button type="button" className="button" disabled={busy || target === ''} onClick={() => give(lines)}>
          Give {lines.length === 1 ? 'this line' : `these ${lines.length} lines`} to {target || '…'}
        </button>
      )}
      {words && (
        <button type="button" className="button" disabled={busy || target === ''} onClick={() => give([words.segmentId], words.fromWord)}>
          Give the rest of this turn from “{firstWord}” to {target || '…'}
        </button>
      )}
      {words && criteria.length > 0 && (
        <span className="selection-bar__evidence">
          <select aria-label="Evidence for criterion" value={criterionId} onChange={(e) => setCriterionId(e.target.value)}>
            {criteria.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
          <button type="button" className="button button--primary" disabled={busy || criterionId === ''} onClick={() => onEvidence(words, criterionId)}>
            Make evidence
          </button>
        </span>
      )}
      <button type="button" className="button button--quiet" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}

const NEW_SPEAKER = '\u0000new';

export function SpeakerChangeError({ error }: { error: Parameters<typeof ErrorMessage>[0]['error'] | undefined }) {
  return error ? <ErrorMessage title="Could not change the speakers." error={error} /> : null;
}
