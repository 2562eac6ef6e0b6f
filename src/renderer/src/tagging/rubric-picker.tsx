import { useState } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

/** Attaches a signed rubric version to a session, so its moments can be tagged and mapped against it. */
export function RubricPicker({ sessionId, onAttached }: { sessionId: string; onAttached: () => void }) {
  const [signed] = useIpc(() => window.debrief.rubricsListSigned(), 'signed-rubrics');
  const [choice, setChoice] = useState('');
  const { busy, error, run } = useIpcAction();

  async function attach() {
    if (await run(() => window.debrief.taggingSetRubric({ sessionId, versionId: choice }))) onAttached();
  }

  if (signed.state === 'loading') return null;
  if (signed.state === 'error') return <ErrorMessage title="Could not list the signed rubrics." error={signed.error} />;
  if (signed.value.length === 0) {
    return <p className="muted rubric-picker__none">No signed rubric yet: a hiring manager signs one off under Requisitions. Flags (F) work without one.</p>;
  }
  return (
    <div className="rubric-picker">
      <label>
        <span>Rubric for this session</span>
        <select value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Choose a signed rubric…</option>
          {signed.value.map((v) => (
            <option key={v.id} value={v.id}>
              {v.requisitionTitle} v{v.version} (signed by {v.signedOffBy}, {formatDate(v.signedOffAt)})
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" disabled={!choice || busy} onClick={() => void attach()}>
        Use this rubric
      </button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
