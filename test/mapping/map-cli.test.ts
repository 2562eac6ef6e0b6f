// `debrief import --rubric --interviewer` then `debrief map --json` on a real store, in a child
// process, against the app's "Map moments" handler on the same session: the same proposals.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/speech.js';
import { INTERVIEW_FIXTURES_DIR } from './interview-fixtures.js';

const proposalsJson = z.object({
  sessionId: z.string(),
  interviewerSpeakers: z.array(z.string()),
  proposals: z.array(
    z.strictObject({
      criterionId: z.string(),
      criterion: z.string(),
      start: z.number(),
      end: z.number(),
      quote: z.string(),
      confidence: z.number(),
      polarity: z.enum(['supports', 'contradicts']),
      reasons: z.array(z.string()),
    }),
  ),
});

/** A development fixture's rubric as the app's rubric file (criterion ids are UUIDs there). */
function rubricFile(role: string, file: string): Map<string, string> {
  const fixture = JSON.parse(readFileSync(path.join(INTERVIEW_FIXTURES_DIR, `${role}.rubric.json`), 'utf8')) as {
    role: string;
    criteria: { id: string; kind: string; title: string; description: string; goodLooksLike: string; badLooksLike: string; signals: string[] }[];
    questions: { id: string; text: string; criterionIds: string[] }[];
  };
  const ids = new Map(fixture.criteria.map((c) => [c.id, randomUUID()]));
  const rubric = {
    rubricId: randomUUID(),
    version: 1,
    requisitionTitle: fixture.role,
    criteria: fixture.criteria.map((c) => ({ ...c, id: ids.get(c.id) })),
    interviewPlan: { stages: [{ name: 'Interview', questions: fixture.questions.map((q) => ({ ...q, criterionIds: q.criterionIds.map((id) => ids.get(id)) })) }] },
    createdAt: '2026-01-05T10:00:00.000Z',
  };
  writeFileSync(file, JSON.stringify(rubric));
  return ids;
}

describe('debrief map', () => {
  const home = tempDir('debrief-map-cli-');
  const env = { DEBRIEF_HOME: home };
  let db: Database;
  let handlers: IpcHandlers;
  const unexpected: unknown[] = [];
  const call = channelCaller(() => handlers, unexpected);
  let sessionId: string;
  let ids: Map<string, string>;

  beforeAll(() => {
    const rubricPath = path.join(home, 'finance.rubric.json');
    ids = rubricFile('customer-success-manager', rubricPath);
    const imported = runCli(['import', path.join(INTERVIEW_FIXTURES_DIR, 'customer-success-manager-01.vtt'), '--rubric', rubricPath, '--interviewer', 'Interviewer'], env);
    expect(imported.stderr).not.toMatch(/error|debrief:/i);
    expect(imported.code).toBe(0);
    sessionId = imported.stdout.trim();
  });
  afterAll(async () => {
    await db?.destroy();
    expect(unexpected).toEqual([]);
  });

  it('prints the same proposals, with polarity, as the app handler gives for the imported session', async () => {
    const mapped = runCli(['map', sessionId, '--json'], env);
    expect(mapped.code, mapped.stderr).toBe(0);
    const cli = proposalsJson.parse(JSON.parse(mapped.stdout));
    expect(cli.interviewerSpeakers).toEqual(['Interviewer']);
    expect(cli.proposals.length).toBeGreaterThan(3);
    expect(new Set(cli.proposals.map((p) => p.criterionId)).size).toBeGreaterThan(2);
    for (const p of cli.proposals) expect([...ids.values()]).toContain(p.criterionId);

    db = await openDatabase(databasePath(home));
    handlers = createIpcHandlers({ db, home });
    const app = (await call('mapping:run', { sessionId, interviewerSpeakers: ['Interviewer'] })).moments.filter((m) => m.origin === 'auto');
    const key = (m: { criterionId: string | null; start: number; end: number; quote: string | null; confidence: number | null; polarity: string | null }) =>
      `${m.criterionId}|${m.start}|${m.end}|${m.confidence}|${m.polarity}|${m.quote}`;
    expect(app.map(key).sort()).toEqual(cli.proposals.map(key).sort());
  });

  it('prints a readable table and says clearly when the session is unknown', () => {
    const table = runCli(['map', sessionId], env);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/\d\d:\d\d–\d\d:\d\d {2}Onboarding and product adoption {2}\d+% {2}(supports|contradicts)/);
    const missing = runCli(['map', 'no-such-session'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('debrief: The session no-such-session does not exist.\n');
  });
});
