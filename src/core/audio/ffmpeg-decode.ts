import { spawn } from 'node:child_process';

/**
 * Compressed audio is decoded by the system's ffmpeg, in its own process and as a stream: Debrief
 * ships no decoder of its own (the JS ones pulled in GPL code), a damaged file can hang or crash only
 * ffmpeg, and memory stays bounded by the chunk size, whatever the file's length.
 * ffmpeg is a system dependency of the app (README: "Audio import").
 */

/** Why decoding gave up: ffmpeg refused the data, is not installed, or took too long. */
export class DecodeFailure extends Error {
  constructor(
    message: string,
    readonly reason: 'decoder-error' | 'decoder-missing' | 'timeout',
  ) {
    super(message);
    this.name = 'DecodeFailure';
  }
}

export interface AudioStreamFacts {
  sampleRate: number;
  channels: number;
}

export interface DecodeStreamOptions {
  /** Output rate; default the file's own. */
  sampleRate?: number;
  /** Output channels (1 mixes down); default the file's own. */
  channels?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export const ffmpegCommand = () => process.env.DEBRIEF_FFMPEG ?? 'ffmpeg';

/** The first audio stream's rate and channel count (ffprobe beside ffmpeg). */
export async function probeAudio(file: string, timeoutMs = 30_000): Promise<AudioStreamFacts> {
  const probe = ffmpegCommand().replace(/ffmpeg(\.exe)?$/, (_m, exe: string | undefined) => `ffprobe${exe ?? ''}`);
  const out = await collect(probe, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate,channels', '-of', 'json', file], timeoutMs);
  const stream = (JSON.parse(out.toString('utf8')) as { streams?: { sample_rate?: string; channels?: number }[] }).streams?.[0];
  const sampleRate = Number(stream?.sample_rate);
  const channels = Number(stream?.channels);
  if (!(sampleRate > 0) || !(channels > 0)) throw new DecodeFailure('no audio track found', 'decoder-error');
  return { sampleRate, channels };
}

/**
 * Decodes `file` to interleaved Float32 samples, handed to `onPcm` chunk by chunk (about 64 KiB each)
 * as ffmpeg produces them; ffmpeg waits while `onPcm`'s promise is pending (backpressure).
 */
export function decodeStream(file: string, options: DecodeStreamOptions, onPcm: (interleaved: Float32Array) => void | Promise<void>): Promise<void> {
  const args = ['-nostdin', '-v', 'error', '-i', file, '-map', '0:a:0', '-vn'];
  if (options.channels !== undefined) args.push('-ac', String(options.channels));
  if (options.sampleRate !== undefined) args.push('-ar', String(options.sampleRate));
  args.push('-f', 'f32le', '-c:a', 'pcm_f32le', 'pipe:1');
  return new Promise<void>((resolve, reject) => {
    const child = spawn(ffmpegCommand(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let settled = false;
    let carry = Buffer.alloc(0);
    let chain = Promise.resolve();
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (err) {
        child.kill('SIGKILL');
        reject(err);
      } else resolve();
    };
    const onAbort = () => settle(new DecodeFailure('decoding was cancelled', 'decoder-error'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => settle(new DecodeFailure(`decoding did not finish within ${Math.round((options.timeoutMs ?? 0) / 1000)} s`, 'timeout')), options.timeoutMs ?? 2 ** 31 - 1);
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString('utf8')).slice(-4000)));
    child.stdout.on('data', (data: Buffer) => {
      const bytes = carry.length > 0 ? Buffer.concat([carry, data]) : data;
      const whole = bytes.length - (bytes.length % 4);
      carry = Buffer.from(bytes.subarray(whole));
      if (whole === 0) return;
      // An aligned copy of our own: the pipe's buffer is pooled and may start at any offset.
      const pcm = new Float32Array(whole / 4);
      new Uint8Array(pcm.buffer).set(bytes.subarray(0, whole));
      child.stdout.pause();
      chain = chain
        .then(() => onPcm(pcm))
        .then(
          () => void child.stdout.resume(),
          (err: unknown) => settle(err instanceof Error ? err : new Error(String(err))),
        );
    });
    child.on('error', (err: NodeJS.ErrnoException) =>
      settle(
        err.code === 'ENOENT'
          ? new DecodeFailure('ffmpeg is not installed (Debrief uses the system’s ffmpeg to read compressed audio)', 'decoder-missing')
          : new DecodeFailure(err.message, 'decoder-error'),
      ),
    );
    child.on('close', (code) => {
      void chain.then(() => {
        if (code === 0) settle();
        else settle(new DecodeFailure(firstLine(stderr) || `ffmpeg stopped with exit code ${code}`, 'decoder-error'));
      });
    });
  });
}

async function collect(command: string, args: string[], timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new DecodeFailure(`reading the file's format did not finish within ${Math.round(timeoutMs / 1000)} s`, 'timeout'));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(err.code === 'ENOENT' ? new DecodeFailure(`${command} is not installed (it comes with ffmpeg)`, 'decoder-missing') : err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new DecodeFailure(firstLine(stderr) || `${command} stopped with exit code ${code}`, 'decoder-error'));
    });
  });
}

/** ffmpeg's first error line without its "[mp3 @ 0x…]" prefix or the file name it repeats. */
function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^\[[^\]]*\]\s*/, '').trim().slice(0, 300);
}

/** Splits interleaved samples into one array per channel. */
export function deinterleave(interleaved: Float32Array, channels: number): Float32Array[] {
  if (channels === 1) return [interleaved];
  const frames = Math.floor(interleaved.length / channels);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) for (let c = 0; c < channels; c++) out[c]![f] = interleaved[f * channels + c]!;
  return out;
}
