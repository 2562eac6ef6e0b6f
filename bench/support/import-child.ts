// One side of the import benchmark in a process of its own, so its peak RSS is its own.
// `stream`: importRecording's streaming decode (split stereo, 16 kHz, piece by piece; no transcriber).
// `whole`: the whole-file path (decodeAudioFile, then toMono16k), as transcribe-audio-file uses it.
import { decodeAudioFile } from '../../src/core/audio/decode-audio-file.js';
import { toMono16k } from '../../src/core/audio/resample.js';
import { importRecording } from '../../src/core/capture/import-recording.js';

const [mode, file] = process.argv.slice(2);
const started = performance.now();
let durationSec: number;
if (mode === 'stream') {
  durationSec = (await importRecording(file!, { splitStereo: true })).durationSec;
} else {
  const decoded = await decodeAudioFile(file!);
  durationSec = (await toMono16k(decoded)).length / 16000;
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, durationSec, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
