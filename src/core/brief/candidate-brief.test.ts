import { describe, expect, it } from 'vitest';
import type { BriefSession } from './brief-input.js';
import { candidateBriefMarkdown } from './brief-documents.js';
import { buildCandidateBrief } from './candidate-brief.js';

const session = (id: string, date: string, lines: [string | null, string][]): BriefSession => ({
  sessionId: id,
  title: `Interview ${id}`,
  stage: 'Onsite',
  date,
  candidateName: 'Ana',
  interviewerSpeakers: ['Interviewer'],
  segments: lines.map(([speaker, text], i) => ({ id: `${id}-${i}`, start: i * 10, end: i * 10 + 8, speaker, text, words: [] })),
});

describe('buildCandidateBrief', () => {
  it("quotes only the candidate's own turns, with session and time, across sessions", () => {
    const brief = buildCandidateBrief([
      session('b', '2026-02-01', [
        ['Interviewer', 'Are you worried about anything? I want to be sure you are.'],
        ['Ana', "I'm a bit worried about the on-call load. I have an offer from another startup."],
      ]),
      session('a', '2026-01-01', [
        ['Interviewer', 'Why us?'],
        ['Ana', 'I want to be closer to the product. How big is the team?'],
        ['Ana', 'I want to be closer to the product.'],
      ]),
    ]);
    expect(brief.sessionsRead).toBe(2);
    expect(brief.sections.motivation).toEqual([{ quote: 'I want to be closer to the product.', sessionId: 'a', sessionTitle: 'Interview a', segmentId: 'a-1', start: 10, end: expect.any(Number) }]);
    expect(brief.sections.question.map((q) => q.quote)).toEqual(['How big is the team?']);
    expect(brief.sections.concern.map((q) => [q.quote, q.sessionId, q.segmentId])).toEqual([["I'm a bit worried about the on-call load.", 'b', 'b-1']]);
    expect(brief.sections.competing.map((q) => q.quote)).toEqual(['I have an offer from another startup.']);
    // The interviewer's "I want to be sure" is not the candidate's motivation.
    expect(brief.sections.motivation.every((q) => q.quote.startsWith('I want to be closer'))).toBe(true);
    expect(candidateBriefMarkdown('Ana', brief)).toContain('- “I want to be closer to the product.” — Interview a, 00:10');
  });

  it('says which sessions it could not read because nobody is told apart', () => {
    const brief = buildCandidateBrief([session('x', '2026-01-01', [[null, 'I want to be closer to the product.']])]);
    expect(brief.sessionsRead).toBe(0);
    expect(brief.sessionsWithoutSpeakers).toEqual([{ sessionId: 'x', title: 'Interview x' }]);
    expect(brief.sections.motivation).toEqual([]);
  });
});
