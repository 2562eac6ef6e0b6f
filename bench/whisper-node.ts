// Debrief vs whisper-node (the package first named for this project) on the same 10-minute interview
// WAV, same model, same threads, timed end to end in the same run: for whisper-node one `whisper()`
// call (spawn ./main, load the model, transcribe, parse); for Debrief engine + model load, decode,
// resample, VAD, transcribe. Two models of tiny.en's size: weightless (no text) and random weights
// (the real compute cost, meaningless text). Goal from the issue: Debrief at least 1.5× faster.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/core/transcribe/engine/load-engine.js';
import { transcribeAudioFile } from '../src/core/transcribe/transcribe-audio-file.js';
import { Transcriber } from '../src/core/transcribe/transcriber.js';
import { randomWeightModelPath, sileroVadModelPath, weightlessModelPath } from '../test/support/test-models.js';
import { interviewWav } from './support/interview-audio.js';
import { printResult } from './support/report.js';
import { timeOnce } from './support/timing.js';
import { prepareWhisperNode, WHISPER_NODE_VERSION } from './support/whisper-node-baseline.js';

const AUDIO_SEC = 600;
const THREADS = 2;

export async function run(): Promise<void> {
  const audioPath = await interviewWav(AUDIO_SEC);
  // Debrief transcribes with Silero VAD whenever the model is installed (the default); so does the bench.
  const vadModelPath = sileroVadModelPath();
  printResult('audio-sec', AUDIO_SEC, 0);
  printResult('threads', THREADS, 0);
  const baseline = await prepareWhisperNode();
  printResult('whisper-node-version', WHISPER_NODE_VERSION);
  printResult('whisper-node-cflags', baseline.cflags);

  // The weightless model decodes no text, so its run is model load + audio + encode: the pipeline and
  // engine cost that real weights pay too. Random weights add decoding of meaningless text, whose
  // amount (temperature fallbacks, runaway segments) depends on chance more than on either program.
  // whisper-node's parser crashes on an empty transcript, so the weightless side times its command.
  for (const [suffix, modelPath] of [
    ['-weightless', weightlessModelPath()],
    ['', randomWeightModelPath()],
  ] as const) {
    printResult(`model${suffix}`, path.basename(modelPath));
    // Both sides read the model from the page cache, not the disk, whichever runs first.
    fs.readFileSync(modelPath);
    const whisperNodeSec = await measure(`whisper-node${suffix}`, async () => {
      if (suffix === '-weightless') return (await timeOnce(() => baseline.runMain(audioPath, { modelPath, threads: THREADS }))).seconds;
      const { value: lines, seconds } = await timeOnce(() => baseline.transcribe(audioPath, { modelPath, threads: THREADS }));
      printResult(`whisper-node-segments${suffix}`, lines.length, 0);
      return seconds;
    });
    const debriefSec = await measure(`debrief${suffix}`, async () => {
      const { value: transcript, seconds } = await timeOnce(async () => {
        const transcriber = new Transcriber({ engine: loadEngine('native'), modelPath, vadModelPath, threads: THREADS });
        try {
          return (await transcribeAudioFile(audioPath, { transcriber, language: 'en' })).transcript;
        } finally {
          await transcriber.dispose();
        }
      });
      printResult(`debrief-segments${suffix}`, transcript.segments.length, 0);
      return seconds;
    });
    if (whisperNodeSec !== null && debriefSec !== null) printResult(`debrief-vs-whisper-node-speedup${suffix}`, whisperNodeSec / debriefSec);
  }
}

/** Runs one side; a side that cannot run prints `<name>-error: reason` instead of ending the bench. */
async function measure(name: string, side: () => Promise<number>): Promise<number | null> {
  try {
    const seconds = await side();
    printResult(`${name}-sec`, seconds, 1);
    return seconds;
  } catch (err) {
    printResult(`${name}-error`, err instanceof Error ? err.message : String(err));
    return null;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run();
}
