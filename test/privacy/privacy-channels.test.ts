import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databasePath } from '../../src/core/app-paths.js';
import { openDatabase, type Database } from '../../src/db/index.js';
import { dispatchIpc } from '../../src/backend/ipc-dispatch.js';
import { createIpcHandlers } from '../../src/backend/ipc-handlers.js';
import { scratchDir } from '../capture/support/scratch-dir.js';
import { seedCandidate } from './support/seed-candidate.js';

let db: Database | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});
const log = () => {};

describe('privacy channels over the real handlers', () => {
  it('retention asks before 0 days; opening, exporting and erasing land in the audit trail', async () => {
    const home = scratchDir('debrief-privacy-ipc-');
    db = await openDatabase(databasePath(home));
    const handlers = createIpcHandlers({ db, home });
    const c = await seedCandidate(db, home, 'frumwell');

    expect(await dispatchIpc(handlers, 'privacy:getRetention', undefined, log)).toEqual({ ok: true, value: { audioDays: 30, transcriptDaysAfterClose: 90 } });
    const zero = await dispatchIpc(handlers, 'privacy:setRetention', { policy: { audioDays: 0, transcriptDaysAfterClose: 90 } }, log);
    expect(zero).toMatchObject({ ok: false, error: { code: 'retention-zero-needs-confirmation', message: expect.stringMatching(/^Keeping audio for 0 days deletes it/) } });
    expect(await dispatchIpc(handlers, 'privacy:runRetention', { dryRun: true }, log)).toMatchObject({ ok: true, value: { items: [] } });
    expect(await dispatchIpc(handlers, 'privacy:setRetention', { policy: { audioDays: 0, transcriptDaysAfterClose: 90 }, confirmed: true }, log)).toEqual({ ok: true, value: null });
    expect(await dispatchIpc(handlers, 'privacy:runRetention', { dryRun: true }, log)).toMatchObject({ ok: true, value: { items: [{ sessionId: c.sessionId, audio: true }] } });
    expect(fs.existsSync(c.audioFile)).toBe(true);

    expect((await dispatchIpc(handlers, 'sessions:get', { id: c.sessionId }, log)).ok).toBe(true);
    const out = path.join(home, '..', `${path.basename(home)}-export.tar`);
    expect(await dispatchIpc(handlers, 'privacy:exportCandidate', { candidateId: c.candidateId, path: out }, log)).toEqual({ ok: true, value: { sessions: 1, audioFiles: 1 } });
    const again = await dispatchIpc(handlers, 'privacy:exportCandidate', { candidateId: c.candidateId, path: out }, log);
    expect(again).toMatchObject({ ok: false, error: { code: 'export-exists' } });
    fs.rmSync(out);

    const erased = await dispatchIpc(handlers, 'privacy:eraseCandidate', { candidateId: c.candidateId }, log);
    expect(erased).toMatchObject({ ok: true, value: { server: 'no team server configured', removed: { sessions: 1 } } });
    const audit = await dispatchIpc(handlers, 'privacy:audit', { candidateId: c.candidateId }, log);
    if (!audit.ok) throw new Error(audit.error.message);
    expect((audit.value as { action: string; subjectKind: string }[]).map((e) => `${e.action} ${e.subjectKind}`)).toEqual(['opened session', 'exported candidate', 'deleted candidate']);
    // The trail itself cannot be rewritten.
    await expect(db.deleteFrom('audit_events').execute()).rejects.toThrow(/append-only/);
    await expect(db.updateTable('audit_events').set({ actor: 'someone else' }).execute()).rejects.toThrow(/append-only/);
  });
});
