import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { isPlainStore, openDatabase } from '../../src/db/index.js';
import { runCli } from '../support/run-cli.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { candidateNeedles, findBytes, seedCandidate } from './support/seed-candidate.js';

describe('debrief retention and candidates (CLI)', () => {
  it('encrypts with a passphrase, runs retention dry, exports, erases with a receipt, and keeps the audit trail', async () => {
    const root = scratchDir('debrief-privacy-cli-');
    const home = path.join(root, 'home');
    const db = await openDatabase(databasePath(home));
    const c = await seedCandidate(db, home, 'kworbl', { startedAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    await db.destroy();
    const env = { DEBRIEF_HOME: home, DEBRIEF_PASSPHRASE: 'correct horse battery' };

    const dry = runCli(['retention', 'run', '--dry-run'], env);
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain(`${c.sessionId}  would remove audio (expired`);
    expect(isPlainStore(databasePath(home))).toBe(false);
    expect(fs.existsSync(c.audioFile)).toBe(true);

    const wrong = runCli(['retention', 'run', '--dry-run'], { ...env, DEBRIEF_PASSPHRASE: 'tr0ub4dor' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('debrief: That passphrase is not the one this data was locked with. Nothing was changed; try again.\n');
    const none = runCli(['sessions', 'list'], { DEBRIEF_HOME: home });
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^debrief: Enter your passphrase to unlock your data\.\n$/);

    const archive = path.join(root, 'export.tar');
    const exported = runCli(['candidates', 'export', c.candidateId, '--out', archive], env);
    expect(exported.stdout).toBe(`Exported 1 session(s) and 1 audio file(s) to ${archive}\n`);
    const listing = execFileSync('tar', ['-tf', archive], { encoding: 'utf8' }).trim().split('\n');
    expect(listing).toEqual(expect.arrayContaining(['manifest.json', 'candidate.md', expect.stringMatching(/^audio\/.+\.wav$/)]));
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json'], { encoding: 'utf8' }));
    expect(manifest.candidate.name).toBe(c.name);
    expect(manifest.sessions[0].segments.map((s: { text: string }) => s.text)).toEqual(c.sentences);
    expect(manifest.sessions[0].consent.text).toBe(`${c.name} agreed to be recorded`);
    const markdown = execFileSync('tar', ['-xOf', archive, 'candidate.md'], { encoding: 'utf8' });
    expect(markdown).toContain(`# Data held about ${c.name}`);
    expect(markdown).toContain(`[00:00:10] ${c.name}: ${c.sentences[1]}`);
    const audioEntry = listing.find((l) => l.startsWith('audio/'))!;
    expect(execFileSync('tar', ['-xOf', archive, audioEntry]).equals(c.audio)).toBe(true);

    const unconfirmed = runCli(['candidates', 'erase', c.candidateId], env);
    expect(unconfirmed.stderr).toBe('debrief: Erasing a candidate cannot be undone: run again with --yes to confirm.\n');
    const erased = runCli(['candidates', 'erase', c.candidateId, '--yes'], env);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toMatchObject({ server: 'no team server configured', removed: { sessions: 1, audioFiles: 2 } });
    expect(findBytes(home, candidateNeedles(c, 'kworbl'))).toEqual([]);

    const audit = JSON.parse(runCli(['candidates', 'audit', c.candidateId, '--json'], env).stdout) as { action: string; actor: string }[];
    expect(audit.map((e) => e.action)).toEqual(['exported', 'deleted']);
    expect(audit[0]!.actor).toMatch(/\(command line\)$/);
    for (const s of c.sentences) expect(JSON.stringify(audit)).not.toContain(s);
  });
});
