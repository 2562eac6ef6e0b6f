import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { recordingsDir } from '../../../src/core/app-paths.js';
import { createSessionWithTranscript, type Database } from '../../../src/db/index.js';

export interface SeededCandidate {
  candidateId: string;
  name: string;
  sessionId: string;
  sentences: string[];
  audioFile: string;
  audio: Buffer;
  momentId: string;
}

/**
 * A candidate with one recorded interview: audio in the data folder's recordings, a transcript,
 * a consent record and a moment quoting them. Every name and sentence is unique to `tag`.
 */
export async function seedCandidate(db: Database, home: string, tag: string, options: { startedAt?: string; candidate?: { id: string; name: string } } = {}): Promise<SeededCandidate> {
  const name = options.candidate?.name ?? `Zephyrine ${tag}feather`;
  const sentences = [
    `At ${tag}corp I migrated the billing ledger onto event sourcing.`,
    `My manager ${tag}ovich asked me to own the quarterly incident review.`,
    `I would rather rebuild the ${tag}ometer pipeline than patch it again.`,
  ];
  const now = new Date().toISOString();
  const candidateId = options.candidate?.id ?? randomUUID();
  if (!options.candidate) await db.insertInto('candidates').values({ id: candidateId, name, email: `${tag}@example.test`, requisition_id: null, created_at: now, updated_at: now }).execute();

  const sessionDir = path.join(recordingsDir(home), 'pending');
  fs.mkdirSync(sessionDir, { recursive: true });
  const audio = randomBytes(96_000);
  const audioFile = path.join(sessionDir, 'mic.wav');
  fs.writeFileSync(audioFile, audio);
  const sessionId = await createSessionWithTranscript(db, {
    title: `Interview with ${name}`,
    kind: 'interview',
    source: 'recording',
    startedAt: options.startedAt,
    durationSec: 30,
    tracks: [{ source: 'mic', path: audioFile, sampleRate: 48000, channels: 1, durationSec: 30, speakerLabel: name }],
    segments: sentences.map((text, i) => ({ start: i * 10, end: i * 10 + 9, speaker: name, text, words: [], trackIndex: 0 })),
  });
  // The recording folder is named after the session, as the capture service names it.
  const finalDir = path.join(recordingsDir(home), sessionId);
  fs.renameSync(sessionDir, finalDir);
  const finalAudio = path.join(finalDir, 'mic.wav');
  fs.writeFileSync(path.join(finalDir, 'recording.json'), JSON.stringify({ session_id: sessionId, state: 'stopped' }));
  await db
    .updateTable('sessions')
    .set({ candidate_id: candidateId, consent_text: `${name} agreed to be recorded`, consent_acknowledged_at: now })
    .where('id', '=', sessionId)
    .execute();
  await db.updateTable('tracks').set({ path: finalAudio }).where('session_id', '=', sessionId).execute();
  const momentId = randomUUID();
  await db
    .insertInto('moments')
    .values({ id: momentId, session_id: sessionId, start_sec: 10, end_sec: 19, criterion_id: null, rubric_version_id: null, author: 'me', origin: 'manual', note: `${name} owns incidents`, quote: sentences[1]!, confidence: null, created_at: now })
    .execute();
  return { candidateId, name, sessionId, sentences, audioFile: finalAudio, audio, momentId };
}

export interface Needle {
  label: string;
  bytes: Buffer<ArrayBufferLike>;
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Which of `needles` occur in any file under `dir` (as UTF-8 or UTF-16LE, case-insensitive for text). */
export function findBytes(dir: string, needles: Needle[]): string[] {
  const found: string[] = [];
  for (const file of filesUnder(dir)) {
    const contents = fs.readFileSync(file);
    const lower = Buffer.from(contents.toString('latin1').toLowerCase(), 'latin1');
    for (const n of needles) {
      if (contents.includes(n.bytes) || lower.includes(n.bytes)) found.push(`${n.label} in ${path.relative(dir, file)}`);
    }
  }
  return found;
}

/** Needles for a candidate's name, sentences (and their distinctive words) and audio. */
export function candidateNeedles(c: SeededCandidate, tag: string): Needle[] {
  const text = [c.name, ...c.sentences, `${tag}corp`, `${tag}ovich`, `${tag}ometer`, tag];
  const needles: Needle[] = text.flatMap((t) => [
    { label: `"${t}"`, bytes: Buffer.from(t.toLowerCase(), 'utf8') },
    { label: `"${t}" (UTF-16)`, bytes: Buffer.from(t.toLowerCase(), 'utf16le') },
  ]);
  // Audio: windows from the start, middle and end of the recording.
  for (const at of [0, c.audio.length / 2, c.audio.length - 64]) needles.push({ label: `audio@${at}`, bytes: c.audio.subarray(at, at + 64) });
  return needles;
}
