import { useId, useState } from 'react';
import type { IpcError, OutputOf } from '../../../shared/ipc/contract.js';
import { hrefFor } from '../app-shell/route.js';
import { ErrorMessage } from '../ui/error-message.js';
import { serves } from '../ui/transport.js';
import { STATUS_LABELS } from './requisition-status.js';

type Requisition = OutputOf<'requisitions:get'>['requisition'];

export function RequisitionHeader({ requisition: r, onChanged }: { requisition: Requisition; onChanged: () => void }) {
  const statusId = useId();
  const [error, setError] = useState<IpcError>();
  const people = [r.role, r.hiringManager && `Hiring manager: ${r.hiringManager}`, r.recruiter && `Recruiter: ${r.recruiter}`].filter(Boolean);

  async function setStatus(status: Requisition['status']) {
    const result = await window.debrief.requisitionsUpdate({ id: r.id, status });
    if (result.ok) {
      setError(undefined);
      onChanged();
    } else setError(result.error);
  }

  return (
    <header className="view__header requisition-header">
      <div>
        <h1 id="requisition-title">{r.title}</h1>
        {people.length > 0 && <p className="view__lede">{people.join(' · ')}</p>}
        {serves('calibration:get') && <a href={hrefFor({ view: 'calibration', requisitionId: r.id })}>Calibration across this search</a>}
      </div>
      <div className="requisition-header__status">
        <label htmlFor={statusId}>Status</label>
        <select id={statusId} value={r.status} disabled={!serves('requisitions:update')} onChange={(e) => void setStatus(e.target.value as Requisition['status'])}>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {error && <ErrorMessage title="Could not change the status." error={error} />}
    </header>
  );
}
