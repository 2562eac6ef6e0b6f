import { useSyncExternalStore } from 'react';
import type { OutputOf } from '../../../shared/ipc/contract.js';
import type { TrackCapture } from './track-capture.js';

/**
 * The recording in progress, kept outside any view: leaving the recorder (to look something up in a
 * rubric, say) must not orphan the microphone, and coming back finds the same recording.
 */
export interface ActiveRecording {
  sessionId: string;
  tracks: (OutputOf<'capture:start'>['tracks'][number] & { capture: TrackCapture })[];
  systemAudioNote: string | null;
}

let current: ActiveRecording | null = null;
const listeners = new Set<() => void>();

export function setActiveRecording(recording: ActiveRecording | null): void {
  current = recording;
  for (const listener of listeners) listener();
}

export function getActiveRecording(): ActiveRecording | null {
  return current;
}

export function useActiveRecording(): ActiveRecording | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
