import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../src/db/index.js';

const interviews = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/interviews');

interface FixtureRubric {
  role: string;
  criteria: { id: string; kind: 'must-have' | 'trade-off' | 'deal-breaker'; title: string; description: string; goodLooksLike: string; badLooksLike: string; signals: string[] }[];
  questions: { id: string; text: string; criterionIds: string[] }[];
}

export interface SeededRubric {
  versionId: string;
  title: string;
  /** Fixture criterion id (`ae-discovery`) → the stored criterion's core id (a uuid), in rubric order. */
  criteria: Map<string, string>;
  titles: string[];
}

/**
 * Stores a signed-off rubric version from a fixture rubric (test/fixtures/interviews/<role>.rubric.json)
 * with plain inserts into the store's tables, so tests of tagging and mapping don't depend on the
 * rubric editor. The plan's questions are split into two stages to exercise stage grouping.
 */
export async function seedSignedRubric(db: Database, role: string, opts: { signedBy?: string; version?: number } = {}): Promise<SeededRubric> {
  const fixture = JSON.parse(readFileSync(path.join(interviews, `${role}.rubric.json`), 'utf8')) as FixtureRubric;
  const now = new Date().toISOString();
  const requisitionId = randomUUID();
  const rubricId = randomUUID();
  const versionId = randomUUID();
  const criteria = new Map(fixture.criteria.map((c) => [c.id, randomUUID()]));
  const rowId = (slug: string) => `${versionId}:${criteria.get(slug)!}`;
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('requisitions').values({ id: requisitionId, title: fixture.role, role: fixture.role, hiring_manager: 'Priya Shah', recruiter: null, created_at: now, updated_at: now }).execute();
    await trx.insertInto('rubrics').values({ id: rubricId, requisition_id: requisitionId, title: fixture.role, created_at: now }).execute();
    await trx
      .insertInto('rubric_versions')
      .values({ id: versionId, rubric_id: rubricId, version: opts.version ?? 1, created_at: now, signed_off_by: opts.signedBy ?? 'Priya Shah', signed_off_at: now, notes: null, parent_version: null })
      .execute();
    for (const [position, c] of fixture.criteria.entries()) {
      await trx
        .insertInto('criteria')
        .values({
          id: rowId(c.id),
          rubric_version_id: versionId,
          position,
          kind: c.kind,
          title: c.title,
          description: c.description,
          good_looks_like: c.goodLooksLike,
          bad_looks_like: c.badLooksLike,
          signals: JSON.stringify(c.signals),
        })
        .execute();
    }
    const half = Math.ceil(fixture.questions.length / 2);
    for (const [i, q] of fixture.questions.entries()) {
      const id = `${versionId}:q:${q.id}`;
      const stage = i < half ? 0 : 1;
      await trx
        .insertInto('interview_questions')
        .values({ id, rubric_version_id: versionId, key: q.id, stage: stage === 0 ? 'Phone screen' : 'Onsite', stage_position: stage, position: stage === 0 ? i : i - half, text: q.text })
        .execute();
      for (const c of q.criterionIds) await trx.insertInto('interview_question_criteria').values({ question_id: id, criterion_id: rowId(c) }).execute();
    }
  });
  return { versionId, title: fixture.role, criteria, titles: fixture.criteria.map((c) => c.title) };
}

/** The fixture interview's hotkey tags (test/fixtures/interviews/<name>.tags.json), or none. */
export function fixtureTags(name: string): { time: number; criterionId: string; author: string }[] {
  try {
    return (JSON.parse(readFileSync(path.join(interviews, `${name}.tags.json`), 'utf8')) as { tags: { time: number; criterionId: string; author: string }[] }).tags;
  } catch {
    return [];
  }
}

export const interviewFixture = (name: string) => path.join(interviews, `${name}.vtt`);

/** Must-have sales criteria as the rubric editor saves them (`rubrics:save`), for sync and web-view tests. */
export function salesCriteria(titles: readonly string[], signals: readonly string[] = ['discovery call', 'negotiate', 'discount', 'budget']) {
  return titles.map((title) => ({
    id: randomUUID(),
    kind: 'must-have' as const,
    title,
    description: 'Tells a real deal.',
    goodLooksLike: 'Quantifies the pain.',
    badLooksLike: 'Jumps to a demo.',
    signals: [...signals],
  }));
}
