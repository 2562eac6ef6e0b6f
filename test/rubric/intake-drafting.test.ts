import { beforeAll, describe, expect, it } from 'vitest';
import { matchesExpected, scoreDraft } from '../../bench/intake.js';
import { draftRubricFromIntake } from '../../src/core/rubric/draft-from-intake.js';
import { checkRubricShape } from '../../src/core/rubric/rubric-shape.js';
import { checkVagueLanguage } from '../../src/core/rubric/vague-language.js';
import { INTAKE_FIXTURES, loadIntakeFixture, type IntakeFixture } from './intake-fixtures.js';

const now = new Date('2025-03-04T17:00:00Z');
const fixtures: IntakeFixture[] = [];

beforeAll(async () => {
  for (const name of INTAKE_FIXTURES) fixtures.push(await loadIntakeFixture(name));
});

describe('intake fixtures', () => {
  it('are 3-6 minute calls between a recruiter and a hiring manager, with rubrics in the intake shape', () => {
    for (const { name, transcript, expected } of fixtures) {
      const minutes = transcript.segments.at(-1)!.end / 60;
      expect(minutes, name).toBeGreaterThanOrEqual(3);
      expect(minutes, name).toBeLessThanOrEqual(6);
      expect(new Set(transcript.segments.map((s) => s.speaker)), name).toEqual(new Set(['Recruiter', 'Hiring Manager']));
      expect(checkRubricShape(expected.criteria), name).toEqual([]);
      // The recruiter's rubrics define every criterion observably.
      expect(expected.criteria.flatMap((c) => checkVagueLanguage(c)), name).toEqual([]);
    }
  });
});

describe('offline draft on the intake fixtures', () => {
  it('finds at least 80% of the expected criteria, and at least 70% of what it drafts is real', () => {
    let found = 0;
    let expectedTotal = 0;
    let real = 0;
    let draftedTotal = 0;
    for (const { transcript, expected } of fixtures) {
      const score = scoreDraft(draftRubricFromIntake(transcript, { now }), expected.criteria);
      found += score.expectedFound;
      expectedTotal += score.expectedTotal;
      real += score.draftedReal;
      draftedTotal += score.draftedTotal;
    }
    expect(found / expectedTotal).toBeGreaterThanOrEqual(0.8);
    expect(real / draftedTotal).toBeGreaterThanOrEqual(0.7);
  });

  it('cites every criterion with quotes that are in the transcript, at the time they were said', () => {
    for (const { name, transcript } of fixtures) {
      const draft = draftRubricFromIntake(transcript, { now });
      expect(draft.rubric.criteria.length, name).toBeGreaterThan(0);
      for (const c of draft.rubric.criteria) {
        const evidence = draft.evidence.filter((e) => e.criterionId === c.id);
        expect(evidence.length, c.title).toBeGreaterThan(0);
        for (const e of evidence) {
          const spoken = transcript.segments.filter((s) => s.start >= e.start && s.end <= e.end).map((s) => s.text).join(' ');
          // The quote's first words were spoken inside its time range.
          expect(spoken.replace(/\s+/g, ' '), `${name}: ${e.quote}`).toContain(e.quote.split(' ').slice(0, 3).join(' '));
        }
      }
    }
  });

  it('merges the hiring manager repeating the process requirement into one criterion', () => {
    const designer = fixtures.find((f) => f.name === 'product-designer')!;
    const draft = draftRubricFromIntake(designer.transcript, { now });
    const process = draft.rubric.criteria.filter((c) => /process/i.test(c.title));
    expect(process).toHaveLength(1);
    expect(draft.evidence.filter((e) => e.criterionId === process[0]!.id).length).toBeGreaterThanOrEqual(3);
  });
});

describe('bench matching rule', () => {
  const expected = { kind: 'must-have' as const, title: 'Deep Postgres knowledge', signals: ['data modeling', 'migration on a huge table'] };

  it('needs the same kind, two shared stems, one of them from the expected title', () => {
    expect(matchesExpected({ kind: 'must-have', title: 'Knows Postgres', quotes: ['We need somebody who knows Postgres and data modeling.'] }, expected)).toBe(true);
    expect(matchesExpected({ kind: 'trade-off', title: 'Knows Postgres', quotes: ['Postgres data modeling would be nice.'] }, expected)).toBe(false);
    expect(matchesExpected({ kind: 'must-have', title: 'Data modeling', quotes: ['Data modeling and huge migrations.'] }, expected)).toBe(false);
    expect(matchesExpected({ kind: 'must-have', title: 'Postgres', quotes: ['Postgres.'] }, expected)).toBe(false);
  });
});
