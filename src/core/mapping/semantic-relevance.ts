import type { MappingCriterion } from './mapping-input.js';
import { cosine, type WordVectors } from './word-vectors.js';

/**
 * Meaning-level relevance of answers to criteria, from pretrained word vectors: "nobody restarts the
 * queue by hand at 3 a.m." is about automating toil although it shares no word with it. Lexical
 * relevance stays beside it: an exact signal phrase is still the strongest evidence.
 */
export function criterionMeaning(words: WordVectors, criterion: MappingCriterion): Float32Array | null {
  return words.embed([criterion.title, criterion.title, ...criterion.signals, criterion.description, criterion.goodLooksLike, criterion.badLooksLike].join(' '));
}

/**
 * The criterion's parts, each embedded on its own: an answer that matches what bad looks like, or one
 * signal, is lost in the average of the whole criterion's text.
 */
function criterionParts(words: WordVectors, criterion: MappingCriterion): Float32Array[] {
  const parts = [criterion.title, ...criterion.signals, criterion.description, criterion.goodLooksLike, criterion.badLooksLike];
  return parts.map((text) => (text ? words.embed(text) : null)).filter((v): v is Float32Array => v !== null);
}

export class SemanticRelevance {
  private readonly meanings: Array<Float32Array | null>;
  private readonly parts: Float32Array[][];

  constructor(
    private readonly words: WordVectors,
    criteria: readonly MappingCriterion[],
  ) {
    this.meanings = criteria.map((c) => criterionMeaning(words, c));
    this.parts = criteria.map((c) => criterionParts(words, c));
  }

  /** Per criterion, the cosine of a text to its closest part (title, one signal, description, good, bad). */
  partScores(text: string): number[] {
    const meaning = this.words.embed(text);
    return this.parts.map((parts) => Math.max(0, ...parts.map((p) => cosine(meaning, p))));
  }

  /** Cosine of a text to each criterion, in the criteria's order. */
  scores(text: string): number[] {
    const meaning = this.words.embed(text);
    return this.meanings.map((m) => cosine(meaning, m));
  }
}
