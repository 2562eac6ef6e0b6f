import { useEffect, useRef } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import { formatTimestamp } from '../ui/format.js';

export type LiveSegment = OutputOf<'capture:status'>['segments'][number];

/** The transcript as it is written during the call, newest at the bottom, kept in view. */
export function LiveTranscript({ segments }: { segments: LiveSegment[] }) {
  const end = useRef<HTMLLIElement>(null);
  useEffect(() => {
    // Braces matter: newer Chromium returns a promise from scrollIntoView, and React calls what an effect returns.
    end.current?.scrollIntoView({ block: 'nearest' });
  }, [segments.length]);
  const ordered = [...segments].sort((a, b) => a.start - b.start);
  return (
    <div className="live-transcript" aria-label="Live transcript">
      <h2>Live transcript</h2>
      {ordered.length === 0 && <p className="muted">Speech appears here a few seconds after it is spoken.</p>}
      <ol data-testid="live-segments">
        {ordered.map((s) => (
          <li key={s.position} className="live-transcript__segment">
            <span className="live-transcript__time">{formatTimestamp(s.start)}</span>
            <strong className="live-transcript__speaker">{s.speaker ?? 'Unknown'}</strong>
            <span>{s.text || '…'}</span>
          </li>
        ))}
        <li ref={end} aria-hidden="true" />
      </ol>
    </div>
  );
}
