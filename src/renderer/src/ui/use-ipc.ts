import { useCallback, useEffect, useState } from 'react';
import type { IpcError, IpcResult } from '../../../shared/ipc/contract.js';

export type Loadable<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; error: IpcError };

/**
 * Calls one `window.debrief` method when `key` changes and tracks its result.
 * A call that resolves after a newer one started is ignored.
 */
export function useIpc<T>(call: () => Promise<IpcResult<T>>, key: string): [Loadable<T>, () => void] {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    call().then(
      (r) => current && setResult(r.ok ? { state: 'ok', value: r.value } : { state: 'error', error: r.error }),
      (error: unknown) => current && setResult({ state: 'error', error: unexpectedError(error) }),
    );
    return () => {
      current = false;
    };
    // `call` is a new closure each render; `key` says when it means something new.
  }, [key, generation]);

  return [result, reload];
}

/** A rejected promise means the bridge itself failed (not a handler error): still show a sentence. */
export function unexpectedError(error: unknown): IpcError {
  return { code: 'bridge-error', message: `Debrief could not reach its background process: ${error instanceof Error ? error.message : String(error)}` };
}

export interface IpcAction {
  busy: boolean;
  error: IpcError | undefined;
  setError(error: IpcError | undefined): void;
  /** Runs one user action's call: busy meanwhile, its error (or a broken bridge's) kept; the value, or undefined on failure. */
  run<T>(call: () => Promise<IpcResult<T>>): Promise<T | undefined>;
}

/** State for a button or form that sends one call at a time. */
export function useIpcAction(): IpcAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError>();
  const run = useCallback(async <T>(call: () => Promise<IpcResult<T>>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await call();
      if (r.ok) return r.value;
      setError(r.error);
    } catch (err) {
      setError(unexpectedError(err));
    } finally {
      setBusy(false);
    }
    return undefined;
  }, []);
  return { busy, error, setError, run };
}
