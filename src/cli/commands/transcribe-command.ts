import path from 'node:path';
import type { Command } from 'commander';
import type { EnginePreference } from '../../core/transcribe/engine/load-engine.js';
import { defaultThreads } from '../../core/transcribe/transcriber.js';
import type { CliContext } from '../cli-context.js';
import { pickFormat, renderTranscript } from '../output.js';
import { createProgressBar } from '../progress-bar.js';
import { parsePositiveInt } from './option-parsers.js';
import { loadStore } from '../load-store.js';

export function registerTranscribe(program: Command, ctx: CliContext): void {
  program
    .command('transcribe')
    .description('Transcribe an audio file on this machine and store it as a session')
    .argument('<file>', 'wav, mp3, m4a, webm, ogg or flac, any sample rate and channel count')
    .option('-m, --model <path|name>', 'Whisper model file or installed model name (default: best installed)')
    .option('--vad <path|name>', 'Silero VAD model used to skip silence (default: the installed one)')
    .option('--no-vad', 'decode every second, even silence')
    .option('-t, --threads <n>', 'CPU threads', parsePositiveInt, defaultThreads())
    .option('-l, --language <code>', "language code, or 'auto' (multilingual models)")
    .option('--speaker <name>', 'speaker label for every segment')
    .option('--title <title>', 'session title (default: the file name)')
    .option('--engine <kind>', 'auto | native | prebuilt', 'auto')
    .option('--no-store', 'print the transcript without storing a session')
    .option('--json', 'print JSON: {durationSec, segments:[{start,end,speaker,text,words}]}')
    .option('--vtt', 'print WebVTT')
    .option('--srt', 'print SubRip')
    .option('--txt', 'print plain text with timestamps (default)')
    .action(async (file: string, opts) => {
      const format = pickFormat(opts, 'txt');
      const audioPath = path.resolve(file);
      // Loaded here, not at start: the other commands (and --help) never pay for the engine and decoders.
      const [{ loadEngine }, { transcribeAudioFile }, { Transcriber }, { resolveTranscriptionModels }] = await Promise.all([
        import('../../core/transcribe/engine/load-engine.js'),
        import('../../core/transcribe/transcribe-audio-file.js'),
        import('../../core/transcribe/transcriber.js'),
        import('../../core/transcribe/models/resolve-transcription-models.js'),
      ]);
      const { modelPath, vadModelPath } = await resolveTranscriptionModels(await ctx.models(), { model: opts.model, vad: opts.vad });
      const transcriber = new Transcriber({
        engine: loadEngine(opts.engine as EnginePreference),
        modelPath,
        vadModelPath,
        threads: opts.threads,
      });
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once('SIGINT', onSigint);
      const bar = createProgressBar(path.basename(file));
      try {
        const { transcript, audio, notes } = await transcribeAudioFile(audioPath, {
          transcriber,
          speaker: opts.speaker ?? null,
          language: opts.language,
          signal: controller.signal,
          onProgress: (stage, f) => bar.update(stage === 'decode' ? f * 0.05 : 0.05 + f * 0.95, stage),
        });
        bar.done();
        for (const note of notes) process.stderr.write(`Note: ${note}\n`);
        process.stdout.write(renderTranscript(transcript, format));
        if (opts.store) {
          const db = await ctx.database();
          const id = await (await loadStore()).createSessionWithTranscript(db, {
            title: opts.title ?? path.basename(file),
            kind: 'interview',
            source: 'audio-file',
            durationSec: audio.durationSec,
            tracks: [{ source: 'file', path: audioPath, sampleRate: audio.sampleRate, channels: audio.channels, durationSec: audio.durationSec, speakerLabel: opts.speaker ?? null }],
            segments: transcript.segments.map((s) => ({ ...s, trackIndex: 0 })),
          });
          process.stderr.write(`Stored session ${id} (${transcript.segments.length} segments, ${audio.durationSec.toFixed(1)} s)\n`);
        }
      } finally {
        bar.done();
        process.off('SIGINT', onSigint);
        await transcriber.dispose();
      }
    });
}
