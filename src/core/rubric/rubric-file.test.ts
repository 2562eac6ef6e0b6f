import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserFacingError } from '../errors.js';
import { formatRubric, parseRubricText, readRubricFile, RubricFileError, writeRubricFile, type RubricFormat } from './rubric-file.js';
import { createRubric, signOff } from './rubric-versioning.js';

const dir = mkdtempSync(path.join(tmpdir(), 'debrief-rubric-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const YAML = `# rubric
rubricId: 2ce269d2-882f-4296-8603-ca140daf9959
version: 1
requisitionTitle: Senior Backend Engineer
createdAt: "2025-03-04T16:30:00.000Z"
criteria:
  - id: cd91eebd-a477-46bf-af8a-117d47634db7
    kind: must-have
    title: Deep Postgres knowledge
    questionIds: [q1]
  - id: 5ba7d68f-b77c-4909-a0a6-6d10c1c7a315
    kind: trade-off
    title: Kafka
interviewPlan:
  stages:
    - name: Deep dive
      questions:
        - id: q1
          text: How would you index a two-billion-row table?
          criterionIds: [cd91eebd-a477-46bf-af8a-117d47634db7]
`;

/** Line (1-based) of the first line containing `needle` in `text`. */
function lineOf(text: string, needle: string, occurrence = 1): number {
  const lines = text.split('\n');
  let seen = 0;
  const index = lines.findIndex((l) => l.includes(needle) && ++seen === occurrence);
  if (index === -1) throw new Error(`"${needle}" not in fixture`);
  return index + 1;
}

function failure(text: string, format: RubricFormat): RubricFileError {
  try {
    parseRubricText(text, format, `rubric.${format}`);
  } catch (error) {
    expect(error).toBeInstanceOf(RubricFileError);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as RubricFileError).code).toBe('rubric-malformed');
    return error as RubricFileError;
  }
  throw new Error('expected the rubric to be rejected');
}

describe('rubric files: valid input', () => {
  it('parses YAML, filling defaults', () => {
    const rubric = parseRubricText(YAML, 'yaml');
    expect(rubric.criteria.map((c) => c.title)).toEqual(['Deep Postgres knowledge', 'Kafka']);
    expect(rubric.criteria[1]).toMatchObject({ description: '', signals: [], questionIds: [], scale: { min: 1, max: 4 } });
    expect(rubric).toMatchObject({ signedOff: null, parentVersion: null });
  });

  it('round-trips through YAML and JSON files', () => {
    const rubric = signOff(parseRubricText(YAML, 'yaml'), 'Dana', new Date('2025-03-05T09:00:00Z'));
    for (const name of ['r.yaml', 'r.yml', 'r.json']) {
      const file = path.join(dir, name);
      writeRubricFile(file, rubric);
      expect(readRubricFile(file)).toEqual(rubric);
    }
    expect(JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'))).toEqual(rubric);
    expect(formatRubric(rubric, 'yaml')).toContain('requisitionTitle: Senior Backend Engineer');
  });

  it('rejects unknown extensions and unreadable files with user-facing errors', () => {
    expect(() => readRubricFile(path.join(dir, 'rubric.txt'))).toThrow(expect.objectContaining({ code: 'rubric-format-unknown' }));
    expect(() => readRubricFile(path.join(dir, 'missing.yaml'))).toThrow(expect.objectContaining({ code: 'rubric-unreadable' }));
  });
});

describe('rubric files: YAML errors name the line', () => {
  it('syntax: bad indentation', () => {
    const text = YAML.replace('    title: Kafka', '   title: Kafka');
    const error = failure(text, 'yaml');
    expect(error.line).toBe(lineOf(text, 'title: Kafka'));
    expect(error.message).toMatch(/^rubric\.yaml, line \d+: invalid YAML/);
  });

  it('syntax: a key written twice', () => {
    const text = YAML.replace('    title: Kafka\n', '    title: Kafka\n    title: Kafka again\n');
    expect(failure(text, 'yaml').line).toBe(lineOf(text, 'title: Kafka again'));
  });

  it('syntax: an unclosed flow sequence', () => {
    const text = YAML.replace('questionIds: [q1]', 'questionIds: [q1\n    extra: 1');
    expect(failure(text, 'yaml').line).toBeGreaterThanOrEqual(lineOf(text, 'questionIds: [q1'));
    expect(failure(text, 'yaml').line).toBeLessThanOrEqual(lineOf(text, 'extra: 1'));
  });

  it('schema: an invalid value names the field path and the value line', () => {
    const text = YAML.replace('kind: trade-off', 'kind: nice-to-have');
    const error = failure(text, 'yaml');
    expect(error.field).toBe('criteria[1].kind');
    expect(error.line).toBe(lineOf(text, 'kind: nice-to-have'));
    expect(error.message).toContain(`rubric.yaml, line ${error.line}: criteria[1].kind:`);
  });

  it('schema: a missing field names the object that lacks it', () => {
    const text = YAML.replace('    title: Kafka\n', '');
    const error = failure(text, 'yaml');
    expect(error.field).toBe('criteria[1].title');
    expect(error.message).toContain('missing');
    expect(error.line).toBe(lineOf(text, '- id: 5ba7d68f'));
  });

  it('schema: an empty value names the key line', () => {
    const text = YAML.replace('title: Kafka', 'title:');
    expect(failure(text, 'yaml').line).toBe(lineOf(text, '    title:', 2));
  });

  it('schema: a misspelt field is reported on its own line', () => {
    const text = YAML.replace('    title: Kafka\n', '    title: Kafka\n    goodLooksLik: ships\n');
    const error = failure(text, 'yaml');
    expect(error.field).toBe('criteria[1].goodLooksLik');
    expect(error.message).toContain('unknown field "goodLooksLik"');
    expect(error.line).toBe(lineOf(text, 'goodLooksLik'));
  });

  it('schema: a question linked to a criterion that does not exist', () => {
    const text = YAML.replace('criterionIds: [cd91eebd-a477-46bf-af8a-117d47634db7]', 'criterionIds:\n            - 00000000-0000-4000-8000-000000000000');
    const error = failure(text, 'yaml');
    expect(error.field).toBe('interviewPlan.stages[0].questions[0].criterionIds[0]');
    expect(error.line).toBe(lineOf(text, '- 00000000-0000'));
  });

  it('lists every problem, first line first, and counts the rest in the message', () => {
    const text = YAML.replace('version: 1', 'version: one').replace('kind: trade-off', 'kind: maybe');
    const error = failure(text, 'yaml');
    expect(error.problems.map((p) => [p.field, p.line])).toEqual([
      ['version', lineOf(text, 'version: one')],
      ['criteria[1].kind', lineOf(text, 'kind: maybe')],
    ]);
    expect(error.message).toMatch(/\(and 1 more problem\)$/);
  });

  it('an empty file', () => {
    expect(failure('# nothing here\n', 'yaml').message).toBe('rubric.yaml, line 1: the file is empty');
  });
});

describe('rubric files: JSON errors name the line', () => {
  const json = JSON.stringify(parseRubricText(YAML, 'yaml'), null, 2);

  it('syntax: a missing comma', () => {
    const text = json.replace('"version": 1,', '"version": 1');
    const error = failure(text, 'json');
    expect(error.line).toBe(lineOf(text, '"requisitionTitle"'));
    expect(error.message).toMatch(/^rubric\.json, line \d+: invalid JSON/);
  });

  it('syntax: a trailing comma', () => {
    const text = json.replace('"title": "Kafka",', '"title": "Kafka",,');
    expect(failure(text, 'json').line).toBe(lineOf(text, '"title": "Kafka",,'));
  });

  it('syntax: the file ends early', () => {
    const text = json.slice(0, json.indexOf('"interviewPlan"'));
    expect(failure(text, 'json').line).toBe(text.trimEnd().split('\n').length);
  });

  it('schema: a wrong type names the field and its line', () => {
    const text = json.replace('"version": 1', '"version": "1"');
    const error = failure(text, 'json');
    expect(error.field).toBe('version');
    expect(error.line).toBe(lineOf(text, '"version": "1"'));
  });

  it('schema: a bad id deep in the criteria list', () => {
    const text = json.replace('"5ba7d68f-b77c-4909-a0a6-6d10c1c7a315"', '"not-a-uuid"');
    const error = failure(text, 'json');
    expect(error.field).toBe('criteria[1].id');
    expect(error.line).toBe(lineOf(text, '"not-a-uuid"'));
  });

  it('schema: signedOff without a name', () => {
    const rubric = createRubric({ requisitionTitle: 'X', criteria: [{ id: 'cd91eebd-a477-46bf-af8a-117d47634db7', kind: 'must-have', title: 'A' }], now: new Date(0) });
    const text = JSON.stringify({ ...rubric, signedOff: { at: '2025-03-05T09:00:00.000Z' } }, null, 2);
    writeFileSync(path.join(dir, 'unsigned.json'), text);
    let error: unknown;
    try {
      readRubricFile(path.join(dir, 'unsigned.json'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RubricFileError);
    expect((error as RubricFileError).field).toBe('signedOff.by');
    expect((error as RubricFileError).line).toBe(lineOf(text, '"signedOff"'));
    expect((error as RubricFileError).message.startsWith(path.join(dir, 'unsigned.json'))).toBe(true);
  });
});
