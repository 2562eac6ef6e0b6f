import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpcAction } from '../ui/use-ipc.js';

export function NewRequisitionForm({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel: () => void }) {
  const [fields, setFields] = useState({ title: '', role: '', hiringManager: '', recruiter: '' });
  const { busy, error, run } = useIpcAction();
  const ids = { title: useId(), role: useId(), hiringManager: useId(), recruiter: useId() };
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const created = await run(() =>
      window.debrief.requisitionsCreate({
        title: fields.title,
        ...(optional(fields.role) ? { role: optional(fields.role) } : {}),
        ...(optional(fields.hiringManager) ? { hiringManager: optional(fields.hiringManager) } : {}),
        ...(optional(fields.recruiter) ? { recruiter: optional(fields.recruiter) } : {}),
      }),
    );
    if (created) onCreated(created.id);
  }

  return (
    <form className="panel new-requisition" aria-label="New requisition" onSubmit={submit}>
      <div className="field">
        <label htmlFor={ids.title}>Title</label>
        <input id={ids.title} type="text" required maxLength={300} placeholder="e.g. Senior Backend Engineer, Payments" value={fields.title} onChange={set('title')} />
      </div>
      <div className="new-requisition__grid">
        <div className="field">
          <label htmlFor={ids.role}>Role or team</label>
          <input id={ids.role} type="text" maxLength={200} value={fields.role} onChange={set('role')} />
        </div>
        <div className="field">
          <label htmlFor={ids.hiringManager}>Hiring manager</label>
          <input id={ids.hiringManager} type="text" maxLength={200} value={fields.hiringManager} onChange={set('hiringManager')} />
        </div>
        <div className="field">
          <label htmlFor={ids.recruiter}>Recruiter</label>
          <input id={ids.recruiter} type="text" maxLength={200} value={fields.recruiter} onChange={set('recruiter')} />
        </div>
      </div>
      {error && <ErrorMessage title="Could not create the requisition." error={error} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={busy || fields.title.trim() === ''}>
          Create requisition
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
