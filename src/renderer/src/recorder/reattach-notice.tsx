import { useEffect, useState } from 'react';
import type { IpcError } from '../../../shared/ipc/contract.js';
import { ErrorMessage } from '../ui/error-message.js';
import { unexpectedError } from '../ui/use-ipc.js';
import { getActiveRecording } from './active-recording.js';
import { reattachRecording } from './reattach-recording.js';

/** Once per page load, however often React mounts this (StrictMode mounts twice in development). */
let tried = false;

/** Once per window load: picks up a recording that outlived the previous page, or says why it could not. */
export function ReattachNotice() {
  const [error, setError] = useState<IpcError | null>(null);
  useEffect(() => {
    if (tried || getActiveRecording()) return;
    tried = true;
    const fail = (message: string) => setError({ code: 'capture-failed', message });
    reattachRecording(fail).catch((e: unknown) => {
      const error = typeof e === 'object' && e !== null && 'message' in e && 'code' in e ? (e as IpcError) : unexpectedError(e);
      // Where this build cannot record there is nothing to reattach to, and nothing to say.
      if (error.code !== 'capture-unavailable') setError(error);
    });
  }, []);
  return error ? <ErrorMessage title="A recording is still running, but this window could not pick it up again." error={error} /> : null;
}
