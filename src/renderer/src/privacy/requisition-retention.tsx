import { useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { ZeroDayConfirmation } from './zero-day-confirmation.js';

/** "" follows the default; anything else must be whole days (the contract checks the range). */
const toDays = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const fromDays = (days: number | null) => (days === null ? '' : String(days));

/**
 * One requisition's retention, overriding Settings → Privacy: an empty field follows the default.
 * A 0-day value is asked about first, as in Settings.
 */
export function RequisitionRetention({ requisitionId }: { requisitionId: string }) {
  const [current, reload] = useIpc(() => window.debrief.privacyGetRetentionOverride({ requisitionId }), `retention-${requisitionId}`);
  const [audioDays, setAudioDays] = useState('');
  const [transcriptDays, setTranscriptDays] = useState('');
  const [confirming, setConfirming] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = useIpcAction();
  const id = useId();
  useEffect(() => {
    if (current.state !== 'ok') return;
    setAudioDays(fromDays(current.value.override.audioDays));
    setTranscriptDays(fromDays(current.value.override.transcriptDaysAfterClose));
  }, [current.state]);

  async function submit(event: FormEvent | undefined, confirmed = false) {
    event?.preventDefault();
    setSaved(false);
    const override = { audioDays: toDays(audioDays), transcriptDaysAfterClose: toDays(transcriptDays) };
    const result = await save.run(() => window.debrief.privacySetRetentionOverride({ requisitionId, override, confirmed }));
    if (result === null) {
      setConfirming(undefined);
      setSaved(true);
      reload();
    }
  }
  // The store asks about 0 days with an error; shown as a question with a confirm button.
  useEffect(() => {
    if (save.error?.code === 'retention-zero-needs-confirmation') {
      setConfirming(save.error.message);
      save.setError(undefined);
    }
  }, [save.error]);

  const defaults = current.state === 'ok' ? current.value.defaults : undefined;
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby={id}>
      <h2 id={id}>Retention for this requisition</h2>
      {current.state === 'error' && <ErrorMessage error={current.error} />}
      <label>
        Keep audio for{' '}
        <input
          type="number"
          min={0}
          step={1}
          value={audioDays}
          placeholder={defaults ? String(defaults.audioDays) : ''}
          onChange={(e) => setAudioDays(e.target.value)}
          aria-label="Days to keep this requisition's audio"
        />{' '}
        days after the interview
      </label>
      <label>
        Keep transcripts for{' '}
        <input
          type="number"
          min={0}
          step={1}
          value={transcriptDays}
          placeholder={defaults ? String(defaults.transcriptDaysAfterClose) : ''}
          onChange={(e) => setTranscriptDays(e.target.value)}
          aria-label="Days to keep this requisition's transcripts"
        />{' '}
        days after it closes
      </label>
      <p className="muted">
        Leave a field empty to follow Settings → Privacy
        {defaults && ` (${defaults.audioDays} days for audio, ${defaults.transcriptDaysAfterClose} days for transcripts)`}.
      </p>
      {save.error && <ErrorMessage title="Could not save this requisition's retention." error={save.error} />}
      {confirming && <ZeroDayConfirmation message={confirming} onConfirm={() => void submit(undefined, true)} onCancel={() => setConfirming(undefined)} />}
      <div className="form-actions">
        <button type="submit" className="button" disabled={current.state !== 'ok' || save.busy}>
          Save retention
        </button>
        {saved && <span role="status">Retention saved.</span>}
      </div>
    </form>
  );
}
