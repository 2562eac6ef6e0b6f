// The intake-call fixtures (VTT transcript + the rubric a recruiter wrote from it), for tests and bench/intake.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readRubricFile } from '../../src/core/rubric/rubric-file.js';
import type { RubricVersion } from '../../src/core/rubric/rubric.js';
import { transcriptSchema, type Transcript } from '../../src/core/transcript/transcript.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const intakeFixtureDir = path.join(root, 'test', 'fixtures', 'intake');
export const INTAKE_FIXTURES = ['senior-backend-engineer', 'enterprise-account-executive', 'product-designer'] as const;
export type IntakeFixtureName = (typeof INTAKE_FIXTURES)[number];

export interface IntakeFixture {
  name: IntakeFixtureName;
  transcript: Transcript;
  expected: RubricVersion;
}

const realParserPath = path.join(root, 'src', 'core', 'transcript', 'parse-transcript-file.ts');

export async function loadIntakeFixture(name: IntakeFixtureName): Promise<IntakeFixture> {
  const vtt = path.join(intakeFixtureDir, `${name}.vtt`);
  return { name, transcript: await readVtt(vtt), expected: readRubricFile(path.join(intakeFixtureDir, `${name}.rubric.yaml`)) };
}

/** The app's parser once it exists; until then a reader for the subset of WebVTT these fixtures use. */
async function readVtt(file: string): Promise<Transcript> {
  if (existsSync(realParserPath)) {
    const mod = (await import(pathToFileURL(realParserPath).href)) as { parseTranscriptFile: (p: string) => Promise<{ transcript: Transcript }> };
    return (await mod.parseTranscriptFile(file)).transcript;
  }
  return parseSimpleVtt(readFileSync(file, 'utf8'));
}

export function parseSimpleVtt(text: string): Transcript {
  const seconds = (t: string): number => {
    const parts = t.split(':').map(Number);
    return parts.reduce((acc, p) => acc * 60 + p, 0);
  };
  const segments = text
    .split(/\r?\n\r?\n/)
    .map((block) => block.split(/\r?\n/))
    .flatMap((lines) => {
      const timing = lines.findIndex((l) => l.includes('-->'));
      if (timing === -1) return [];
      const [from, to] = lines[timing]!.split('-->').map((s) => s.trim().split(/\s+/)[0]!);
      const body = lines.slice(timing + 1).join(' ');
      const voice = /<v(?:\.[^\s>]+)?\s+([^>]+)>/.exec(body);
      return [{
        start: seconds(from!),
        end: seconds(to!),
        speaker: voice?.[1]?.trim() ?? null,
        text: body.replace(/<[^>]+>/g, '').trim(),
        words: [],
      }];
    });
  return transcriptSchema.parse({ durationSec: segments.at(-1)?.end ?? 0, segments });
}
