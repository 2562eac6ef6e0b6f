import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './run-command.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const benchAudioDir = path.join(repoRoot, '.cache', 'bench-audio');

// Bump when the script, voices or pacing change so a stale cached file is never reused.
const AUDIO_VERSION = 1;

interface Turn {
  voice: string;
  /** espeak-ng words per minute and pitch (0–99): two people who sound different. */
  speed: number;
  pitch: number;
  text: string;
  /** Silence after the turn, seconds: the pause before the other person answers. */
  pauseSec: number;
}

const interviewer = { voice: 'en-us', speed: 165, pitch: 35 };
const candidate = { voice: 'en-gb', speed: 150, pitch: 60 };

const SCRIPT: Turn[] = [
  { ...interviewer, pauseSec: 0.8, text: 'Thanks for joining today. Could you start by telling me a little about your current role?' },
  { ...candidate, pauseSec: 1.1, text: 'Sure. I lead a team of five backend engineers at a logistics company. We own the routing and pricing services, and I still write code most days.' },
  { ...interviewer, pauseSec: 0.6, text: 'What does a typical week look like for you?' },
  { ...candidate, pauseSec: 1.4, text: 'Mondays are planning. Then mostly reviews, pairing, and one or two deep work blocks. On Fridays we do a short demo of whatever shipped.' },
  { ...interviewer, pauseSec: 0.9, text: 'Tell me about a project you led from start to finish.' },
  {
    ...candidate,
    pauseSec: 1.6,
    text: 'Last year we replaced a nightly batch job that priced shipments with a streaming service. The batch took six hours and often failed. I wrote the design, split it into milestones, and we migrated one region at a time.',
  },
  { ...interviewer, pauseSec: 0.7, text: 'How did you decide on one region at a time rather than a big switch?' },
  { ...candidate, pauseSec: 1.2, text: 'Risk, mostly. Each region had its own pricing quirks. Running both systems side by side for two weeks per region let us compare every single price before cutting over.' },
  { ...interviewer, pauseSec: 0.8, text: 'Did anything go wrong?' },
  { ...candidate, pauseSec: 1.5, text: 'Yes. In the third region we found rounding differences in currency conversion. It cost us a week, but we caught it before any customer saw a wrong invoice.' },
  { ...interviewer, pauseSec: 1.0, text: 'How do you handle disagreement on your team about technical direction?' },
  {
    ...candidate,
    pauseSec: 1.3,
    text: 'I ask each person to write down the option they prefer and what would change their mind. Usually the written version settles it. If not, I make the call, explain why, and we agree on a date to revisit it.',
  },
  { ...interviewer, pauseSec: 0.6, text: 'Can you give me an example where you changed your mind?' },
  { ...candidate, pauseSec: 1.8, text: 'A junior engineer argued for keeping our message queue instead of moving to a managed service. Her cost numbers were better than mine. We kept the queue, and she now owns it.' },
  { ...interviewer, pauseSec: 0.9, text: 'What are you looking for in your next role?' },
  { ...candidate, pauseSec: 1.2, text: 'More product ownership. I would like to work closer to customers and be part of deciding what we build, not only how we build it.' },
  { ...interviewer, pauseSec: 0.7, text: 'How would you approach your first ninety days here?' },
  { ...candidate, pauseSec: 1.4, text: 'Listen first. Meet everyone on the team one to one, read the incident history, ship something small in the first month, and only then propose bigger changes.' },
  { ...interviewer, pauseSec: 1.0, text: 'Great. Do you have any questions for me?' },
  { ...candidate, pauseSec: 2.0, text: 'Yes, two. How does the team measure success this year, and what is the hardest problem you would want the new person to take on?' },
];

/**
 * A scripted two-person interview as 16 kHz mono 16-bit WAV, exactly `durationSec` long (the script
 * loops), made with espeak-ng and sox and cached in .cache/bench-audio/. Returns the file's path.
 */
export async function interviewWav(durationSec = 600): Promise<string> {
  const out = path.join(benchAudioDir, `interview-${durationSec}s-v${AUDIO_VERSION}.wav`);
  if (fs.existsSync(out)) return out;
  const work = path.join(benchAudioDir, `turns-v${AUDIO_VERSION}`);
  fs.mkdirSync(work, { recursive: true });

  const turnFiles: string[] = [];
  const turnSeconds: number[] = [];
  for (const [i, turn] of SCRIPT.entries()) {
    const raw = path.join(work, `turn-${i}-raw.wav`);
    const file = path.join(work, `turn-${i}.wav`);
    await runCommand('espeak-ng', ['-v', turn.voice, '-s', String(turn.speed), '-p', String(turn.pitch), '-w', raw, turn.text]);
    // espeak-ng writes 22.05 kHz; convert once here so the concatenation is a plain copy.
    await runCommand('sox', [raw, '-r', '16000', '-c', '1', '-b', '16', file, 'pad', '0', String(turn.pauseSec)]);
    turnFiles.push(file);
    turnSeconds.push(await wavSeconds(file));
  }

  const sequence: string[] = [];
  for (let total = 0, i = 0; total < durationSec; i = (i + 1) % SCRIPT.length) {
    sequence.push(turnFiles[i]!);
    total += turnSeconds[i]!;
  }
  const part = `${out}.part.wav`;
  await runCommand('sox', [...sequence, part, 'trim', '0', String(durationSec)]);
  const made = await wavSeconds(part);
  if (Math.abs(made - durationSec) > 0.01) throw new Error(`made ${made} s of interview audio, wanted ${durationSec} s (${part})`);
  fs.renameSync(part, out);
  return out;
}

export async function wavSeconds(file: string): Promise<number> {
  const { stdout } = await runCommand('soxi', ['-D', file]);
  const seconds = Number(stdout.trim());
  if (!Number.isFinite(seconds)) throw new Error(`soxi could not read the duration of ${file}: "${stdout.trim()}"`);
  return seconds;
}
