import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { backendEventSchema, backendRequestSchema } from '../../src/backend/backend-protocol.js';
import { engineProcessEngine } from '../../src/backend/engine-client.js';
import { engineFromMain } from '../../src/backend/engine-from-main.js';
import { hostEngineProcesses, type UtilityChild } from '../../src/backend/engine-host.js';
import { defaultEngineEntry } from '../../src/backend/engine-link.js';
import type { EnginePort } from '../../src/backend/engine-port.js';
import { readPcm16k, speechWav, tempDir } from '../support/speech.js';
import { sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';
import { electronShapedPort } from './support/electron-shaped-port.js';

const workerScript = path.resolve('test/backend/support/utility-process-worker.mjs');
type ShapedPort = ReturnType<typeof electronShapedPort>;

/**
 * The app's wiring without Electron: main's engine host (hostEngineProcesses) starting "utility
 * processes" (worker threads with Electron's parentPort shape, running the real engine entry and
 * whisper.cpp), the backend's side (engineFromMain) asking for them, every message between the two
 * checked against the backend protocol as backend-main.ts and backend-process.ts do.
 */
function appWiring() {
  const throughMain: unknown[] = [];
  const workers: Worker[] = [];
  const backendSide = engineFromMain((request) => {
    throughMain.push(request);
    host.request(backendEventSchema.parse(request) as Parameters<typeof host.request>[0]);
  });
  const host = hostEngineProcesses({
    fork(): UtilityChild {
      const worker = new Worker(workerScript, { workerData: { entry: defaultEngineEntry } });
      workers.push(worker);
      return {
        pid: worker.threadId,
        postMessage: (message, ports) => {
          throughMain.push(message);
          const raw = (ports as ShapedPort[]).map((p) => p.raw);
          worker.postMessage({ message, ports: raw }, raw);
        },
        onSpawn: (listener) => void worker.once('online', listener),
        onExit: (listener) => void worker.once('exit', listener),
        kill: () => void worker.terminate(),
      };
    },
    channel() {
      const { port1, port2 } = new MessageChannel();
      return { port1: electronShapedPort(port1), port2: electronShapedPort(port2) };
    },
    tell(notice, ports: EnginePort[]) {
      throughMain.push(notice);
      const parsed = backendRequestSchema.parse(notice);
      if (parsed.type === 'engineStarted' || parsed.type === 'engineExited') backendSide.notice(parsed, ports);
    },
  });
  return { spawn: backendSide.spawn, host, throughMain, workers };
}

describe('the engine as a utilityProcess that main starts for the backend', () => {
  const wiring = appWiring();
  const pids: number[] = [];
  const crashes: string[] = [];
  const engine = engineProcessEngine({ spawn: wiring.spawn, onSpawn: (pid) => pids.push(pid), onCrash: (detail) => crashes.push(detail) });
  const dir = tempDir('debrief-engine-utility-');
  const pcm = readPcm16k(speechWav('Thanks for making time today. Tell me about a project you led.', dir, 'speech'));
  afterAll(async () => {
    await engine.close();
    wiring.host.killAll();
  });

  it('loads a model, finds speech and transcribes over the MessagePort main handed over', { timeout: 120_000 }, async () => {
    const model = await engine.loadModel(weightlessModelPath());
    expect(model.info).toMatchObject({ multilingual: false });
    const spans = await engine.detectSpeech(pcm, { modelPath: sileroVadModelPath() });
    expect(spans.length).toBeGreaterThan(0);
    expect(spans[0]!.end).toBeGreaterThan(spans[0]!.start);
    const progress: number[] = [];
    const result = await model.transcribe(pcm, { threads: 1, language: 'en', wordTimestamps: true, onProgress: (p) => progress.push(p) });
    expect(Array.isArray(result.segments)).toBe(true);
    expect(pids).toHaveLength(1);
    expect(wiring.workers).toHaveLength(1);
  });

  it('sends no audio through main: only start, stop and connect messages pass it', () => {
    const kinds = wiring.throughMain.map((m) => (m as { type: string }).type);
    expect(kinds).toEqual(['spawnEngine', 'debrief-engine-connect', 'engineStarted']);
    expect(JSON.stringify(wiring.throughMain)).not.toContain('pcm');
  });

  it('ends unexpectedly: the client is told, and the next call starts a fresh one that loads the model again', { timeout: 120_000 }, async () => {
    const model = await engine.loadModel(weightlessModelPath());
    await wiring.workers[0]!.terminate(); // what a native crash looks like from main: the process is gone
    while (crashes.length === 0) await new Promise((r) => setTimeout(r, 50));
    expect(crashes[0]).toMatch(/exit code/);
    const again = await model.transcribe(pcm, { threads: 1, language: 'en', wordTimestamps: false });
    expect(Array.isArray(again.segments)).toBe(true);
    expect(pids).toHaveLength(2);
    expect(wiring.workers).toHaveLength(2);
  });
});
