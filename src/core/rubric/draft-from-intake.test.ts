import { describe, expect, it } from 'vitest';
import type { Transcript } from '../transcript/transcript.js';
import { draftRubricFromIntake } from './draft-from-intake.js';
import { rubricVersionSchema } from './rubric.js';

const now = new Date('2025-03-04T17:00:00Z');
let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

function call(lines: [string, string][]): Transcript {
  let t = 0;
  const segments = lines.map(([speaker, text]) => {
    const start = t;
    t += 5;
    return { start, end: start + 4, speaker, text, words: [] };
  });
  return { durationSec: t, segments };
}

const R = 'Recruiter';
const HM = 'Hiring Manager';

describe('draftRubricFromIntake', () => {
  const transcript = call([
    [R, 'Thanks for joining, this is the intake for the data engineer role.'],
    [R, 'What do you need from this person?'],
    [HM, 'Um, so they have to know Spark, like really know Spark.'],
    [HM, 'And honestly the dbt models are a mess.'],
    [HM, "Ideally they've done some streaming with Flink."],
    [R, 'Do they need a degree?'],
    [HM, "No, they don't have to have a degree."],
    [HM, 'If they just throw data over the wall to analysts, that is a deal-breaker.'],
    [R, 'So Spark is a must.'],
    [HM, 'Yeah. Spark knowledge is non-negotiable.'],
  ]);
  const draft = draftRubricFromIntake(transcript, { now, newId });
  const byTitle = (pattern: RegExp) => draft.rubric.criteria.filter((c) => pattern.test(c.title));

  it('turns requirement sentences into criteria with the kind the language implies', () => {
    expect(draft.rubric.criteria.map((c) => [c.kind, c.title])).toEqual([
      ['must-have', 'Know Spark'],
      ['trade-off', 'Done some streaming with Flink'],
      ['deal-breaker', 'Throw data over the wall to analysts'],
    ]);
  });

  it('merges repeats of one requirement and keeps every quote as evidence with time and speaker', () => {
    const [spark] = byTitle(/Spark/);
    const quotes = draft.evidence.filter((e) => e.criterionId === spark!.id);
    expect(quotes.map((q) => [q.speaker, q.start, q.quote])).toEqual([
      [HM, 10, 'Um, so they have to know Spark, like really know Spark.'],
      [R, 40, 'So Spark is a must.'],
      [HM, 45, 'Spark knowledge is non-negotiable.'],
    ]);
    expect(quotes.map((q) => q.cue)).toEqual(['have to', 'must', 'non-negotiable']);
    expect(spark!.signals).toEqual(['Know Spark', 'Spark', 'Spark knowledge']);
  });

  it('skips questions, negated requirements and sentences without requirement language', () => {
    expect(byTitle(/degree|dbt/i)).toEqual([]);
    expect(draft.evidence.some((e) => e.quote.endsWith('?'))).toBe(false);
  });

  it('returns a valid unsigned version 1 titled after the role named in the call', () => {
    expect(() => rubricVersionSchema.parse(draft.rubric)).not.toThrow();
    expect(draft.rubric).toMatchObject({ version: 1, signedOff: null, requisitionTitle: 'Data Engineer', createdAt: now.toISOString() });
    expect(draftRubricFromIntake(transcript, { now, requisitionTitle: 'Analytics Engineer' }).rubric.requisitionTitle).toBe('Analytics Engineer');
  });

  it('lets "that\'s a must" confirm the sentence before it', () => {
    const confirmed = draftRubricFromIntake(
      call([
        [R, 'So experience running Kubernetes clusters in production.'],
        [HM, "Yeah, that's a must."],
      ]),
      { now },
    );
    expect(confirmed.rubric.criteria.map((c) => [c.kind, c.title])).toEqual([['must-have', 'Experience running Kubernetes clusters in production']]);
    expect(confirmed.evidence[0]).toMatchObject({ speaker: HM, start: 0, end: 9 });
  });

  it('reads a "must-haves:" list as criteria of that kind', () => {
    const listed = draftRubricFromIntake(call([[R, 'Nice to haves: a payments background.']]), { now });
    expect(listed.rubric.criteria.map((c) => [c.kind, c.title])).toEqual([['trade-off', 'Payments background']]);
  });

  it('gives an empty draft for a call with no requirements', () => {
    const empty = draftRubricFromIntake(call([[R, 'Hi!'], [HM, 'Hello, how was your weekend?']]), { now });
    expect(empty.rubric.criteria).toEqual([]);
    expect(empty.evidence).toEqual([]);
    expect(empty.rubric.requisitionTitle).toBe('Untitled requisition');
  });
});

describe('drafted criteria arrive with what good and bad look like, each quote once', () => {
  const line = (start: number, text: string) => ({ start, end: start + 4, speaker: 'Hiring manager', text, words: [] });
  const transcript = {
    durationSec: 40,
    segments: [
      line(0, 'They must have run Postgres in production; they must have run Postgres at scale.'),
      line(5, 'Blaming the previous team for outages is a deal-breaker.'),
      line(10, 'She needs to know Kubernetes.'),
      line(15, 'She needs to know Kubernetes.'),
    ],
  };
  const draft = draftRubricFromIntake(transcript, { now: new Date('2026-01-01T00:00:00Z') });

  it('fills good from a must-have quote and bad from a deal-breaker quote', () => {
    const postgres = draft.rubric.criteria.find((c) => c.kind === 'must-have')!;
    expect(postgres.goodLooksLike).toBe('In the intake call: “They must have run Postgres in production”');
    const blame = draft.rubric.criteria.find((c) => c.kind === 'deal-breaker')!;
    expect(blame).toMatchObject({ goodLooksLike: '', badLooksLike: 'In the intake call: “Blaming the previous team for outages is a deal-breaker.”' });
  });

  it('lists a quote once even when it was said twice', () => {
    const kubernetes = draft.rubric.criteria.find((c) => c.title === 'Know Kubernetes')!;
    expect(draft.evidence.filter((e) => e.criterionId === kubernetes.id).map((e) => [e.quote, e.start])).toEqual([['She needs to know Kubernetes.', 10]]);
    const quotes = draft.evidence.map((e) => `${e.criterionId}|${e.quote}`);
    expect(new Set(quotes).size).toBe(quotes.length);
  });
});
