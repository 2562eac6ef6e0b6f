import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { hasChromium } from '../support/chromium.js';
import { runCli } from '../support/run-cli.js';
import { seedPanel, type SeededPanel } from '../support/seed-panel.js';

// The real `debrief` bin against a store holding one submitted scorecard: list, every export, and bad input.
describe('debrief export and scorecards commands', () => {
  let home: string;
  let panel: SeededPanel;
  let scorecardId: string;
  const cli = (...args: string[]) => runCli(args, { DEBRIEF_HOME: home });

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'debrief-export-cli-'));
    const db = await openDatabase(databasePath(home));
    const handlers = createIpcHandlers({ db, home });
    panel = await seedPanel(db, handlers);
    const draft = await handlers['scorecards:draft']({ sessionId: panel.sessions[0]!.id, interviewer: 'Dana Kim' });
    scorecardId = (
      await handlers['scorecards:submit']({
        sessionId: panel.sessions[0]!.id,
        interviewer: 'Dana Kim',
        rubricVersionId: draft.rubricVersionId,
        recommendation: 'strong_yes',
        summary: 'Protected price: traded term for the discount.',
        ratings: draft.ratings.map((r) => ({ criterionId: r.criterionId, rating: r.rating === 'no_evidence' ? 'no_evidence' : 'yes', momentIds: r.evidence.map((e) => e.id) })),
      })
    ).id;
    await db.destroy();
  });

  afterAll(() => rm(home, { recursive: true, force: true }));

  it('lists submitted scorecards, as text and JSON, filtered by candidate', () => {
    const text = cli('scorecards', 'list');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^${scorecardId}  .*  v1  Strong yes .*Dana Kim  Marcus Reed  Marcus, AE screen\\n$`));
    const json = JSON.parse(cli('scorecards', 'list', '--candidate', panel.candidateId, '--json').stdout);
    expect(json.map((c: { id: string }) => c.id)).toEqual([scorecardId]);
    expect(JSON.parse(cli('scorecards', 'list', '--candidate', 'nobody', '--json').stdout)).toEqual([]);
  });

  it('exports the scorecard for each ATS and as Markdown, to stdout or --out', () => {
    const gh = JSON.parse(cli('export', 'scorecard', scorecardId, '--format', 'greenhouse').stdout);
    expect(gh.overall_recommendation).toBe('strong_yes');
    expect(JSON.parse(cli('export', 'scorecard', scorecardId, '--format', 'lever').stdout).fieldValues[0].value).toBe('4 - Strong Hire');
    expect(JSON.parse(cli('export', 'scorecard', scorecardId, '--format', 'ashby').stdout).submittedValues.overall_recommendation).toEqual({ score: 4 });
    const out = path.join(home, 'card.md');
    const written = cli('export', 'scorecard', scorecardId, '--format', 'md', '--out', out);
    expect(written.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('## Closing and negotiation — Yes');
    expect(cli('export', 'debrief', panel.candidateId, '--format', 'md').stdout).toContain('# Debrief: Marcus Reed');
  });

  it.skipIf(!hasChromium)('exports PDFs that open', () => {
    const out = path.join(home, 'debrief.pdf');
    expect(cli('export', 'debrief', panel.candidateId, '--format', 'pdf', '--out', out).code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    try {
      expect(execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' })).toContain('Marcus Reed');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  });

  it('exports transcripts through the shared exporter', () => {
    const id = panel.sessions[0]!.id;
    expect(cli('export', 'transcript', id, '--format', 'srt').stdout).toMatch(/^1\n00:00:\d\d,\d{3} --> /);
    expect(cli('export', 'transcript', id, '--format', 'txt').stdout).toBe(cli('sessions', 'show', id, '--txt').stdout.split('\n').slice(1).join('\n'));
    expect(JSON.parse(cli('export', 'transcript', id, '--format', 'json').stdout).segments.length).toBeGreaterThan(5);
  });

  it('says clearly what is wrong with bad input', () => {
    const draft = cli('export', 'scorecard', panel.sessions[1]!.id, '--format', 'greenhouse');
    expect(draft).toMatchObject({ code: 1, stdout: '', stderr: 'debrief: The scorecard of this interview is still a draft: submit it before exporting it.\n' });
    const format = cli('export', 'scorecard', scorecardId, '--format', 'workday');
    expect(format.code).not.toBe(0);
    expect(format.stderr).toContain("argument 'workday' is invalid. Allowed choices are greenhouse, lever, ashby, md, pdf.");
    const noChromium = runCli(['export', 'scorecard', scorecardId, '--format', 'pdf', '--out', path.join(home, 'x.pdf')], { DEBRIEF_HOME: home, DEBRIEF_CHROMIUM: path.join(home, 'none') });
    expect(noChromium.code).toBe(1);
    expect(noChromium.stderr).toMatch(/^debrief: PDF export needs Chromium, and there is none at /);
    expect(cli('export', 'debrief', 'nobody', '--format', 'md').stderr).toBe('debrief: No candidate has the id nobody.\n');
  });
});
