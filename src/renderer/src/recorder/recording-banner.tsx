import { useEffect, useState } from 'react';
import './recorder.css';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { hrefFor } from '../app-shell/route.js';
import { formatTimestamp } from '../ui/format.js';
import { useActiveRecording } from './active-recording.js';

/** Elsewhere in the app while a recording runs: that it runs, for how long, and the way back to it. */
export function RecordingBanner({ hidden }: { hidden: boolean }) {
  const recording = useActiveRecording();
  const [status, setStatus] = useState<OutputOf<'capture:status'> | null>(null);
  const sessionId = recording?.sessionId;

  useEffect(() => {
    if (!sessionId || hidden) return;
    let alive = true;
    const poll = async () => {
      // Only the state: segments are the recorder's (a cursor past any position asks for none).
      const r = await window.debrief.captureStatus({ sessionId, afterPosition: Number.MAX_SAFE_INTEGER }).catch(() => null);
      if (alive && r?.ok) setStatus(r.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), 1000);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [sessionId, hidden]);

  if (!recording || hidden) return null;
  const state = status?.state === 'failed' ? 'Recording stopped by an error' : status?.state === 'paused' ? 'Recording paused' : 'Recording';
  return (
    <div className={`recording-banner${status?.state === 'paused' ? ' recorder__bar--paused' : ''}`} role="status" data-testid="recording-banner">
      <span className="recorder__dot" aria-hidden="true" />
      <strong>{state}</strong>
      {status && <span className="recorder__elapsed">{formatTimestamp(status.elapsedSec)}</span>}
      <a href={hrefFor({ view: 'record' })}>Back to the recorder</a>
    </div>
  );
}
