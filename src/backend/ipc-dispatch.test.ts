import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath } from '../core/app-paths.js';
import { createSessionWithTranscript, openDatabase, type Database } from '../db/index.js';
import { maxInputBytes } from '../shared/ipc/contract.js';
import { dispatchIpc } from './ipc-dispatch.js';
import { createIpcHandlers, snippetParts, type IpcHandlers } from './ipc-handlers.js';

describe('dispatchIpc over the real handlers', () => {
  let home: string;
  let db: Database;
  let handlers: IpcHandlers;
  let sessionId: string;
  let trackId: string;
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'debrief-ipc-'));
    db = await openDatabase(databasePath(home));
    const audio = path.join(home, 'mic.wav');
    await writeFile(audio, Buffer.alloc(64));
    sessionId = await createSessionWithTranscript(db, {
      title: 'Backend loop',
      kind: 'interview',
      source: 'recording',
      durationSec: 10,
      tracks: [{ source: 'mic', path: audio, sampleRate: 16000, durationSec: 10 }],
      segments: [{ start: 1, end: 4, speaker: 'Ada', text: 'We sharded the ledger by merchant.', words: [], trackIndex: 0 }],
    });
    trackId = (await db.selectFrom('tracks').select('id').executeTakeFirstOrThrow()).id;
    handlers = createIpcHandlers({ db, home });
  });
  afterAll(async () => {
    await db.destroy();
    await rm(home, { recursive: true, force: true });
  });

  it('returns validated values as { ok: true }', async () => {
    const list = await dispatchIpc(handlers, 'sessions:list', undefined, log);
    expect(list).toMatchObject({ ok: true, value: [{ id: sessionId, title: 'Backend loop', speakers: ['Ada'] }] });
    const info = await dispatchIpc(handlers, 'app:info', undefined, log);
    expect(info).toMatchObject({ ok: true, value: { dataFolder: home, databaseFile: databasePath(home) } });
  });

  it('never sends a track file path to the renderer: audio goes by URL', async () => {
    const detail = await dispatchIpc(handlers, 'sessions:get', { id: sessionId }, log);
    expect(detail.ok).toBe(true);
    expect(JSON.stringify(detail)).not.toContain(home);
    const url = await dispatchIpc(handlers, 'audio:trackUrl', { trackId }, log);
    expect(url).toEqual({ ok: true, value: { url: `debrief-media://track/${trackId}` } });
    expect(await dispatchIpc(handlers, 'audio:trackUrl', { trackId: 'nope' }, log)).toEqual({ ok: true, value: null });
  });

  it('marks search matches as structured snippet parts', async () => {
    const result = await dispatchIpc(handlers, 'search:query', { query: 'sharded' }, log);
    expect(result).toMatchObject({ ok: true, value: [{ sessionId, speaker: 'Ada', start: 1 }] });
    if (!result.ok) throw new Error('unreachable');
    const [hit] = result.value as { snippet: { text: string; match: boolean }[] }[];
    expect(hit!.snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['sharded']);
  });

  it("turns a UserFacingError into the user's message and code", async () => {
    const bad = await dispatchIpc(handlers, 'search:query', { query: '-salary' }, log);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-search-query' } });
    const missing = await dispatchIpc(handlers, 'sessions:get', { id: 'gone' }, log);
    expect(missing).toMatchObject({ ok: false, error: { code: 'session-not-found', message: expect.stringContaining('gone') } });
    const relative = await dispatchIpc(handlers, 'sessions:importTranscript', { path: 'notes.vtt' }, log);
    expect(relative).toMatchObject({ ok: false, error: { code: 'path-not-absolute' } });
  });

  it('refuses unknown channels, malformed and oversized input before any handler runs', async () => {
    expect(await dispatchIpc(handlers, 'fs:readFile', { path: '/etc/passwd' }, log)).toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    expect(await dispatchIpc(handlers, 'sessions:get', { id: 42 }, log)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('id') },
    });
    // In the user's words: no channel name, no zod prefix.
    const refused = await dispatchIpc(handlers, 'settings:setConsent', { text: '   ' }, log);
    expect(refused).toEqual({ ok: false, error: { code: 'invalid-input', message: 'The consent notice is empty.' } });
    expect(await dispatchIpc(handlers, 'sessions:get', { id: 'x', extra: true }, log)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await dispatchIpc(handlers, 'search:query', { query: 'x'.repeat(maxInputBytes) }, log)).toMatchObject({
      ok: false,
      error: { code: 'input-too-large' },
    });
    expect(await dispatchIpc(handlers, 'search:query', { query: 'x'.repeat(1001) }, log)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('query') },
    });
  });

  it('reports an unexpected failure as internal-error and logs it', async () => {
    const broken: IpcHandlers = { ...handlers, 'sessions:list': () => Promise.reject(new Error('disk on fire')) };
    const result = await dispatchIpc(broken, 'sessions:list', undefined, log);
    expect(result).toMatchObject({ ok: false, error: { code: 'internal-error', message: expect.stringContaining('disk on fire') } });
    expect(logged).toContain('IPC sessions:list failed');
  });
});

describe('snippetParts', () => {
  it('splits marked text into plain and matched pieces', () => {
    expect(snippetParts('…we \uE000shard\uE001 by \uE000merchant\uE001')).toEqual([
      { text: '…we ', match: false },
      { text: 'shard', match: true },
      { text: ' by ', match: false },
      { text: 'merchant', match: true },
    ]);
  });
});
