import type { PlannedQuestion } from './mapping-input.js';
import { questionTerms, questionWords, termCounts } from './mapping-terms.js';
import { stem } from '../rubric/text-stems.js';
import type { WordVectors } from './word-vectors.js';

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
 * With word vectors, a question sharing ONE content word with a planned question ("team" in "tell me
 * about your team" and "how do you handle conflict in your team") is linked only when the rest of the
 * two questions also agree in meaning (word alignment at least this); two shared words are a link as
 * before; with none shared, the whole questions must align at SAME_MEANING_ALIGNMENT.
 */
export const REST_MEANING_ALIGNMENT = 0.5;
export const SAME_MEANING_ALIGNMENT = 0.6;

export class PlannedQuestionMatcher {
  private readonly idf = new Map<string, number>();
  private readonly unknownWordIdf: number;
  private readonly vectors: Array<{ question: PlannedQuestion; vector: Map<string, number>; norm: number; words: string[] }>;

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
      return { question, vector, norm: norm(vector), words: questionWords(question.text) };
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

  /** The link's similarity, or null when the questions do not mean the same thing. */
  private linkSimilarity(asked: readonly string[], planned: readonly string[], lexical: number): number | null {
    const linked = lexical >= MIN_LINK_SIMILARITY ? lexical : null;
    if (!this.words) return linked;
    const { shared, askedRest, plannedRest } = splitShared(asked, planned);
    if (shared >= 2) return linked;
    if (shared === 1) return plannedRest.length === 0 || this.words.alignment(askedRest, plannedRest) >= REST_MEANING_ALIGNMENT ? linked : null;
    const alignment = this.words.alignment(asked, planned);
    return alignment >= SAME_MEANING_ALIGNMENT ? alignment : null;
  }

  /** Planned questions the asked text matches, best first, at or above MIN_LINK_SIMILARITY. */
  match(asked: string): QuestionLink[] {
    const vector = this.vectorOf(asked);
    const askedNorm = norm(vector);
    if (askedNorm === 0) return [];
    const askedWords = questionWords(asked);
    const links: QuestionLink[] = [];
    for (const { question, vector: planned, norm: plannedNorm, words: plannedWords } of this.vectors) {
      if (plannedNorm === 0) continue;
      let dot = 0;
      for (const [t, w] of vector) dot += w * (planned.get(t) ?? 0);
      const similarity = this.linkSimilarity(askedWords, plannedWords, dot / (askedNorm * plannedNorm));
      if (similarity !== null) links.push({ questionId: question.id, criterionIds: question.criterionIds, similarity });
    }
    return links.sort((a, b) => b.similarity - a.similarity);
  }
}

/** The shared stems, and the words of each side that are not among them. */
function splitShared(asked: readonly string[], planned: readonly string[]): { shared: number; askedRest: string[]; plannedRest: string[] } {
  const askedStems = new Set(asked.map(stem));
  const plannedStems = new Set(planned.map(stem));
  const shared = [...askedStems].filter((t) => plannedStems.has(t)).length;
  return { shared, askedRest: asked.filter((w) => !plannedStems.has(stem(w))), plannedRest: planned.filter((w) => !askedStems.has(stem(w))) };
}

function norm(vector: Map<string, number>): number {
  let sum = 0;
  for (const w of vector.values()) sum += w * w;
  return Math.sqrt(sum);
}
