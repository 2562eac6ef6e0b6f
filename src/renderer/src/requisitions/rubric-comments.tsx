import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../ui/error-message.js';
import { formatDate } from '../ui/format.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

/** The conversation about one rubric version before it is signed: on the team server, each comment by its signed-in author. */
export function RubricComments({ versionId, version }: { versionId: string; version: number }) {
  const [comments, reload] = useIpc(() => window.debrief.rubricsComments({ versionId }), `comments-${versionId}`);
  const [body, setBody] = useState('');
  const { busy, error, run } = useIpcAction();
  const bodyId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const added = await run(() => window.debrief.rubricsComment({ versionId, body }));
    if (added) {
      setBody('');
      reload();
    }
  }

  return (
    <section className="panel" aria-label="Comments">
      <h2>Comments on version {version}</h2>
      {comments.state === 'error' && <ErrorMessage title="Could not load the comments." error={comments.error} />}
      {comments.state === 'ok' && comments.value.length === 0 && <p className="muted">No comments yet.</p>}
      {comments.state === 'ok' && comments.value.length > 0 && (
        <ul aria-label="Comments so far">
          {comments.value.map((c) => (
            <li key={c.id} data-testid="rubric-comment">
              <strong>{c.author}</strong> <span className="muted">{formatDate(c.createdAt)}</span>
              <p>{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor={bodyId}>Your comment</label>
          <textarea id={bodyId} value={body} maxLength={4000} rows={3} onChange={(e) => setBody(e.target.value)} />
        </div>
        {error && <ErrorMessage title="Could not add the comment." error={error} />}
        <div className="form-actions">
          <button type="submit" className="button" disabled={busy || body.trim() === ''}>
            Add comment
          </button>
        </div>
      </form>
    </section>
  );
}
