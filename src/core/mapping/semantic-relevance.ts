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
  private readonly good: Array<Float32Array | null>;
  private readonly bad: Array<Float32Array | null>;

  constructor(
    private readonly words: WordVectors,
    criteria: readonly MappingCriterion[],
  ) {
    this.meanings = criteria.map((c) => criterionMeaning(words, c));
    this.parts = criteria.map((c) => criterionParts(words, c));
    this.good = criteria.map((c) => (c.goodLooksLike ? words.embed(c.goodLooksLike) : null));
    this.bad = criteria.map((c) => (c.badLooksLike ? words.embed(c.badLooksLike) : null));
  }

  /**
   * Per criterion, the largest lean of any one sentence towards what bad looks like over what good
   * looks like (0 at least; 0 when the criterion lacks either): one sentence where the candidate
   * describes the failure the criterion warns of, even in a story told as a success.
   */
  badLeans(sentences: readonly string[]): number[] {
    const meanings = sentences.map((s) => this.words.embed(s)).filter((m): m is Float32Array => m !== null);
    return this.bad.map((bad, c) => {
      const good = this.good[c];
      if (!bad || !good) return 0;
      return Math.max(0, ...meanings.map((m) => cosine(m, bad) - cosine(m, good)));
    });
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
