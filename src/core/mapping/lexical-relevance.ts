import type { CriterionProfile } from './criterion-profile.js';
import { allTerms, containsPhrase, contentTerms, termCounts } from './mapping-terms.js';

/**
 * BM25 over the answer windows of one interview: a criterion's profile is the query, each window a
 * document. Inverse document frequency comes from the interview itself, so a word the candidate uses
 * in every answer ("team", "customers") counts for little.
 */
export const BM25 = { k1: 1.2, b: 0.75 } as const;
/** Added per signal phrase said verbatim (after stemming). */
export const PHRASE_BONUS = 1.5;

export interface LexicalDocument {
  /** Content stems, for BM25. */
  terms: string[];
  counts: Map<string, number>;
  /** Every word's stem, for phrase matching. */
  sequence: string[];
}

export function toDocument(text: string): LexicalDocument {
  const terms = contentTerms(text);
  return { terms, counts: termCounts(terms), sequence: allTerms(text) };
}

export class Bm25Corpus {
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(private readonly documents: readonly LexicalDocument[]) {
    for (const doc of documents) for (const t of doc.counts.keys()) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
    const total = documents.reduce((sum, d) => sum + d.terms.length, 0);
    this.averageLength = documents.length === 0 ? 1 : Math.max(1, total / documents.length);
  }

  /** Never negative: BM25's "+1" variant keeps terms that occur in most documents from subtracting. */
  idf(term: string): number {
    const n = this.documents.length;
    const df = this.documentFrequency.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Relevance of any document (a window's answer or its question) to a criterion, scored against this corpus. */
  score(doc: LexicalDocument, profile: CriterionProfile): number {
    const lengthNorm = 1 - BM25.b + (BM25.b * doc.terms.length) / this.averageLength;
    let score = 0;
    for (const [term, count] of doc.counts) {
      const weight = profile.terms.get(term);
      if (weight === undefined) continue;
      score += weight * this.idf(term) * ((count * (BM25.k1 + 1)) / (count + BM25.k1 * lengthNorm));
    }
    for (const phrase of profile.phrases) if (containsPhrase(doc.sequence, phrase)) score += PHRASE_BONUS;
    return score;
  }

  /** Per-term contributions, for choosing the quote and explaining a score. */
  matchedTerms(doc: LexicalDocument, profile: CriterionProfile): string[] {
    return [...doc.counts.keys()].filter((t) => profile.terms.has(t));
  }
}
