import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { parseClock, roundMs } from './timestamps.js';
import type { Segment, Transcript } from './transcript.js';
import { describeIssues } from '../zod-issues.js';

/**
 * JSON transcripts, detected by shape:
 *
 * (a) Debrief's own, as `debrief transcribe --json` prints (also OpenAI Whisper verbose_json):
 *     { "durationSec": 93.5, "language"?: "en",
 *       "segments": [{ "start": 1.2, "end": 4.8, "speaker": "Priya" | null, "text": "…",
 *                      "words": [{ "start", "end", "text", "p"? }] }] }
 *     `durationSec` may be missing (Whisper's `duration` or the last end is used), and so may
 *     `speaker` and `words`.
 * (b) Microsoft Teams / Stream:
 *     { "entries": [{ "speakerDisplayName": "Priya Raman", "startOffset": "00:00:01.2300000",
 *                     "endOffset": "00:00:04.5600000", "text": "…" }] }
 * (c) Zoom cloud-recording timeline:
 *     { "timeline": [{ "ts": "00:00:01.000", "end_ts"?: "00:00:04.000", "text": "…",
 *                      "users": [{ "username": "Priya Raman" }] }] }
 *     A missing end_ts ends at the next entry's ts; the last one gets ~0.4 s per word (≥ 1 s).
 * (d) A plain array (Meet exports from common tools, hand-made files), or such an array under
 *     "segments"/"transcript"/"utterances":
 *     [{ "speaker" | "name" | "speakerName"?: "Priya", "start" | "startTime": 1.2 | "00:00:01.200",
 *        "end" | "endTime": …, "text": "…" }]
 *
 * Every failure is UserFacingError('transcript-malformed') naming `source` and the bad field.
 */

/** Seconds given as a number or a clock string ("00:01:02.500", "1:02", "62.5"). */
const time = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const seconds = typeof v === 'number' ? v : /^\s*\d+(\.\d+)?\s*$/.test(v) ? Number(v) : parseClock(v);
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) {
    ctx.addIssue({ code: 'custom', message: `expected seconds or a time like 00:01:02.500, got ${JSON.stringify(v)}` });
    return z.NEVER;
  }
  return roundMs(seconds);
});

const name = z.string().trim().nullish().transform((v) => (v ? v : null));
const text = z.string().transform((s) => s.replace(/\s+/g, ' ').trim());

const debriefSchema = z.object({
  durationSec: z.number().nonnegative().optional(),
  duration: z.number().nonnegative().optional(),
  language: z.string().nullish(),
  segments: z.array(
    z.object({
      start: z.number().nonnegative(),
      end: z.number().nonnegative(),
      speaker: name,
      text,
      words: z
        .array(z.object({ start: z.number().nonnegative(), end: z.number().nonnegative(), text: z.string(), p: z.number().min(0).max(1).optional() }))
        .optional(),
    }),
  ),
});

const teamsSchema = z.object({
  entries: z.array(z.object({ speakerDisplayName: name, startOffset: time, endOffset: time, text })),
});

const zoomSchema = z.object({
  timeline: z.array(
    z.object({
      ts: time,
      end_ts: time.optional(),
      text,
      users: z.array(z.object({ username: name })).optional(),
    }),
  ),
});

const genericEntry = z
  .object({
    speaker: name,
    name,
    speakerName: name,
    start: time.optional(),
    startTime: time.optional(),
    end: time.optional(),
    endTime: time.optional(),
    text,
  })
  .transform((e, ctx) => {
    const start = e.start ?? e.startTime;
    const end = e.end ?? e.endTime;
    if (start === undefined) ctx.addIssue({ code: 'custom', message: 'needs "start" or "startTime"' });
    if (end === undefined) ctx.addIssue({ code: 'custom', message: 'needs "end" or "endTime"' });
    if (start === undefined || end === undefined) return z.NEVER;
    return { start, end, speaker: e.speaker ?? e.name ?? e.speakerName, text: e.text };
  });
const genericSchema = z.array(genericEntry);

const SHAPES =
  'expected Debrief JSON {durationSec, segments}, Teams {entries}, Zoom {timeline}, or an array of {speaker, start, end, text}';

export function parseJsonTranscript(json: string, source = 'JSON transcript'): Transcript {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UserFacingError(`${source}: not valid JSON (${(err as Error).message})`, 'transcript-malformed', { cause: err });
  }

  if (Array.isArray(data)) return fromSegments(parse(genericSchema, data, source, ''), source);
  if (!data || typeof data !== 'object') throw new UserFacingError(`${source}: ${SHAPES}; found ${JSON.stringify(data)}`, 'transcript-malformed');
  const obj = data as Record<string, unknown>;

  if (Array.isArray(obj.entries)) {
    const t = parse(teamsSchema, obj, source, '');
    return fromSegments(
      t.entries.map((e) => ({ start: e.startOffset, end: e.endOffset, speaker: e.speakerDisplayName, text: e.text })),
      source,
    );
  }
  if (Array.isArray(obj.timeline)) {
    const zoom = parse(zoomSchema, obj, source, '');
    return fromSegments(
      zoom.timeline.map((e, i, all) => {
        const next = all[i + 1]?.ts;
        const guessed = e.ts + Math.max(1, e.text.split(' ').length * 0.4);
        const end = e.end_ts ?? (next !== undefined && next >= e.ts ? next : roundMs(guessed));
        const users = (e.users ?? []).map((u) => u.username).filter((u): u is string => u !== null);
        return { start: e.ts, end, speaker: users.length ? users.join(' & ') : null, text: e.text };
      }),
      source,
    );
  }
  if (Array.isArray(obj.segments) && obj.segments.some((s) => s && typeof s === 'object' && typeof (s as { start?: unknown }).start === 'number')) {
    const d = parse(debriefSchema, obj, source, '');
    const segments = d.segments.map((s) => ({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words ?? [] }));
    const t = fromSegments(segments, source);
    const durationSec = d.durationSec ?? d.duration ?? t.durationSec;
    return d.language ? { ...t, durationSec, language: d.language } : { ...t, durationSec };
  }
  for (const key of ['segments', 'transcript', 'utterances']) {
    if (Array.isArray(obj[key])) return fromSegments(parse(genericSchema, obj[key], source, key), source);
  }
  const keys = Object.keys(obj).slice(0, 8);
  throw new UserFacingError(`${source}: ${SHAPES}; found an object with ${keys.length ? `keys ${keys.join(', ')}` : 'no keys'}`, 'transcript-malformed');
}

function parse<T extends z.ZodType>(schema: T, data: unknown, source: string, root: string): z.output<T> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  throw new UserFacingError(`${source}: ${describeIssues(result.error, { root, topLevel: 'top level', max: 3 })}`, 'transcript-malformed');
}

function fromSegments(items: (Omit<Segment, 'words'> & { words?: Segment['words'] })[], source: string): Transcript {
  const segments: Segment[] = [];
  items.forEach((s, i) => {
    if (s.end < s.start) throw new UserFacingError(`${source}: entry ${i} ends (${s.end} s) before it starts (${s.start} s)`, 'transcript-malformed');
    if (s.text) segments.push({ start: s.start, end: s.end, speaker: s.speaker, text: s.text, words: s.words ?? [] });
  });
  segments.sort((a, b) => a.start - b.start);
  return { durationSec: segments.reduce((max, s) => Math.max(max, s.end), 0), segments };
}
