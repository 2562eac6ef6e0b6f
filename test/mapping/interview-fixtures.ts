// Labelled scripted interviews (test/fixtures/interviews): transcript, rubric, plan, tags and the
// criteria a careful reviewer marked per answer window. Shared by the regression test and bench/mapping.ts.
// Each labels file names its set: `development` (the interviews the mapper was tuned on; the
// default) or `held-out` (written and labelled later, before the mapper was run on them, and never
// used to choose features, weights or thresholds).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  interviewerTagSchema,
  mappingCriterionSchema,
  plannedQuestionSchema,
  type InterviewerTag,
  type MappingCriterion,
  type PlannedQuestion,
  type ProposedMoment,
} from '../../src/core/mapping/mapping-input.js';
import { parseTranscriptFile } from '../../src/core/transcript/parse-transcript-file.js';
import type { Transcript } from '../../src/core/transcript/transcript.js';

export const INTERVIEW_FIXTURES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/interviews');
/** Speaker label of the interviewer in every fixture; panel interviews name a second one in their labels file. */
export const INTERVIEWER_SPEAKERS = ['Interviewer'];

const rubricFileSchema = z.object({
  role: z.string(),
  criteria: z.array(mappingCriterionSchema).length(6),
  questions: z.array(plannedQuestionSchema),
});
export const FIXTURE_SETS = ['development', 'held-out'] as const;
export type FixtureSet = (typeof FIXTURE_SETS)[number];

const labelsFileSchema = z.object({
  rubric: z.string().min(1),
  set: z.enum(FIXTURE_SETS).default('development'),
  /** Who wrote the interview (1: the first 30, 2: the next 18, 3: the 18 after, 4 to 11: 12 each); absent means the first. */
  author: z.number().int().positive().default(1),
  interviewers: z.array(z.string().min(1)).min(1).default(INTERVIEWER_SPEAKERS),
  windows: z.array(z.object({ start: z.number().nonnegative(), criterionIds: z.array(z.string()), excerpt: z.string().optional() })).min(1),
});
const tagsFileSchema = z.object({ tags: z.array(interviewerTagSchema) });

export interface LabelledWindow {
  start: number;
  criterionIds: string[];
}

export interface InterviewFixture {
  name: string;
  role: string;
  set: FixtureSet;
  /** Who wrote it (1, 2, 3, …): leave-one-author-out estimates group by it. */
  author: number;
  transcript: Transcript;
  criteria: MappingCriterion[];
  questions: PlannedQuestion[];
  tags: InterviewerTag[];
  /** Speaker labels of the interviewers (two in a panel interview). */
  interviewerSpeakers: string[];
  /** Answer windows by start time, in order. */
  windows: LabelledWindow[];
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export function interviewFixtureNames(): string[] {
  return readdirSync(INTERVIEW_FIXTURES_DIR)
    .filter((f) => f.endsWith('.labels.json'))
    .map((f) => f.replace(/\.labels\.json$/, ''))
    .sort();
}

export async function loadInterviewFixture(name: string): Promise<InterviewFixture> {
  const at = (file: string) => path.join(INTERVIEW_FIXTURES_DIR, file);
  const labels = readJson(at(`${name}.labels.json`), labelsFileSchema);
  const rubric = readJson(at(`${labels.rubric}.rubric.json`), rubricFileSchema);
  const tagsFile = at(`${name}.tags.json`);
  const tags = existsSync(tagsFile) ? readJson(tagsFile, tagsFileSchema).tags : [];
  const known = new Set(rubric.criteria.map((c) => c.id));
  for (const w of labels.windows) for (const id of w.criterionIds) if (!known.has(id)) throw new Error(`${name}.labels.json: unknown criterion ${id}`);
  return {
    name,
    role: labels.rubric,
    set: labels.set,
    author: labels.author,
    transcript: (await parseTranscriptFile(at(`${name}.vtt`))).transcript,
    criteria: rubric.criteria,
    questions: rubric.questions,
    tags,
    interviewerSpeakers: labels.interviewers,
    windows: labels.windows.map(({ start, criterionIds }) => ({ start, criterionIds })),
  };
}

export async function loadAllInterviewFixtures(): Promise<InterviewFixture[]> {
  return Promise.all(interviewFixtureNames().map(loadInterviewFixture));
}

/** Counts for precision and recall over (answer window, criterion) pairs. */
export interface PairCounts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

/**
 * A proposed moment belongs to the labelled window whose span (its start up to the next window's
 * start) holds the moment's start; several moments for one pair count once.
 */
export function windowOfMoment(windows: readonly LabelledWindow[], moment: Pick<ProposedMoment, 'start'>): number {
  let index = -1;
  for (const [i, w] of windows.entries()) if (w.start <= moment.start + 0.05) index = i;
  return index;
}

export function countPairs(
  windows: readonly LabelledWindow[],
  moments: readonly ProposedMoment[],
  includeCriterion: (criterionId: string) => boolean = () => true,
): PairCounts {
  const proposed = new Set(moments.filter((m) => includeCriterion(m.criterionId)).map((m) => `${windowOfMoment(windows, m)}|${m.criterionId}`));
  const truth = new Set(windows.flatMap((w, i) => w.criterionIds.filter(includeCriterion).map((c) => `${i}|${c}`)));
  let truePositives = 0;
  for (const p of proposed) if (truth.has(p)) truePositives++;
  return { truePositives, falsePositives: proposed.size - truePositives, falseNegatives: truth.size - truePositives };
}

export function addCounts(a: PairCounts, b: PairCounts): PairCounts {
  return {
    truePositives: a.truePositives + b.truePositives,
    falsePositives: a.falsePositives + b.falsePositives,
    falseNegatives: a.falseNegatives + b.falseNegatives,
  };
}

export const NO_COUNTS: PairCounts = { truePositives: 0, falsePositives: 0, falseNegatives: 0 };

export function precision(c: PairCounts): number {
  const proposed = c.truePositives + c.falsePositives;
  return proposed === 0 ? 0 : c.truePositives / proposed;
}

export function recall(c: PairCounts): number {
  const expected = c.truePositives + c.falseNegatives;
  return expected === 0 ? 0 : c.truePositives / expected;
}
