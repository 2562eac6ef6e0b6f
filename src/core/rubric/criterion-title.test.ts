import { describe, expect, it } from 'vitest';
import { distillTitle } from './criterion-title.js';

describe('distillTitle', () => {
  it('keeps the requirement after the cue, without subject, hedges and filler', () => {
    expect(distillTitle(' have run services in production. Like real on-call, real incidents', 'after').title).toBe('Run services in production');
    expect(distillTitle(' somebody who really knows Postgres.', 'after').title).toBe('Knows Postgres');
    expect(distillTitle(" they've used Kafka or something like it.", 'after').title).toBe("Used Kafka");
  });

  it('keeps the requirement before a trailing cue ("X is a must")', () => {
    expect(distillTitle('So, yeah, data-heavy product experience, ', 'before').title).toBe('Data-heavy product experience');
    expect(distillTitle('So security background is a ', 'before').title).toBe('Security background');
  });

  it('takes the condition of "if they…, that is a red flag"', () => {
    expect(distillTitle('If they blame the team, or blame the other service, ', 'before').title).toBe('Blame the team');
  });

  it('caps titles at eight words and trims dangling words', () => {
    const { title } = distillTitle(' closed six-figure deals with long cycles and hit quota consistently for three years', 'after');
    expect(title.split(' ').length).toBeLessThanOrEqual(8);
    expect(title.startsWith('Closed six-figure deals')).toBe(true);
  });

  it('reports no content for a bare confirmation or a number', () => {
    expect(distillTitle("Yeah, it's a ", 'before').contentWords).toBe(0);
    expect(distillTitle('Got it, so three ', 'before').contentWords).toBe(0);
  });
});
