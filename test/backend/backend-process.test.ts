import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectBackend, type BackendClient } from '../../src/backend/backend-client.js';
import { forkBackend } from '../../src/backend/node-backend-link.js';
import { scratchDir } from '../capture/support/scratch-dir.js';

const fixture = path.resolve('test/fixtures/transcripts/zoom-backend-screen.vtt');

// The backend entry the app runs as a utilityProcess, here as a Node child process with the same messages.
describe('the backend process', () => {
  const home = scratchDir('debrief-backend-');
  const link = forkBackend();
  let backend: BackendClient | undefined;
  afterAll(async () => {
    await backend?.shutdown();
    link.kill();
  });

  it('opens the store in the data folder it is given and answers contract calls', { timeout: 60_000 }, async () => {
    backend = await connectBackend(link, { home, versions: { app: '9.9.9' } });
    const info = await backend.call('app:info', undefined);
    expect(info).toMatchObject({ ok: true, value: { appVersion: '9.9.9', dataFolder: home, nodeVersion: process.versions.node } });

    const imported = await backend.call('sessions:importTranscript', { path: fixture, title: 'Backend screen' });
    expect(imported).toMatchObject({ ok: true });
    const sessionId = (imported as { ok: true; value: { sessionId: string } }).value.sessionId;
    const list = await backend.call('sessions:list', undefined);
    expect(list).toMatchObject({ ok: true, value: [{ id: sessionId, title: 'Backend screen', source: 'import' }] });
    const hits = await backend.call('search:query', { query: 'thanks for making time' });
    expect(hits.ok && Array.isArray(hits.value) && hits.value.length).toBeGreaterThan(0);
  });

  it('validates like dispatchIpc: a bad input is an error as data, the process goes on', async () => {
    const bad = await backend!.call('sessions:get', { id: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const missing = await backend!.call('sessions:get', { id: 'no-such-session' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'session-not-found' } });
  });

  it('ignores messages outside its protocol (an unknown channel, no id) and still answers', async () => {
    link.send({ type: 'call', id: 1_000_000, channel: 'fs:readFile', input: '/etc/passwd' } as never);
    link.send({ type: 'call', channel: 'sessions:list' } as never);
    link.send('not a message' as never);
    expect(await backend!.call('sessions:list', undefined)).toMatchObject({ ok: true });
  });

  it('serves track audio paths by id only, nothing for an unknown track', async () => {
    expect(await backend!.trackAudioPath('no-such-track')).toBeUndefined();
  });

  it('shuts down cleanly; a call after that is answered, not left hanging', async () => {
    await backend!.shutdown();
    const after = await backend!.call('sessions:list', undefined);
    expect(after).toMatchObject({ ok: false, error: { code: 'backend-stopped' } });
    backend = undefined;
  });
});
