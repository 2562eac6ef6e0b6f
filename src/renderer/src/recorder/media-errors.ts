/**
 * What went wrong opening a microphone or system audio, in the user's words: the browser's own
 * messages ("Requested device not found") name neither the device nor what to do.
 */
export function describeMediaError(error: unknown, what: 'microphone' | 'system audio'): string {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotFoundError':
    case 'OverconstrainedError':
      return what === 'microphone'
        ? 'The chosen microphone is not connected any more: plug it in or pick another one, then start again.'
        : 'The chosen system audio source is gone: pick another one (or none), then start again.';
    case 'NotAllowedError':
    case 'SecurityError':
      return `Debrief is not allowed to use the ${what}: allow it in your system's privacy settings, then start again.`;
    case 'NotReadableError':
    case 'AbortError':
      return `The ${what} is busy or not working (another app may be using it): close that app or pick another device, then start again.`;
    default:
      return `Could not open the ${what}: ${error instanceof Error ? error.message : String(error)}`;
  }
}
