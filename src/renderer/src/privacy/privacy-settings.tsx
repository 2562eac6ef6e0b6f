import { useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';
import { ZeroDayConfirmation } from './zero-day-confirmation.js';

/** Settings → Privacy: how long audio and transcripts are kept; a 0-day value is confirmed first. */
export function PrivacySettings() {
  const [policy] = useIpc(() => window.debrief.privacyGetRetention(), 'retention');
  const [audioDays, setAudioDays] = useState('30');
  const [transcriptDays, setTranscriptDays] = useState('90');
  const [saved, setSaved] = useState(false);
  const [confirming, setConfirming] = useState<string>();
  const save = useIpcAction();
  const run = useIpcAction();
  const [report, setReport] = useState<string>();
  const id = useId();
  useEffect(() => {
    if (policy.state !== 'ok') return;
    setAudioDays(String(policy.value.audioDays));
    setTranscriptDays(String(policy.value.transcriptDaysAfterClose));
  }, [policy.state]);

  async function submit(event: FormEvent | undefined, confirmed = false) {
    event?.preventDefault();
    setSaved(false);
    const input = { policy: { audioDays: Number(audioDays), transcriptDaysAfterClose: Number(transcriptDays) }, confirmed };
    const result = await save.run(() => window.debrief.privacySetRetention(input));
    if (result === null) {
      setConfirming(undefined);
      setSaved(true);
    }
  }
  // The store's question about 0 days comes back as an error: shown as a question with a confirm button.
  useEffect(() => {
    if (save.error?.code === 'retention-zero-needs-confirmation') {
      setConfirming(save.error.message);
      save.setError(undefined);
    }
  }, [save.error]);

  async function runNow(dryRun: boolean) {
    const r = await run.run(() => window.debrief.privacyRunRetention({ dryRun }));
    if (!r) return;
    const verb = dryRun ? 'would be removed' : 'removed';
    setReport(r.items.length === 0 ? 'Nothing has expired.' : `${r.items.length} session(s): ${r.items.map((i) => `${i.title} (${[i.audio && 'audio', i.transcript && 'transcript'].filter(Boolean).join(' and ')})`).join('; ')} ${verb}.`);
  }

  return (
    <form className="panel" onSubmit={(e) => void submit(e)} aria-labelledby={id}>
      <h2 id={id}>Privacy: retention</h2>
      {policy.state === 'error' && <ErrorMessage error={policy.error} />}
      <label>
        Keep audio for{' '}
        <input type="number" min={0} step={1} value={audioDays} onChange={(e) => setAudioDays(e.target.value)} aria-label="Days to keep audio" /> days after the interview
      </label>
      <label>
        Keep transcripts for{' '}
        <input type="number" min={0} step={1} value={transcriptDays} onChange={(e) => setTranscriptDays(e.target.value)} aria-label="Days to keep transcripts" /> days after
        the requisition closes
      </label>
      <p className="muted">Scorecards and debriefs are kept until deleted, with the quotes they cite. Each requisition can override these.</p>
      {save.error && <ErrorMessage title="Could not save the retention policy." error={save.error} />}
      {confirming && <ZeroDayConfirmation message={confirming} onConfirm={() => void submit(undefined, true)} onCancel={() => setConfirming(undefined)} />}
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={policy.state !== 'ok' || save.busy}>
          Save retention
        </button>
        <button type="button" className="button" disabled={run.busy} onClick={() => void runNow(true)}>
          Show what has expired
        </button>
        <button type="button" className="button" disabled={run.busy} onClick={() => void runNow(false)}>
          Apply now
        </button>
        {saved && <span role="status">Saved.</span>}
      </div>
      {run.error && <ErrorMessage title="The retention run failed; nothing more was removed." error={run.error} />}
      {report && <p role="status">{report}</p>}
    </form>
  );
}
