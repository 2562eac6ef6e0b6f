import { useRef, useState } from 'react';
import type { CalibrationView } from '../../../shared/ipc/calibration-channels.js';

/** The week's two sentences, a copy button for pasting into chat, and the numbers behind each one click away. */
export function WeeklyReadPanel({ read }: { read: CalibrationView['weeklyRead'] }) {
  const [copied, setCopied] = useState<'copied' | 'select' | null>(null);
  const textRef = useRef<HTMLParagraphElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(read.text);
      setCopied('copied');
    } catch {
      // No clipboard permission: select the sentences so Ctrl+C copies them.
      const range = document.createRange();
      if (textRef.current) range.selectNodeContents(textRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      setCopied('select');
    }
  };
  return (
    <section aria-labelledby="weekly-read-title" className="calibration-card weekly-read">
      <h2 id="weekly-read-title">This week</h2>
      <p ref={textRef} className="weekly-read__text" data-testid="weekly-read">
        {read.sentences.map((s) => s.text).join(' ')}
      </p>
      <div className="calibration-actions">
        <button type="button" onClick={() => void copy()}>
          Copy the two sentences
        </button>
        <span role="status">{copied === 'copied' ? 'Copied — paste it into chat.' : copied === 'select' ? 'Selected: press Ctrl+C (⌘C) to copy.' : ''}</span>
      </div>
      {read.sentences.map((s, i) => (
        <details key={i} className="weekly-read__facts" data-testid="weekly-facts">
          <summary>Numbers behind sentence {i + 1}</summary>
          <p className="calibration-muted">“{s.text}”</p>
          <dl>
            {s.facts.map((f, k) => (
              <div key={k}>
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
        </details>
      ))}
      <p className="calibration-muted">
        From {read.from.slice(0, 10)} to {read.to.slice(0, 10)}.
      </p>
    </section>
  );
}
