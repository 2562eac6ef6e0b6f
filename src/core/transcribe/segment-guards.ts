import type { RawSegment } from './engine/whisper-engine.js';

// Whisper is known to loop and to invent text on silence ("Thank you.", "[BLANK_AUDIO]",
// the same sentence over and over). These guards run on every engine result.

const ANNOTATION = /^[\s[(*♪-]*(blank_audio|silence|music|no speech|inaudible|applause|laughter|noise|sound)[\s\])*♪.-]*$/i;

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s']/gu, '').replace(/\s+/g, ' ').trim();
}

/** Collapses a phrase of 1–8 words repeated 3+ times in a row ("we we we we", "I think so I think so I think so"). */
export function collapseRepeats(text: string, minRepeats = 3): string {
  const words = text.trim().split(/\s+/);
  if (words.length < minRepeats) return text.trim();
  const key = (w: string) => normalize(w);
  const out: string[] = [];
  let i = 0;
  while (i < words.length) {
    let collapsed = false;
    for (let n = 1; n <= 8 && i + n * minRepeats <= words.length; n++) {
      let reps = 1;
      while (i + (reps + 1) * n <= words.length && sameRun(words, i, i + reps * n, n, key)) reps++;
      if (reps >= minRepeats) {
        out.push(...words.slice(i, i + n));
        i += reps * n;
        collapsed = true;
        break;
      }
    }
    if (!collapsed) out.push(words[i++]!);
  }
  return out.join(' ');
}

function sameRun(words: string[], a: number, b: number, n: number, key: (w: string) => string): boolean {
  for (let k = 0; k < n; k++) if (key(words[a + k]!) !== key(words[b + k]!)) return false;
  return true;
}

export interface GuardOptions {
  /** Audio the segments came from (16 kHz mono) so silent spans can be recognised. */
  pcm?: Float32Array;
  sampleRate?: number;
  silenceDb?: number;
  noSpeechThreshold?: number;
}

function spanDb(pcm: Float32Array, sampleRate: number, start: number, end: number): number {
  const a = Math.max(0, Math.floor(start * sampleRate));
  const b = Math.min(pcm.length, Math.ceil(end * sampleRate));
  if (b <= a) return -Infinity;
  let sum = 0;
  for (let i = a; i < b; i++) sum += pcm[i]! * pcm[i]!;
  return 10 * Math.log10(sum / (b - a) || 1e-12);
}

/** Drops empty, annotation-only, silent-span, no-speech and repeated segments; collapses in-segment loops. */
export function guardSegments(segments: RawSegment[], opts: GuardOptions = {}): RawSegment[] {
  const silenceDb = opts.silenceDb ?? -50;
  const noSpeech = opts.noSpeechThreshold ?? 0.8;
  const out: RawSegment[] = [];
  let previous = '';
  let repeats = 0;
  for (const seg of segments) {
    const text = collapseRepeats(seg.text);
    const norm = normalize(text);
    if (!norm || ANNOTATION.test(text)) continue;
    if (seg.noSpeechProb !== null && seg.noSpeechProb > noSpeech) continue;
    if (opts.pcm && spanDb(opts.pcm, opts.sampleRate ?? 16000, seg.start, seg.end) < silenceDb) continue;
    if (norm === previous) {
      // One honest repetition can happen in speech; a third identical segment is a decoder loop.
      if (++repeats >= 2) continue;
    } else {
      repeats = 0;
    }
    previous = norm;
    const tokens = text === seg.text.trim() ? seg.tokens : [];
    out.push({ ...seg, text, tokens });
  }
  return out;
}
