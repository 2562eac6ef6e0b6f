import { UserFacingError } from '../core/errors.js';
import type { IpcResult } from '../shared/ipc/contract.js';
import type { CaptureDeps } from './handlers/capture-handlers.js';

/** The IPC channel PCM chunks travel on, outside the JSON contract: they are binary. */
export const capturePcmChannel = 'capture:pcm';
/** Two seconds of 48 kHz mono 16-bit audio, with room to spare; the recorder sends 100 ms at a time. */
export const maxPcmChunkBytes = 512 * 1024;

/**
 * One chunk of 16-bit PCM from the recorder's AudioWorklet, as bytes (an ArrayBuffer through
 * Electron's structured clone; a Buffer from the test bridge). Resolves once the writer has room for
 * more: that is the backpressure the renderer waits on before it sends the next chunk.
 */
export async function receiveCapturePcm(
  capture: CaptureDeps | undefined,
  sessionId: unknown,
  trackId: unknown,
  data: unknown,
): Promise<IpcResult<{ accepted: boolean }>> {
  const fail = (code: string, message: string): IpcResult<{ accepted: boolean }> => ({ ok: false, error: { code, message } });
  if (!capture) return fail('capture-unavailable', 'Recording is not available in this build of Debrief.');
  if (typeof sessionId !== 'string' || typeof trackId !== 'string') return fail('invalid-input', 'Audio chunk without its session and track.');
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  if (!bytes) return fail('invalid-input', 'An audio chunk must be binary PCM.');
  if (bytes.byteLength > maxPcmChunkBytes) return fail('input-too-large', `An audio chunk of ${bytes.byteLength} bytes is over the ${maxPcmChunkBytes}-byte limit.`);
  if (bytes.byteLength % 2 !== 0) return fail('invalid-input', 'An audio chunk of 16-bit PCM must have an even number of bytes.');
  // Copy into an aligned buffer: the view's offset may be odd.
  const pcm = new Int16Array(bytes.byteLength / 2);
  new Uint8Array(pcm.buffer).set(bytes);
  try {
    const accepted = capture.service.write(sessionId, trackId, pcm);
    if (!accepted) await capture.service.whenDrained(sessionId);
    return { ok: true, value: { accepted } };
  } catch (err) {
    if (err instanceof UserFacingError) return fail(err.code, err.message);
    return fail('internal-error', `Something went wrong while recording: ${err instanceof Error ? err.message : String(err)}`);
  }
}
