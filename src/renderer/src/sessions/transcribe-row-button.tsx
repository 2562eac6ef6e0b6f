import { useEffect, useState } from 'react';
import type { IpcError, OutputOf } from '../../../shared/ipc/contract.js';
import { unexpectedError } from '../ui/use-ipc.js';

type Job = NonNullable<OutputOf<'transcription:status'>>;

/** "Transcribe" in the Interviews list, for a row without a transcript: queues it, follows its progress, reloads the list when done. */
export function TranscribeRowButton({ sessionId, onDone }: { sessionId: string; onDone: () => void }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const running = job?.state === 'queued' || job?.state === 'running';

  useEffect(() => {
    if (!running) return;
    let alive = true;
    const timer = setInterval(() => {
      void window.debrief
        .transcriptionStatus({ sessionId })
        .catch((e: unknown) => ({ ok: false as const, error: unexpectedError(e) }))
        .then((r) => {
          if (!alive) return;
          if (!r.ok) return setError(r.error);
          setJob(r.value);
          if (r.value?.state === 'done') onDone();
          if (r.value?.state === 'failed' && r.value.error) setError(r.value.error);
        });
    }, 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [sessionId, running]);

  async function start() {
    setError(null);
    const r = await window.debrief.transcriptionStart({ sessionId }).catch((e: unknown) => ({ ok: false as const, error: unexpectedError(e) }));
    if (r.ok) setJob(r.value);
    else setError(r.error);
  }

  if (running && job) return <span className="muted">{job.state === 'queued' ? 'Waiting to transcribe…' : `Transcribing… ${Math.round(job.fraction * 100)}%`}</span>;
  return (
    <>
      <button type="button" className="button button--small" onClick={() => void start()}>
        Transcribe
      </button>
      {error && (
        <span className="error-message" role="alert" data-code={error.code}>
          {error.message}
        </span>
      )}
    </>
  );
}
