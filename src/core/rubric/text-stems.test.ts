import { describe, expect, it } from 'vitest';
import { contentStems, overlapCoefficient, tokenize } from './text-stems.js';

describe('text stems', () => {
  it('tokenizes speech: keeps contractions, splits hyphens, lower-cases', () => {
    expect(tokenize("They've got a self-starter’s Postgres")).toEqual(["they've", 'got', 'a', 'self', "starter's", 'postgres']);
  });

  it('drops filler and function words, and stems the rest', () => {
    expect(contentStems('Um, they really need to know Postgres migrations, you know')).toEqual(['need', 'postgr', 'migrat']);
  });

  it('overlap is measured against the smaller set', () => {
    expect(overlapCoefficient(new Set(['a', 'b']), new Set(['a', 'b', 'c', 'd']))).toBe(1);
    expect(overlapCoefficient(new Set(['a', 'x']), new Set(['a', 'b', 'c']))).toBe(0.5);
    expect(overlapCoefficient(new Set(), new Set(['a']))).toBe(0);
  });
});
