import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTranscriptFile } from '../../src/core/transcript/parse-transcript-file.js';
import { transcriptSchema } from '../../src/core/transcript/transcript.js';
import { getSession, openDatabase, type Database } from '../../src/db/index.js';
import { createIpcHandlers, type IpcHandlers } from '../../src/backend/ipc-handlers.js';
import { channelCaller } from '../support/call-channel.js';
import { tempDir } from '../support/speech.js';

const fixture = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/transcripts/meet-product-designer.txt');

// Google Meet saves its transcript as a Google Doc; downloaded as plain text it is a title, the
// attendees, Meet's disclaimer, "Name: text" turns, a time mark every five minutes and the end time.
describe('importing a Google Meet transcript', () => {
  it('keeps the speakers and every turn, without the header, and places turns between Meet’s time marks', async () => {
    const { transcript: t, skipped } = await parseTranscriptFile(fixture);
    expect(skipped).toEqual([]);
    expect(transcriptSchema.safeParse(t).success).toBe(true);
    expect([...new Set(t.segments.map((s) => s.speaker))]).toEqual(['Omar Haddad', 'Rosa Lindqvist']);
    expect(t.segments).toHaveLength(14);
    expect(t.segments[0]).toMatchObject({ start: 0, speaker: 'Omar Haddad', text: 'Hi Rosa, thanks for joining. Can you hear me all right?' });
    const all = t.segments.map((s) => s.text).join('\n');
    expect(all).not.toMatch(/Attendees|Presentation|editable transcript|Meeting ended|00:05:00|- Transcript/);
    // The first turn after the 00:05:00 mark starts there; the last ends when Meet says the meeting ended.
    const afterMark = t.segments.findIndex((s) => s.text.startsWith("That's a good story."));
    expect(t.segments[afterMark]!.start).toBe(300);
    expect(t.segments[afterMark - 1]!.end).toBe(300);
    expect(t.segments.at(-1)!.end).toBe(370);
    expect(t.durationSec).toBe(370);
    t.segments.forEach((s, i) => {
      expect(s.end).toBeGreaterThan(s.start);
      if (i > 0) expect(s.start).toBe(t.segments[i - 1]!.end);
    });
  });

  it('a .txt that is not a Meet transcript is refused with one clear line', async () => {
    const dir = tempDir('debrief-meet-');
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'Shopping list\nmilk\neggs\n');
    await expect(parseTranscriptFile(notes)).rejects.toMatchObject({
      code: 'transcript-unsupported',
      message: `${notes} is plain text but not a Google Meet transcript: it has no "… - Transcript" title or "Attendees" heading.`,
    });
  });

  describe('through the app', () => {
    let dir: string;
    let db: Database;
    let handlers: IpcHandlers;
    const unexpected: unknown[] = [];
    const call = channelCaller(() => handlers, unexpected);

    beforeAll(async () => {
      dir = tempDir('debrief-meet-app-');
      db = await openDatabase(path.join(dir, 'debrief.sqlite'));
      handlers = createIpcHandlers({ db, home: dir });
    });
    afterAll(async () => {
      await db?.destroy();
      expect(unexpected).toEqual([]);
    });

    it('stores the Meet transcript with its speakers; a non-transcript .txt stores nothing', async () => {
      const { sessionId, summary } = await call('sessions:importTranscript', { path: fixture });
      expect(summary).toBe('Imported 14 cues');
      const session = (await getSession(db, sessionId))!;
      expect(session.title).toBe('meet-product-designer.txt');
      expect(session.speakers).toEqual(['Omar Haddad', 'Rosa Lindqvist']);
      expect(session.segments.find((s) => s.text.startsWith('Yes. How big is the design team'))!.speaker).toBe('Rosa Lindqvist');

      const notes = path.join(dir, 'notes.txt');
      fs.writeFileSync(notes, 'Shopping list\nmilk\neggs\n');
      const before = await db.selectFrom('sessions').select('id').execute();
      await expect(call('sessions:importTranscript', { path: notes })).rejects.toMatchObject({ code: 'transcript-unsupported' });
      expect(await db.selectFrom('sessions').select('id').execute()).toEqual(before);
    });
  });
});
