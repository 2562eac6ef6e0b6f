// Audio import in bounded memory: a 2-hour 48 kHz stereo recording (Opus, as call recorders write it)
// through importRecording's streaming decode, split into You and Them at 16 kHz. Transcription is left
// out (its memory is the engine's, measured in `engine`/`upstream`); the pieces it would get are made.
// Side by side on a 10-minute cut of the same file: the streaming path and the whole-file path.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printMetric } from './support/metrics.js';
import { runCommand } from './support/run-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, '.cache', 'bench');
const LONG_SEC = 7200;
const SHORT_SEC = 600;

/** A tone on the left, noise on the right, so both sides carry signal; made once and cached. */
function recording(seconds: number, name: string): string {
  const file = path.join(cache, name);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(cache, { recursive: true });
  const tmp = `${file}.part.opus`;
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `sine=f=220:r=48000:d=${seconds}`,
    '-f', 'lavfi', '-i', `anoisesrc=r=48000:a=0.05:d=${seconds}`,
    '-filter_complex', '[0][1]amerge=inputs=2', '-ac', '2', '-c:a', 'libopus', '-b:a', '64k', tmp,
  ]);
  fs.renameSync(tmp, file);
  return file;
}

async function side(mode: 'stream' | 'whole', file: string): Promise<{ seconds: number; durationSec: number; peakRssMb: number }> {
  const result = await runCommand(process.execPath, ['--import', 'tsx', path.join(root, 'bench/support/import-child.ts'), mode, file], { cwd: root });
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as { seconds: number; durationSec: number; peakRssMb: number };
}

/** ffmpeg's own peak RSS for the same decode (it runs as a separate process beside Debrief's). */
function ffmpegPeakRssMb(file: string): number {
  const timed = spawnSync('/usr/bin/time', ['-f', '%M', 'ffmpeg', '-nostdin', '-v', 'error', '-i', file, '-map', '0:a:0', '-ar', '16000', '-f', 'f32le', '-y', '/dev/null'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return Number(timed.stderr.toString().trim().split('\n').pop()) / 1024;
}

export async function run(): Promise<void> {
  const long = recording(LONG_SEC, 'import-2h-48k-stereo.opus');
  const short = path.join(cache, 'import-10min-48k-stereo.opus');
  if (!fs.existsSync(short)) execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', long, '-t', String(SHORT_SEC), '-c', 'copy', short]);

  printMetric('import-options', 'file=Opus 64 kb/s 48 kHz stereo, split stereo, decode+resample to 16 kHz by ffmpeg, pieces of 600 s, no transcription');
  const streamed = await side('stream', long);
  printMetric('import-audio-sec', streamed.durationSec, 0);
  printMetric('import-peak-rss-mb', streamed.peakRssMb, 0);
  printMetric('import-ffmpeg-peak-rss-mb', ffmpegPeakRssMb(long), 0);
  printMetric('import-sec', streamed.seconds, 1);

  const streamShort = await side('stream', short);
  const wholeShort = await side('whole', short);
  printMetric('import-10min-stream-peak-rss-mb', streamShort.peakRssMb, 0);
  printMetric('import-10min-whole-file-peak-rss-mb', wholeShort.peakRssMb, 0);
  printMetric('import-10min-stream-sec', streamShort.seconds, 1);
  printMetric('import-10min-whole-file-sec', wholeShort.seconds, 1);
}
