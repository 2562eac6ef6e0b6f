import type { Transcript } from '../transcript/transcript.js';

/** One sentence of a transcript with where it was said and by whom. */
export interface SpokenSentence {
  text: string;
  speaker: string | null;
  start: number;
  end: number;
  /** Index of the speaker turn (consecutive segments of one speaker) the sentence belongs to. */
  turn: number;
}

/**
 * Caption cues cut sentences at arbitrary places, so consecutive segments of one speaker are
 * joined into a turn first and the turn is split into sentences; each sentence keeps the start of
 * the cue it began in and the end of the cue it finished in.
 */
export function transcriptSentences(transcript: Transcript): SpokenSentence[] {
  const sentences: SpokenSentence[] = [];
  let turnIndex = -1;
  let turn: { speaker: string | null; text: string; pieces: { from: number; start: number; end: number }[] } | null = null;

  const flush = (): void => {
    if (!turn) return;
    for (const m of turn.text.matchAll(/(?:[^.!?]|\.(?=\d))+(?:[.!?]+|$)/g)) {
      const raw = m[0];
      const text = raw.trim();
      if (!/[A-Za-z0-9]/.test(text)) continue;
      const from = m.index + raw.indexOf(text);
      const to = from + text.length - 1;
      const first = [...turn.pieces].reverse().find((p) => p.from <= from) ?? turn.pieces[0]!;
      const last = [...turn.pieces].reverse().find((p) => p.from <= to) ?? first;
      sentences.push({ text, speaker: turn.speaker, start: first.start, end: last.end, turn: turnIndex });
    }
    turn = null;
  };

  for (const segment of transcript.segments) {
    const text = segment.text.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    if (turn && turn.speaker !== segment.speaker) flush();
    if (!turn) {
      turn = { speaker: segment.speaker, text: '', pieces: [] };
      turnIndex++;
    }
    if (turn.text !== '') turn.text += ' ';
    turn.pieces.push({ from: turn.text.length, start: segment.start, end: segment.end });
    turn.text += text;
  }
  flush();
  return sentences;
}

/** `[m:ss] Speaker: text`, the form quotes are shown in and sent to a language model. */
export function formatTimestamp(seconds: number): string {
  const whole = Math.floor(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
