// Does VAD really skip silence in file transcription? One recording, 30 s of interview, a 5-minute
// silence gap, 30 s more, transcribed three ways with the same engine, model and threads:
//   no-vad          the whole file to Whisper;
//   whisper-vad     the whole file to Whisper with whisper.cpp's own Silero VAD switched on (the old path);
//   speech-regions  Debrief's path: Silero VAD first, then only the speech regions to Whisper.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeAudioFile } from '../src/core/audio/decode-audio-file.js';
import { toMono16k } from '../src/core/audio/resample.js';
import { loadEngine } from '../src/core/transcribe/engine/load-engine.js';
import { transcribeAudioFile } from '../src/core/transcribe/transcribe-audio-file.js';
import { Transcriber } from '../src/core/transcribe/transcriber.js';
import { sileroVadModelPath, weightlessModelPath } from '../test/support/test-models.js';
import { benchAudioDir, interviewWav } from './support/interview-audio.js';
import { median, printMetric, timeOnce } from './support/metrics.js';

const THREADS = 2;
const RUNS = 1;
const GAP_SEC = 300;

export async function run(): Promise<void> {
  const speech = await interviewWav(60);
  const file = path.join(benchAudioDir, `interview-60s-gap-${GAP_SEC}s.wav`);
  if (!fs.existsSync(file)) {
    // First 30 s, the gap, the last 30 s.
    execFileSync('sox', [speech, `${file}.tail.wav`, 'trim', '30']);
    execFileSync('sox', [speech, `${file}.head.wav`, 'trim', '0', '30', 'pad', '0', String(GAP_SEC)]);
    execFileSync('sox', [`${file}.head.wav`, `${file}.tail.wav`, file]);
    fs.rmSync(`${file}.head.wav`);
    fs.rmSync(`${file}.tail.wav`);
  }
  // The weightless tiny.en runs the full encoder per 30-s window and decodes no text: what VAD can save is the windows.
  const modelPath = weightlessModelPath();
  const vadModelPath = sileroVadModelPath();
  const engine = loadEngine('native');
  const withVad = new Transcriber({ engine, modelPath, vadModelPath, threads: THREADS });
  const withoutVad = new Transcriber({ engine, modelPath, vadModelPath: null, threads: THREADS });
  const pcm = await toMono16k(await decodeAudioFile(file));

  const sides = {
    'no-vad': () => withoutVad.transcribe({ pcm, language: 'en' }),
    'whisper-vad': () => withVad.transcribe({ pcm, language: 'en' }),
    'speech-regions': async () => (await transcribeAudioFile(file, { transcriber: withVad, language: 'en' })).transcript,
  };
  await sides['no-vad'](); // load both models and warm caches once
  await sides['whisper-vad']();
  const seconds: Record<string, number[]> = { 'no-vad': [], 'whisper-vad': [], 'speech-regions': [] };
  // Alternate the sides so load from other processes hits them alike.
  for (let i = 0; i < RUNS; i++) for (const [name, side] of Object.entries(sides)) seconds[name]!.push((await timeOnce(side)).seconds);
  const { audio } = await transcribeAudioFile(file, { transcriber: withVad, language: 'en' });
  await withVad.dispose();
  await withoutVad.dispose();

  printMetric('vad-model', path.basename(modelPath));
  printMetric('vad-engine', engine.kind);
  printMetric('vad-threads', THREADS);
  printMetric('vad-runs', RUNS);
  printMetric('vad-audio-sec', audio.durationSec, 1);
  printMetric('vad-silence-gap-sec', GAP_SEC);
  printMetric('vad-speech-regions-audio-sec', audio.speechSec, 1);
  const med = (name: string) => median(seconds[name]!);
  for (const name of Object.keys(sides)) printMetric(`vad-${name}-sec`, med(name));
  printMetric('vad-whisper-vad-vs-no-vad', med('whisper-vad') / med('no-vad'));
  printMetric('vad-speech-regions-vs-no-vad', med('speech-regions') / med('no-vad'));
  printMetric('vad-speech-regions-saving-sec', med('no-vad') - med('speech-regions'));
}
