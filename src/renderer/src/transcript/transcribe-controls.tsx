import { useEffect, useId, useState } from 'react';
import type { OutputOf, SessionDetail } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { unexpectedError, useIpc, useIpcAction } from '../ui/use-ipc.js';

type Job = NonNullable<OutputOf<'transcription:status'>>;
const active = (job: Job | null) => job?.state === 'queued' || job?.state === 'running';

/**
 * "Transcribe" (no transcript yet) or "Transcribe again" (another model) for a session with audio.
 * It runs in the background queue: this page only polls its progress, and leaving it does not stop it.
 */
export function TranscribeControls({ session, onTranscribed }: { session: SessionDetail; onTranscribed: () => Promise<void> }) {
  const [models] = useIpc(() => window.debrief.modelsList(), 'models-for-transcribe');
  const [job, setJob] = useState<Job | null>(null);
  const [model, setModel] = useState('');
  const { busy, error, setError, run } = useIpcAction();
  const ids = { model: useId() };
  const running = active(job);

  // A job started earlier (or on another page) is picked up, then followed while it runs.
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const r = await window.debrief.transcriptionStatus({ sessionId: session.id }).catch((e: unknown) => ({ ok: false as const, error: unexpectedError(e) }));
      if (!alive) return;
      if (!r.ok) return setError(r.error);
      setJob(r.value);
      if (active(r.value)) timer = setTimeout(() => void poll(), 500);
      // Only a job this effect followed while running reloads the transcript, not one found finished.
      else if (r.value?.state === 'done' && followed) await onTranscribed();
    };
    const followed = running;
    void poll();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [session.id, running]);

  if (session.tracks.length === 0 || session.status === 'recording' || session.audioDeletedAt) return null;
  const installed = models.state === 'ok' ? models.value.models.filter((m) => m.status === 'installed') : [];
  const inUse = models.state === 'ok' ? models.value.inUse : null;
  const again = session.segmentCount > 0;

  async function start() {
    const started = await run(() => window.debrief.transcriptionStart({ sessionId: session.id, ...(model ? { model } : {}) }));
    if (started) setJob(started);
  }
  async function cancel() {
    const stopped = await run(() => window.debrief.transcriptionCancel({ sessionId: session.id }));
    if (stopped) setJob(stopped);
  }

  return (
    <div className="transcribe-controls" data-testid="transcribe-controls">
      {running && job ? (
        <div className="field__row" role="status" aria-label="Transcription progress">
          <progress max={1} value={job.fraction} aria-label="Transcribed so far" />
          <span>{job.state === 'queued' ? 'Waiting to transcribe…' : `Transcribing… ${Math.round(job.fraction * 100)}%`}</span>
          <button type="button" className="button" disabled={busy} onClick={() => void cancel()}>
            Cancel
          </button>
        </div>
      ) : (
        <div className="field__row">
          {installed.length > 1 && (
            <>
              <label htmlFor={ids.model}>Model</label>
              <select id={ids.model} value={model} onChange={(e) => setModel(e.target.value)}>
                <option value="">{inUse ? `Default (${inUse})` : 'Default model'}</option>
                {installed
                  .filter((m) => m.name !== inUse)
                  .map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.name}
                    </option>
                  ))}
              </select>
            </>
          )}
          <button type="button" className={again ? 'button' : 'button button--primary'} disabled={busy} onClick={() => void start()}>
            {again ? 'Transcribe again' : 'Transcribe'}
          </button>
          {job?.state === 'done' && <span role="status">Transcribed: {job.segmentCount} segments.</span>}
          {job?.state === 'cancelled' && <span role="status">Cancelled: the transcript is unchanged.</span>}
        </div>
      )}
      {job?.state === 'failed' && job.error && <ErrorMessage title="Could not transcribe this session; the transcript is unchanged." error={job.error} />}
      {error && <ErrorMessage error={error} />}
    </div>
  );
}
