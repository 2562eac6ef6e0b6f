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

export class SemanticRelevance {
  private readonly meanings: Array<Float32Array | null>;

  constructor(
    private readonly words: WordVectors,
    criteria: readonly MappingCriterion[],
  ) {
    this.meanings = criteria.map((c) => criterionMeaning(words, c));
  }

  /** Cosine of a text to each criterion, in the criteria's order. */
  scores(text: string): number[] {
    const meaning = this.words.embed(text);
    return this.meanings.map((m) => cosine(meaning, m));
  }
}
