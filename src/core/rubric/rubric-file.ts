import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { rubricVersionSchema, type RubricVersion } from './rubric.js';
import { lineOfOffset, SourceLines } from './source-lines.js';
import { issuePath } from '../zod-issues.js';

/**
 * Rubrics travel as JSON or YAML files (shared with a hiring manager, kept in a repo). A file that
 * does not parse or does not match the schema is rejected with the line and field to fix.
 */

export type RubricFormat = 'json' | 'yaml';

export interface RubricFileProblem {
  line: number;
  /** Field path as written in messages, e.g. `criteria[2].kind`; empty for a syntax error. */
  field: string;
  message: string;
}

export class RubricFileError extends UserFacingError {
  constructor(
    readonly source: string,
    readonly problems: RubricFileProblem[],
  ) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    const where = first.field ? `${first.field}: ` : '';
    super(`${source}, line ${first.line}: ${where}${first.message}${more}`, 'rubric-malformed');
    this.name = 'RubricFileError';
  }

  get line(): number {
    return this.problems[0]!.line;
  }

  get field(): string {
    return this.problems[0]!.field;
  }
}

export function rubricFormatFromPath(filePath: string): RubricFormat {
  const ext = path.extname(filePath).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  throw new UserFacingError(`${filePath}: a rubric file must end in .json, .yaml or .yml`, 'rubric-format-unknown');
}

/** Parses rubric text; `source` names the file in error messages. */
export function parseRubricText(text: string, format: RubricFormat, source = `rubric.${format}`): RubricVersion {
  const clean = text.replace(/^\uFEFF/, '');
  const data = format === 'json' ? parseJsonSyntax(clean, source) : parseYamlSyntax(clean, source);
  const result = rubricVersionSchema.safeParse(data);
  if (result.success) return result.data;
  const lines = new SourceLines(clean);
  const problems = result.error.issues.map((issue) => problemOf(issue, lines, data)).sort((a, b) => a.line - b.line);
  throw new RubricFileError(source, problems);
}

export function readRubricFile(filePath: string): RubricVersion {
  const format = rubricFormatFromPath(filePath);
  let text: string;
  try {
    text = readFileSync(filePath, 'utf8');
  } catch (error) {
    throw new UserFacingError(`Cannot read rubric file ${filePath}: ${(error as Error).message}`, 'rubric-unreadable', { cause: error });
  }
  return parseRubricText(text, format, filePath);
}

export function formatRubric(version: RubricVersion, format: RubricFormat): string {
  const checked = rubricVersionSchema.parse(version);
  return format === 'json' ? `${JSON.stringify(checked, null, 2)}\n` : stringify(checked, { lineWidth: 0 });
}

export function writeRubricFile(filePath: string, version: RubricVersion): void {
  writeFileSync(filePath, formatRubric(version, rubricFormatFromPath(filePath)), 'utf8');
}

function parseJsonSyntax(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    throw new RubricFileError(source, [{ line: jsonErrorLine(text, message), field: '', message: `invalid JSON: ${message}` }]);
  }
}

/** V8 reports `at position N` (and, in newer versions, `(line L column C)`); end of input means the last line. */
function jsonErrorLine(text: string, message: string): number {
  const explicit = /\(line (\d+) column \d+\)/.exec(message);
  if (explicit) return Number(explicit[1]);
  const position = /at position (\d+)/.exec(message);
  // Past the last token means the file ended early: name the last line with content.
  const lastContent = Math.max(0, text.trimEnd().length - 1);
  if (position) return lineOfOffset(text, Math.min(Number(position[1]), lastContent));
  return lineOfOffset(text, lastContent);
}

function parseYamlSyntax(text: string, source: string): unknown {
  const lines = new SourceLines(text);
  const error = lines.document.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? lines.lineAt(error.pos[0]);
    const message = error.message.replace(/ at line \d+, column \d+[\s\S]*$/, '');
    throw new RubricFileError(source, [{ line, field: '', message: `invalid YAML: ${message}` }]);
  }
  const data: unknown = lines.document.toJS();
  if (data === null || data === undefined) throw new RubricFileError(source, [{ line: 1, field: '', message: 'the file is empty' }]);
  return data;
}

function problemOf(issue: z.core.$ZodIssue, lines: SourceLines, data: unknown): RubricFileProblem {
  let fieldPath: PropertyKey[] = issue.path;
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    // Point at the unknown key itself, usually a typo of a real field name.
    fieldPath = [...issue.path, issue.keys[0]!];
    message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  } else if (issue.code === 'invalid_type' && valueAt(data, issue.path) === undefined) {
    message = `missing (expected ${issue.expected})`;
  } else if (issue.path.length > 0 && valueAt(data, issue.path) === undefined) {
    message = `missing (${issue.message})`;
  }
  return { line: lines.lineOf(fieldPath), field: formatPath(fieldPath), message };
}

function valueAt(data: unknown, fieldPath: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of fieldPath) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** Rubric files name fields the way every other parser does. */
export const formatPath = issuePath;
