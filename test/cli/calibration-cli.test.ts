import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase } from '../../src/db/index.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { hasChromium } from '../support/chromium.js';
import { runCli } from '../support/run-cli.js';
import { seedCalibration, type SeededCalibration } from '../support/seed-calibration.js';

// The real `debrief` bin on a requisition with six candidates and a panel of three.
describe('debrief calibration', () => {
  let home: string;
  let seeded: SeededCalibration;
  const cli = (...args: string[]) => runCli(args, { DEBRIEF_HOME: home });

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'debrief-calibration-cli-'));
    const db = await openDatabase(databasePath(home));
    seeded = await seedCalibration(db, createIpcHandlers({ db, home }));
    await db.destroy();
  });

  afterAll(() => rm(home, { recursive: true, force: true }));

  it("prints the week's two sentences, the drift and the lenient interviewer", () => {
    const r = cli('calibration', seeded.requisitionId);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Three candidates were rejected this week on “People management”, which is not in the rubric. Two candidates advancing on “Closing and negotiation” both came from referrals.');
    expect(r.stdout).toMatch(/^- Dana Kim rates 0\.8 steps above the panel on the same candidates — lenient \(36 shared ratings on 6 candidates\)\.$/m);
    expect(r.stdout).toMatch(/^- Fay Wu declined on \d{4}-\d\d-\d\d: Took an offer closer to home$/m);
    const json = JSON.parse(cli('calibration', seeded.requisitionId, '--json').stdout) as { drift: { candidateIds: string[] }[]; charts: { id: string }[] };
    expect(json.drift[0]!.candidateIds).toHaveLength(3);
    expect(json.charts.map((c) => c.id)).toEqual(['rating-distribution', 'decisions-by-week', 'interviewer-calibration']);
  });

  it.skipIf(!hasChromium)('prints it to a PDF', () => {
    const pdf = path.join(home, 'calibration.pdf');
    expect(cli('calibration', seeded.requisitionId, '--pdf', pdf).code).toBe(0);
    expect(execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })).toContain('Calibration: Account executive');
  });

  it('says so in plain words for a requisition that does not exist, exit code non-zero', () => {
    const r = cli('calibration', 'no-such-requisition');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/The requisition no-such-requisition does not exist/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
