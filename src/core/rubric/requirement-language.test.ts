import { describe, expect, it } from 'vitest';
import { findRequirementCues, strongestKind, withoutRequirementWords } from './requirement-language.js';

const kindOf = (text: string) => strongestKind(findRequirementCues(text));

describe('requirement language', () => {
  it('infers the kind from how the requirement is said', () => {
    expect(kindOf('They must have run services in production.')).toBe('must-have');
    expect(kindOf('We need somebody who really knows Postgres.')).toBe('must-have');
    expect(kindOf('The collaboration with engineers is non-negotiable.')).toBe('must-have');
    expect(kindOf('Deep Postgres knowledge is required.')).toBe('must-have');
    expect(kindOf('Payments background is a nice to have.')).toBe('trade-off');
    expect(kindOf('Bonus if they know MEDDPICC.')).toBe('trade-off');
    expect(kindOf("I'd rather have someone who knows Postgres than someone who's touched Kafka.")).toBe('trade-off');
    expect(kindOf("It won't work if they get defensive.")).toBe('deal-breaker');
    expect(kindOf("If they blame the team, that's a red flag.")).toBe('deal-breaker');
  });

  it('lets a hedge or a disqualifier outrank a plain "need"', () => {
    expect(kindOf('Ideally they need to have used Kafka.')).toBe('trade-off');
    expect(kindOf('If they need hand-holding on every ticket, that is a deal-breaker.')).toBe('deal-breaker');
  });

  it('ignores the words when they are about the speaker or negated', () => {
    expect(kindOf('I have to say, the last search went sideways.')).toBeNull();
    expect(kindOf("Postgres beats Kafka if I have to pick.")).toBeNull();
    expect(kindOf("No, they don't have to code.")).toBeNull();
    expect(kindOf('Walk me through what you need.')).toBeNull();
    expect(kindOf("I don't even think I need to screen on it.")).toBeNull();
    expect(kindOf('Who was the champion, and how they got to each one.')).toBeNull();
    expect(kindOf('Security background is a bonus, not a requirement.')).toBe('trade-off');
  });

  it('reports each cue with its position, in order', () => {
    const hits = findRequirementCues('Ideally Kafka, but Postgres is a must.');
    expect(hits.map((h) => [h.kind, h.text])).toEqual([
      ['trade-off', 'Ideally'],
      ['must-have', 'must'],
    ]);
    expect(hits[1]!.start).toBe('Ideally Kafka, but Postgres is a '.length);
  });

  it('blanks requirement words out of the clause', () => {
    const left = withoutRequirementWords('So security background is a bonus, not a requirement.');
    expect(left).toContain('So security background is a');
    expect(left).not.toMatch(/bonus|requirement/);
  });
});
