import type { OutputOf } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { useIpc, useIpcAction } from '../ui/use-ipc.js';

type Conflict = OutputOf<'sync:conflicts'>[number];

/** Fields worth showing side by side; ids, clocks and nested rows stay out of the way. */
function describe(payload: Record<string, unknown> | null): [string, string][] {
  if (payload === null) return [['', 'Deleted']];
  const skip = new Set(['id', 'created_at', 'updated_at', 'requisition_id', 'requisitionId', 'candidateId', 'rubric_id', 'rubric_version_id']);
  return Object.entries(payload)
    .filter(([k, v]) => !skip.has(k) && (typeof v === 'string' || typeof v === 'number' || v === null))
    .map(([k, v]) => [k.replace(/_/g, ' '), v === null ? '—' : String(v)]);
}

/**
 * The conflict chooser: two laptops changed the same draft rubric or candidate from the same
 * version. Both versions are shown; the person keeps one, which every laptop then takes.
 */
export function SyncConflicts({ onResolved }: { onResolved: (status: OutputOf<'sync:status'>) => void }) {
  const [conflicts, reload] = useIpc(() => window.debrief.syncConflicts(), 'sync-conflicts');
  const action = useIpcAction();
  if (conflicts.state === 'loading') return null;
  if (conflicts.state === 'error') return <ErrorMessage error={conflicts.error} />;
  if (conflicts.value.length === 0) return null;

  async function keep(c: Conflict, changeId: string) {
    const status = await action.run(() => window.debrief.syncResolve({ conflictId: c.id, keepChangeId: changeId }));
    if (status) {
      onResolved(status);
      reload();
    }
  }

  return (
    <div data-testid="sync-conflicts">
      <h3>Changed on two laptops at once</h3>
      <p className="muted">Nothing was overwritten. Choose the version to keep; the other laptops take your choice when they next sync.</p>
      {action.error && <ErrorMessage title="Could not keep that version." error={action.error} />}
      {conflicts.value.map((c) => (
        <article key={c.id} className="panel" aria-label={`Conflict: ${c.label}`}>
          <h4>{c.label}</h4>
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '1rem' }}>
            {c.sides.map((side) => (
              <section key={side.changeId} aria-label={`Version from laptop ${side.device}`}>
                <p className="muted">
                  From laptop {side.device}, {new Date(side.madeAt).toLocaleString()}
                  {side.shown ? ' (shown for now)' : ''}
                </p>
                <dl className="facts">
                  {describe(side.payload).map(([k, v]) => (
                    <div key={k}>
                      <dt>{k}</dt>
                      <dd>{v}</dd>
                    </div>
                  ))}
                </dl>
                <button type="button" className="button" disabled={action.busy} onClick={() => void keep(c, side.changeId)}>
                  Keep this version
                </button>
              </section>
            ))}
          </div>
        </article>
      ))}
    </div>
  );
}
