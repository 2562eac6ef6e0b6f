import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssueForUser, describeIssues, issuePath } from './zod-issues.js';

const tracks = z.object({
  title: z.string().min(1, 'the title is empty'),
  tracks: z.array(z.object({ speakerLabel: z.string().min(1, 'a speaker name is empty') })),
});

function errorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected the value to be refused');
  return result.error;
}

describe('zod issue formatting', () => {
  it('writes paths with dots between keys and brackets around indexes', () => {
    expect(issuePath(['tracks', 0, 'speakerLabel'])).toBe('tracks[0].speakerLabel');
    expect(issuePath([2, 'start'], 'segments')).toBe('segments[2].start');
    expect(issuePath([])).toBe('');
  });

  it('describes the first issue with where it is, and counts the rest when asked for several', () => {
    const error = errorOf(tracks, { title: '', tracks: [{ speakerLabel: '' }, { speakerLabel: '' }] });
    expect(describeIssues(error)).toBe('title: the title is empty');
    expect(describeIssues(error, { max: 2 })).toBe('title: the title is empty; tracks[0].speakerLabel: a speaker name is empty (and 1 more)');
    expect(describeIssues(error, { root: 'meeting' })).toBe('meeting.title: the title is empty');
  });

  it('names the top level only when the caller gives it a name', () => {
    const error = errorOf(z.string(), 42);
    expect(describeIssues(error)).toBe('Invalid input: expected string, received number');
    expect(describeIssues(error, { topLevel: 'top level' })).toBe('top level: Invalid input: expected string, received number');
  });

  it('speaks to users without paths, indexes or zod prefixes', () => {
    expect(describeIssueForUser(errorOf(tracks, { title: '', tracks: [] }))).toBe('The title is empty.');
    expect(describeIssueForUser(errorOf(tracks, { title: 'x', tracks: [{ speakerLabel: 7 }] }))).toBe('Check the speaker label: expected string, received number.');
    const sentence = describeIssueForUser(errorOf(tracks, { title: 'x', tracks: [{ speakerLabel: '' }] }));
    expect(sentence).toBe('A speaker name is empty.');
    expect(sentence).not.toMatch(/\[|\]|tracks/);
  });
});
