// Mapping on a one-speaker recording (mic only): the labelled interviews (test/fixtures/interviews)
// with both speakers merged into one label, split back by src/core/mapping/single-track-turns.ts,
// then mapped. Beside each figure, the two-speaker figure on the same interviews (goal: within 0.1).
// Lines, each over all interviews, then development (-dev) and held-out (-heldout) apart:
//   mapping-recall / mapping-precision: the true two speakers (as bench/mapping.ts)
//   single-track-mapping-recall / -precision: merged, split automatically, mapped
//   single-track-turn-accuracy: share of speech time (by cue) given to the right speaker
//   …-text-only: the splitter without pauses. The fixtures are timed with 0.9 s between speakers
//     and 0.3 s within a turn, cleaner than real calls, so this line shows what the words alone do.
//   …-rechunked: cues joined three at a time into one segment regardless of speaker (as Whisper may
//     run across a turn change), words timed evenly within each cue, so the splitter must cut segments.
import { pathToFileURL } from 'node:url';
import { mapMoments } from '../src/core/mapping/map-moments.js';
import { splitSingleTrack, type SplitOptions } from '../src/core/mapping/single-track-turns.js';
import type { Segment, Transcript } from '../src/core/transcript/transcript.js';
import {
  INTERVIEWER_SPEAKERS,
  NO_COUNTS,
  addCounts,
  countPairs,
  loadAllInterviewFixtures,
  precision,
  recall,
  type InterviewFixture,
  type PairCounts,
} from '../test/mapping/interview-fixtures.js';
import { printMetric } from './support/metrics.js';

const MERGED_SPEAKER = 'Speaker 1';
const round = (x: number): number => Math.round(x * 1000) / 1000;

interface Variant {
  suffix: string;
  rechunk: boolean;
  split: Pick<SplitOptions, 'usePauses'>;
}
const VARIANTS: Variant[] = [
  { suffix: '', rechunk: false, split: { usePauses: true } },
  { suffix: '-text-only', rechunk: false, split: { usePauses: false } },
  { suffix: '-rechunked', rechunk: true, split: { usePauses: true } },
];

/** Words timed evenly across a cue, as a stand-in for the engine's word timings. */
function withEvenWords(segment: Segment): Segment {
  const tokens = segment.text.trim().split(/\s+/);
  const step = (segment.end - segment.start) / Math.max(1, tokens.length);
  const words = tokens.map((t, i) => ({ text: i === 0 ? t : ` ${t}`, start: segment.start + i * step, end: segment.start + (i + 1) * step }));
  return { ...segment, text: tokens.join(' '), words };
}

function rechunk(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < segments.length; i += 3) {
    const group = segments.slice(i, i + 3).map(withEvenWords);
    out.push({
      start: group[0]!.start,
      end: group.at(-1)!.end,
      speaker: MERGED_SPEAKER,
      text: group.map((s) => s.text).join(' '),
      words: group.flatMap((s, k) => s.words.map((w, j) => (k > 0 && j === 0 ? { ...w, text: ` ${w.text}` } : w))),
    });
  }
  return out;
}

function merged(transcript: Transcript, variant: Variant): Transcript {
  const segments = transcript.segments.map((s) => ({ ...s, speaker: MERGED_SPEAKER }));
  return { ...transcript, segments: variant.rechunk ? rechunk(segments) : segments };
}

/** Seconds of speech, by the true cues, whose split speaker matches the truth. */
function turnAgreement(truth: readonly Segment[], split: readonly Segment[], interviewer: string): { right: number; total: number } {
  let right = 0;
  let total = 0;
  for (const cue of truth) {
    const truthIsInterviewer = INTERVIEWER_SPEAKERS.includes(cue.speaker ?? '');
    for (const piece of split) {
      const overlap = Math.min(cue.end, piece.end) - Math.max(cue.start, piece.start);
      if (overlap <= 0) continue;
      total += overlap;
      if ((piece.speaker === interviewer) === truthIsInterviewer) right += overlap;
    }
  }
  return { right, total };
}

interface Outcome {
  twoSpeaker: PairCounts;
  singleTrack: PairCounts;
  right: number;
  total: number;
}

async function evaluate(f: InterviewFixture, variant: Variant): Promise<Outcome> {
  const base = { criteria: f.criteria, questions: f.questions, tags: f.tags };
  const twoSpeaker = countPairs(f.windows, await mapMoments({ ...base, transcript: f.transcript, interviewerSpeakers: INTERVIEWER_SPEAKERS }));
  const single = merged(f.transcript, variant);
  const split = splitSingleTrack(single.segments, { ...variant.split, questions: f.questions, interviewer: MERGED_SPEAKER });
  const moments = await mapMoments({ ...base, transcript: { ...single, segments: split.segments }, interviewerSpeakers: [split.interviewer] });
  return { twoSpeaker, singleTrack: countPairs(f.windows, moments), ...turnAgreement(f.transcript.segments, split.segments, split.interviewer) };
}

export async function run(): Promise<void> {
  const fixtures = await loadAllInterviewFixtures();
  const scopes: Array<[string, (f: InterviewFixture) => boolean]> = [
    ['', () => true],
    ['-dev', (f) => f.set === 'development'],
    ['-heldout', (f) => f.set === 'held-out'],
  ];
  printMetric('single-track-interviews', fixtures.length, 0);
  for (const variant of VARIANTS) {
    const outcomes = new Map<InterviewFixture, Outcome>();
    for (const f of fixtures) outcomes.set(f, await evaluate(f, variant));
    for (const [scope, includes] of scopes) {
      const inScope = fixtures.filter(includes).map((f) => outcomes.get(f)!);
      const two = inScope.reduce((acc, o) => addCounts(acc, o.twoSpeaker), NO_COUNTS);
      const single = inScope.reduce((acc, o) => addCounts(acc, o.singleTrack), NO_COUNTS);
      const right = inScope.reduce((n, o) => n + o.right, 0);
      const total = inScope.reduce((n, o) => n + o.total, 0);
      if (variant.suffix === '') {
        printMetric(`mapping-recall${scope}`, round(recall(two)));
        printMetric(`mapping-precision${scope}`, round(precision(two)));
      }
      printMetric(`single-track-mapping-recall${scope}${variant.suffix}`, round(recall(single)));
      printMetric(`single-track-mapping-precision${scope}${variant.suffix}`, round(precision(single)));
      printMetric(`single-track-turn-accuracy${scope}${variant.suffix}`, round(total === 0 ? 0 : right / total));
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
