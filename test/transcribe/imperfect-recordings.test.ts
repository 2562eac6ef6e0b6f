import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSilent } from '../../src/core/audio/audio-level.js';
import { decodeAudioFile } from '../../src/core/audio/decode-audio-file.js';
import { toMono16k } from '../../src/core/audio/resample.js';
import { loadEngine } from '../../src/core/transcribe/engine/load-engine.js';
import { transcribeAudioFile } from '../../src/core/transcribe/transcribe-audio-file.js';
import { Transcriber } from '../../src/core/transcribe/transcriber.js';
import { runCli } from '../support/run-cli.js';
import { speechWav, tempDir } from '../support/speech.js';
import { sileroVadModelPath, weightlessModelPath } from '../support/test-models.js';

/** Recordings as they come off real laptops: mostly silence, or cut short by a crash. Real engine, real Silero VAD. */
describe('transcribing imperfect recordings', () => {
  let dir: string;
  let transcriber: Transcriber;
  const sentence = 'I led the migration of our billing system and we shipped it without downtime.';

  beforeAll(() => {
    dir = tempDir();
    transcriber = new Transcriber({ engine: loadEngine('native'), modelPath: weightlessModelPath(), vadModelPath: sileroVadModelPath(), threads: 2 });
  });
  afterAll(() => transcriber.dispose());

  it('a 30-minute recording with one quiet sentence is transcribed, and only the speech goes to Whisper', async () => {
    const voice = speechWav(sentence, dir, 'quiet-sentence');
    const file = path.join(dir, 'thirty-minutes.wav');
    // One sentence peaking at -10 dBFS, 15 minutes in, in an otherwise silent 30-minute file.
    execFileSync('sox', [voice, file, 'norm', '-10', 'pad', '900', '0']);
    execFileSync('sox', [file, path.join(dir, 'padded.wav'), 'pad', '0', String(1800 - 900 - Number(execFileSync('soxi', ['-D', voice], { encoding: 'utf8' })))]);
    fs.renameSync(path.join(dir, 'padded.wav'), file);

    // The old rule, the whole file's average level, calls it silent.
    expect(isSilent(await toMono16k(await decodeAudioFile(file)))).toBe(true);

    const { audio, notes } = await transcribeAudioFile(file, { transcriber });
    expect(audio.durationSec).toBeCloseTo(1800, 0);
    expect(notes).toEqual([]);
    // VAD found the sentence, and Whisper was given seconds of audio, not 30 minutes.
    expect(audio.speechSec).toBeGreaterThan(3);
    expect(audio.speechSec).toBeLessThan(15);
  });

  it('a recording that is silent throughout is still refused as silent', async () => {
    const file = path.join(dir, 'silence.wav');
    execFileSync('sox', ['-n', '-r', '16000', '-c', '1', file, 'trim', '0', '20']);
    await expect(transcribeAudioFile(file, { transcriber })).rejects.toMatchObject({ code: 'audio-silent' });
  });

  it.each([
    ['webm', ['-c:a', 'libopus', '-b:a', '48k']],
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '64k']],
    ['m4a', ['-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart']],
  ])('a %s cut short by a crash is transcribed as far as it goes, with a note that it ended early', async (ext, codec) => {
    const voice = speechWav(`${sentence} ${sentence}`, dir, `long-${ext}`, { padSec: 1 });
    const whole = path.join(dir, `whole.${ext}`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', voice, ...codec, whole]);
    const bytes = fs.readFileSync(whole);
    const cut = path.join(dir, `cut.${ext}`);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));

    const { audio, notes } = await transcribeAudioFile(cut, { transcriber });
    expect(audio.truncated).toBeTruthy();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(new RegExp(`^cut\\.${ext} ended early \\(.+\\); transcribed the \\d+\\.\\d s that are there\\.$`));
    const full = (await decodeAudioFile(whole)).durationSec;
    expect(audio.durationSec).toBeGreaterThan(full * 0.3);
    expect(audio.durationSec).toBeLessThan(full * 0.9);

    // The command says the same and exits 0.
    const r = runCli(['transcribe', cut, '--model', weightlessModelPath(), '--vad', sileroVadModelPath(), '--threads', '2', '--no-store'], { DEBRIEF_HOME: path.join(dir, 'home') });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`Note: cut\\.${ext} ended early`));
  });
});
