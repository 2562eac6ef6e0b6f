import { useState } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

/**
 * For the candidate page: export everything held about the candidate, erase it (confirmed; refused
 * while their interview records), and who touched their data. Mounted by the candidate page.
 */
export function CandidatePrivacyPanel({ candidateId, onErased }: { candidateId: string; onErased?: (receipt: string) => void }) {
  const [audit, reloadAudit] = useIpc(() => window.debrief.privacyAudit({ candidateId }), `audit-${candidateId}`);
  const [exportPath, setExportPath] = useState('');
  const [confirmErase, setConfirmErase] = useState(false);
  const [done, setDone] = useState<string>();
  const action = useIpcAction();

  async function exportData() {
    const r = await action.run(() => window.debrief.privacyExportCandidate({ candidateId, path: exportPath }));
    if (r) setDone(`Exported ${r.sessions} session(s) and ${r.audioFiles} audio file(s) to ${exportPath}.`);
    reloadAudit();
  }

  async function erase() {
    const r = await action.run(() => window.debrief.privacyEraseCandidate({ candidateId }));
    setConfirmErase(false);
    if (!r) return;
    const receipt = `Erased on ${formatDate(r.erasedAt)}: receipt ${r.receiptId} (${r.server}).`;
    setDone(receipt);
    onErased?.(receipt);
  }

  return (
    <section className="panel" aria-label="Candidate data">
      <h2>Candidate data</h2>
      <label>
        Export to{' '}
        <input value={exportPath} onChange={(e) => setExportPath(e.target.value)} placeholder="/full/path/candidate-export.tar" aria-label="Export file" />
      </label>
      <div className="form-actions">
        <button type="button" className="button" disabled={action.busy || exportPath.trim() === ''} onClick={() => void exportData()}>
          Export everything
        </button>
        {!confirmErase ? (
          <button type="button" className="button" disabled={action.busy} onClick={() => setConfirmErase(true)}>
            Erase candidate…
          </button>
        ) : (
          <span role="alertdialog" aria-label="Confirm erasure">
            This deletes their recordings, transcripts, moments and scorecards for good.{' '}
            <button type="button" className="button" onClick={() => void erase()}>
              Erase
            </button>{' '}
            <button type="button" className="button" onClick={() => setConfirmErase(false)}>
              Cancel
            </button>
          </span>
        )}
      </div>
      {action.error && <ErrorMessage error={action.error} />}
      {done && <p role="status">{done}</p>}
      <h3>Who touched this data</h3>
      {audit.state === 'error' && <ErrorMessage error={audit.error} />}
      {audit.state === 'ok' && (
        <ol aria-label="Audit trail">
          {audit.value.map((e) => (
            <li key={e.seq}>
              {formatDate(e.at)} · {e.actor} {e.action} {e.subjectKind}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
