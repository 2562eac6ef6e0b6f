import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refineMappingWithLlm } from '../../src/core/llm/refine-mapping.js';
import type { MappingCriterion, ProposedMoment } from '../../src/core/mapping/mapping-input.js';
import { startFakeOpenAiServer, unusedPort, type FakeOpenAiServer } from './fake-openai-server.js';

const criteria: MappingCriterion[] = [
  { id: 'c-sql', kind: 'must-have', title: 'Writes SQL', description: '', goodLooksLike: '', badLooksLike: '', signals: [] },
  { id: 'c-blame', kind: 'deal-breaker', title: 'Blames others', description: '', goodLooksLike: '', badLooksLike: '', signals: [] },
];
const moment = (criterionId: string, start: number, confidence: number, reasons: ProposedMoment['reasons']): ProposedMoment => ({
  criterionId,
  start,
  end: start + 4,
  quote: `quote at ${start}`,
  confidence,
  reasons,
  question: 'Tell me about it.',
  answerStart: start,
  answerEnd: start + 10,
});
const offline = [moment('c-sql', 10, 0.6, ['lexical']), moment('c-blame', 30, 0.5, ['tag']), moment('c-blame', 50, 0.45, ['lexical']), moment('c-sql', 70, 0.7, ['question-link'])];

let server: FakeOpenAiServer;
beforeEach(async () => {
  server = await startFakeOpenAiServer();
});
afterEach(async () => {
  await server.close();
});
const config = () => ({ baseURL: server.baseURL, model: 'judge', timeoutMs: 2_000 });
const answer = (judgements: unknown) => () => ({ kind: 'answer' as const, content: JSON.stringify({ judgements }) });

describe('refining the offline mapping with a language model', () => {
  it('drops what the model rejects but never an interviewer tag, blends confidence, and keeps unjudged proposals', async () => {
    server.respond = answer([
      { proposal: 0, relevant: true, confidence: 1 },
      { proposal: 1, relevant: false, confidence: 0.9 },
      { proposal: 2, relevant: false, confidence: 0.8 },
      { proposal: 9, relevant: false, confidence: 1 },
    ]);
    const result = await refineMappingWithLlm(offline, criteria, config());
    expect(result).toMatchObject({ source: 'llm', fallback: null });
    expect(result.moments.map((m) => [m.start, m.confidence, m.reasons])).toEqual([
      [10, 0.8, ['lexical', 'llm']],
      [30, 0.5, ['tag']],
      [70, 0.7, ['question-link']],
    ]);
    const prompt = JSON.stringify(server.requests[0]!.body);
    expect(prompt).toContain('Proposal 3:');
    expect(prompt).toContain('Blames others (deal-breaker)');
  });

  it('keeps the offline proposals, saying why, when the endpoint is missing, down, slow or answers junk', async () => {
    expect(await refineMappingWithLlm(offline, criteria, null)).toMatchObject({ source: 'offline', moments: offline, fallback: { code: 'not-configured' } });
    expect(await refineMappingWithLlm(offline, criteria, { baseURL: `http://127.0.0.1:${await unusedPort()}/v1`, model: 'judge' })).toMatchObject({
      source: 'offline',
      moments: offline,
      fallback: { code: 'unreachable' },
    });
    server.respond = () => ({ kind: 'answer', content: '{"judgements": [{"proposal": "first", "relevant": "yes"}]}' });
    expect(await refineMappingWithLlm(offline, criteria, config())).toMatchObject({ source: 'offline', fallback: { code: 'schema-mismatch' } });
    server.respond = answer([{ proposal: 7, relevant: true, confidence: 1 }]);
    expect(await refineMappingWithLlm(offline, criteria, config())).toMatchObject({ source: 'offline', moments: offline, fallback: { code: 'empty-answer' } });
    server.respond = () => ({ kind: 'hang' });
    expect(await refineMappingWithLlm(offline, criteria, { ...config(), timeoutMs: 300 })).toMatchObject({ source: 'offline', moments: offline, fallback: { code: 'timeout' } });
  });
});
