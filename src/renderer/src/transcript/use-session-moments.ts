import { useCallback, useEffect, useState } from 'react';
import type { IpcError, IpcResult } from '../../../shared/ipc/contract.js';
import type { Moment, TaggingContext } from '../tagging/tagging-types.js';
import { unexpectedError } from '../ui/use-ipc.js';

export interface SessionMoments {
  context: TaggingContext | null;
  moments: Moment[] | null;
  loadError: IpcError | null;
  /** The last action's failure, shown beside the review until the next action. */
  actionError: IpcError | null;
  busy: boolean;
  reload: () => Promise<void>;
  /** Runs one change, then reloads the list (retargeting a mapped moment replaces it, mapping replaces many). */
  run: <T>(call: () => Promise<IpcResult<T>>) => Promise<T | null>;
}

/** The session's rubric context and moments, kept current after each change without flashing a loading state. */
export function useSessionMoments(sessionId: string): SessionMoments {
  const [context, setContext] = useState<TaggingContext | null>(null);
  const [moments, setMoments] = useState<Moment[] | null>(null);
  const [loadError, setLoadError] = useState<IpcError | null>(null);
  const [actionError, setActionError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      const [c, m] = await Promise.all([window.debrief.taggingContext({ sessionId }), window.debrief.momentsList({ sessionId })]);
      if (!c.ok) return setLoadError(c.error);
      if (!m.ok) return setLoadError(m.error);
      setLoadError(null);
      setContext(c.value);
      setMoments(m.value);
    } catch (e) {
      setLoadError(unexpectedError(e));
    }
  }, [sessionId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const run = useCallback(
    async <T>(call: () => Promise<IpcResult<T>>): Promise<T | null> => {
      setBusy(true);
      try {
        const r = await call().catch((e: unknown) => ({ ok: false as const, error: unexpectedError(e) }));
        setActionError(r.ok ? null : r.error);
        await reload();
        return r.ok ? r.value : null;
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  return { context, moments, loadError, actionError, busy, reload, run };
}
