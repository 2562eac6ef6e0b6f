import { UserFacingError } from '../core/errors.js';
import { captureStreamOpenSchema, type PcmAck, type PcmFrame } from '../shared/ipc/capture-stream.js';
import type { IpcResult } from '../shared/ipc/contract.js';
import type { CaptureDeps } from './handlers/capture-handlers.js';

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

/** Main's end of a capture stream's port (Electron's MessagePortMain), as far as serving it needs. */
export interface MainPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/**
 * Serves one track's capture stream (see src/shared/ipc/capture-stream.ts): chunks are written in the
 * order they came, and each is answered once the writer has room for the next.
 */
export function serveCaptureStream(capture: CaptureDeps | undefined, port: MainPort, open: unknown): boolean {
  const parsed = captureStreamOpenSchema.safeParse(open);
  if (!parsed.success) {
    port.close();
    return false;
  }
  const target = parsed.data;
  let queue = Promise.resolve();
  port.on('message', ({ data }) => {
    const frame = (data ?? {}) as Partial<PcmFrame>;
    queue = queue.then(async () => {
      const result = await receiveCapturePcm(capture, target.sessionId, target.trackId, frame.pcm);
      port.postMessage({ seq: typeof frame.seq === 'number' ? frame.seq : -1, result } satisfies PcmAck);
    });
  });
  port.start();
  return true;
}
