import type { PlannedQuestion } from './mapping-input.js';
import { questionTerms, questionWords, termCounts } from './mapping-terms.js';
import { cosine, type WordVectors } from './word-vectors.js';

/**
 * Matches what the interviewer asked to the interview plan. Interviewers paraphrase ("something
 * you built that had to handle a lot of traffic" for "a system you built that had to scale to high
 * traffic"), so this is a TF-IDF cosine over stems, not string equality.
 */
export interface QuestionLink {
  questionId: string;
  criterionIds: string[];
  similarity: number;
}

/** Below this cosine the asked question is treated as unplanned (follow-ups, small talk). */
export const MIN_LINK_SIMILARITY = 0.25;
/**
 * With word vectors, the asked and planned questions must also mean nearly the same thing: the
 * cosine of their meaning (framing words left out) at least this. One shared word ("team" in
 * "tell me about your team" and "how do you handle conflict in your team") is not enough.
 */
export const MIN_MEANING_SIMILARITY = 0.7;
/** A question this close in meaning is the planned one reworded, even with no stem in common. */
export const SAME_MEANING_SIMILARITY = 0.85;

export class PlannedQuestionMatcher {
  private readonly idf = new Map<string, number>();
  private readonly unknownWordIdf: number;
  private readonly vectors: Array<{ question: PlannedQuestion; vector: Map<string, number>; norm: number; meaning: Float32Array | null }>;

  constructor(
    planned: readonly PlannedQuestion[],
    private readonly words: WordVectors | null = null,
  ) {
    const termSets = planned.map((q) => new Set(questionTerms(q.text)));
    const df = new Map<string, number>();
    for (const set of termSets) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
    const n = Math.max(1, planned.length);
    for (const [t, count] of df) this.idf.set(t, Math.log(1 + n / count));
    this.unknownWordIdf = 0.5 * Math.log(1 + n);
    this.vectors = planned.map((question) => {
      const vector = this.vectorOf(question.text);
      return { question, vector, norm: norm(vector), meaning: this.meaningOf(question.text) };
    });
  }

  private vectorOf(text: string): Map<string, number> {
    const vector = new Map<string, number>();
    for (const [t, count] of termCounts(questionTerms(text))) {
      // A word no planned question uses weighs like a rare one, but at half strength: a paraphrase
      // brings new words, and they should dilute the match without sinking it.
      const idf = this.idf.get(t) ?? this.unknownWordIdf;
      vector.set(t, (1 + Math.log(count)) * idf);
    }
    return vector;
  }

  private meaningOf(text: string): Float32Array | null {
    return this.words ? this.words.embed(questionWords(text).join(' ')) : null;
  }

  /** Planned questions the asked text matches, best first, at or above MIN_LINK_SIMILARITY. */
  match(asked: string): QuestionLink[] {
    const vector = this.vectorOf(asked);
    const askedNorm = norm(vector);
    if (askedNorm === 0) return [];
    const askedMeaning = this.meaningOf(asked);
    const links: QuestionLink[] = [];
    for (const { question, vector: planned, norm: plannedNorm, meaning } of this.vectors) {
      if (plannedNorm === 0) continue;
      let dot = 0;
      for (const [t, w] of vector) dot += w * (planned.get(t) ?? 0);
      const lexical = dot / (askedNorm * plannedNorm);
      // Without vectors the stems decide alone; with them, the link is as strong as the weaker of
      // the two views, so neither a shared word nor a vague topic likeness links on its own.
      const meant = this.words ? cosine(askedMeaning, meaning) : 1;
      if (meant < MIN_MEANING_SIMILARITY) continue;
      const similarity = this.words ? Math.min(1, (lexical + meant) / 2) : lexical;
      const linked = lexical >= MIN_LINK_SIMILARITY || (this.words !== null && meant >= SAME_MEANING_SIMILARITY);
      if (linked) links.push({ questionId: question.id, criterionIds: question.criterionIds, similarity });
    }
    return links.sort((a, b) => b.similarity - a.similarity);
  }
}

function norm(vector: Map<string, number>): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}
