import { z } from 'zod';
import type { CaptureStream, IpcResult } from './contract.js';
import { id } from './primitives.js';

/**
 * A recorded track's PCM over a MessagePort (Electron: one port pair per track, its far end in the
 * main process). Each chunk carries a sequence number; main answers each one with its result once the
 * writer has room for more, and the sender waits for that answer: the backpressure.
 */

/** The ipcRenderer.postMessage channel that hands main the port, with a `CaptureStreamOpen` message. */
export const captureStreamChannel = 'capture:stream';

/** Validated in main like every channel's input: a port opened with anything else is closed. */
export const captureStreamOpenSchema = z.object({ sessionId: id, trackId: id }).strict();

export type CaptureStreamOpen = z.infer<typeof captureStreamOpenSchema>;

/** Page → main: one chunk of 16-bit mono PCM. */
export interface PcmFrame {
  seq: number;
  pcm: ArrayBuffer;
}

/** Main → page: what became of chunk `seq`, sent when the writer can take the next one. */
export interface PcmAck {
  seq: number;
  result: IpcResult<{ accepted: boolean }>;
}

/** The page's end of the port (a DOM MessagePort), as far as the stream needs it. */
export interface PagePort {
  postMessage(message: unknown, transfer: ArrayBuffer[]): void;
  /** Typed loosely so a DOM MessagePort and Node's both fit; the event is a MessageEvent. */
  addEventListener(type: 'message', listener: (event: object) => void): void;
  start(): void;
  close(): void;
}

const closedResult: IpcResult<{ accepted: boolean }> = {
  ok: false,
  error: { code: 'recording-stopped', message: 'The recording was stopped; no more audio is taken.' },
};

export function captureStreamOverPort(port: PagePort): CaptureStream {
  const waiting = new Map<number, (result: IpcResult<{ accepted: boolean }>) => void>();
  let next = 0;
  let closed = false;
  port.addEventListener('message', (event) => {
    const ack = (event as { data: PcmAck }).data;
    waiting.get(ack.seq)?.(ack.result);
    waiting.delete(ack.seq);
  });
  port.start();
  return {
    write(pcm) {
      if (closed) return Promise.resolve(closedResult);
      const seq = next++;
      return new Promise((resolve) => {
        waiting.set(seq, resolve);
        // Transferred, not copied: the chunk is the sender's no more.
        port.postMessage({ seq, pcm } satisfies PcmFrame, [pcm]);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      port.close();
      for (const resolve of waiting.values()) resolve(closedResult);
      waiting.clear();
    },
  };
}
