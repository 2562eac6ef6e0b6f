import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptureService } from '../../src/core/capture/capture-service.js';
import { energySpeechDetector } from '../../src/core/transcribe/live-transcriber.js';
import { openDatabase, recordingStore, type Database } from '../../src/db/index.js';
import { serveCaptureStream, type MainPort } from '../../src/backend/capture-pcm.js';
import type { CaptureDeps } from '../../src/backend/handlers/capture-handlers.js';
import { captureStreamOverPort } from '../../src/shared/ipc/capture-stream.js';
import { counterChunk, firstCounterMismatch } from './fixtures/counter-signal.js';
import { scratchDir } from './support/scratch-dir.js';
import { readValidWav } from './support/wav-file-check.js';

const RATE = 48000;
const CHUNK = RATE / 10;

/** A chunk's own ArrayBuffer, as the recorder's worklet posts it. */
const bytes = (pcm: Int16Array) => pcm.buffer as ArrayBuffer;

/** Main's end as Electron's MessagePortMain presents it: `on('message', ({ data }) => …)`. */
function asMainPort(port: MessagePort): MainPort {
  return {
    on: (_event, listener) => port.on('message', (data: unknown) => listener({ data })),
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  };
}

// The preload's port protocol and main's server, over a real MessageChannel, into the real
// capture service and crash-safe writer (no model: this is about the audio path).
describe('recorded PCM over a capture stream port', () => {
  let home: string;
  let db: Database;
  let service: CaptureService;
  let deps: CaptureDeps;
  const ports: MessagePort[] = [];

  beforeAll(async () => {
    home = scratchDir('debrief-capture-stream-');
    db = await openDatabase(path.join(home, 'debrief.sqlite'));
    service = new CaptureService({ recordingsDir: path.join(home, 'recordings'), store: recordingStore(db), transcriber: async () => null, detectSpeech: energySpeechDetector() });
    deps = { service, transcriber: async () => null, recoveryNotices: async () => [] };
  });

  afterAll(async () => {
    for (const p of ports) p.close();
    await service?.stopAll();
    await db?.destroy();
  });

  function open(sessionId: string, trackId: string) {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    serveCaptureStream(deps, asMainPort(port2), { sessionId, trackId });
    return captureStreamOverPort(port1);
  }

  const start = () =>
    service.start({
      title: 'Stream test',
      kind: 'interview',
      consentText: 'Recorded for a test.',
      consentAcknowledgedAt: new Date().toISOString(),
      tracks: [{ source: 'mic', speakerLabel: 'You', sampleRate: RATE }],
    });

  it('delivers every chunk in order, and holds the sender back while the writer is over its high-water mark', async () => {
    const { sessionId, tracks } = await start();
    const stream = open(sessionId, tracks[0]!.id);
    const seconds = 10;
    let heldBack = 0;
    // As fast as the answers come: far faster than the writer flushes (twice a second).
    for (let at = 0; at < seconds * RATE; at += CHUNK) {
      const chunk = counterChunk('mic', at, CHUNK);
      const result = await stream.write(bytes(chunk));
      expect(result).toMatchObject({ ok: true });
      if (result.ok && !result.value.accepted) heldBack++;
    }
    // The writer said "full" at least once and the sender waited for it to drain, losing nothing.
    expect(heldBack).toBeGreaterThan(0);
    stream.close();
    const status = await service.stop(sessionId);
    expect(status.elapsedSec).toBe(seconds);
    expect(status.tracks).toEqual([{ id: tracks[0]!.id, recordedSec: seconds }]);

    const row = await db.selectFrom('tracks').selectAll().where('id', '=', tracks[0]!.id).executeTakeFirstOrThrow();
    const wav = readValidWav(row.path!);
    expect(wav.frames).toBe(seconds * RATE);
    expect(firstCounterMismatch('mic', wav.samples)).toBe(-1);
    expect(row.duration_sec).toBe(seconds);
  });

  it('answers a bad chunk with an error and goes on; refuses audio after Stop and for unknown sessions', async () => {
    const { sessionId, tracks } = await start();
    const stream = open(sessionId, tracks[0]!.id);
    const odd = new Uint8Array(9).buffer;
    expect(await stream.write(odd)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await stream.write(bytes(counterChunk('mic', 0, CHUNK)))).toMatchObject({ ok: true });
    await service.stop(sessionId);
    expect(await stream.write(bytes(counterChunk('mic', CHUNK, CHUNK)))).toMatchObject({ ok: false, error: { code: 'recording-stopped' } });
    stream.close();
    expect(await stream.write(bytes(counterChunk('mic', 0, CHUNK)))).toMatchObject({ ok: false, error: { code: 'recording-stopped' } });

    const stray = open('00000000-0000-4000-8000-000000000000', tracks[0]!.id);
    expect(await stray.write(bytes(counterChunk('mic', 0, CHUNK)))).toMatchObject({ ok: false, error: { code: 'recording-not-found' } });
    stray.close();
  });

  it('closes a port opened with anything but a session and track id, before a chunk is taken', async () => {
    const { sessionId } = await start();
    for (const malformed of [undefined, 'not an object', { sessionId }, { sessionId, trackId: '' }, { sessionId, trackId: 'x'.repeat(201) }, { sessionId, trackId: 't', path: '/etc/passwd' }]) {
      const { port1, port2 } = new MessageChannel();
      ports.push(port1, port2);
      const closed = new Promise<void>((resolve) => port1.once('close', () => resolve()));
      expect(serveCaptureStream(deps, asMainPort(port2), malformed)).toBe(false);
      await closed;
    }
    await service.stop(sessionId);
  });
});
