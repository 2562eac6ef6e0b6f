import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../src/core/errors.js';
import { createLlmClient } from '../../src/core/llm/llm-client.js';
import { improveDraftWithLlm, llmRubricAnswerSchema, SYSTEM_PROMPT, type LlmRubricAnswer } from '../../src/core/llm/improve-draft.js';
import { draftRubricFromIntake, type IntakeDraft } from '../../src/core/rubric/draft-from-intake.js';
import type { Transcript } from '../../src/core/transcript/transcript.js';
import { loadIntakeFixture } from '../rubric/intake-fixtures.js';
import { startFakeOpenAiServer, unusedPort, type FakeOpenAiServer } from './fake-openai-server.js';

const now = new Date('2025-03-04T17:00:00Z');
let transcript: Transcript;
let offline: IntakeDraft;
let server: FakeOpenAiServer;

const goodAnswer: LlmRubricAnswer = {
  requisitionTitle: 'Senior Backend Engineer, Payments Platform',
  criteria: [
    {
      kind: 'must-have',
      title: 'Deep Postgres knowledge',
      description: 'Data modeling, indexing, migrations on billion-row tables.',
      goodLooksLike: 'Explains how to add an index to a two-billion-row table without locking it.',
      badLooksLike: 'Has only used Postgres through an ORM.',
      signals: ['Postgres', 'data modeling', 'migration without locking'],
      quotes: ['The deep Postgres knowledge is required.', 'We need somebody who really knows Postgres.'],
    },
    {
      kind: 'must-have',
      title: 'Mentors mid-level engineers',
      description: 'Grows the four mid-levels.',
      goodLooksLike: 'Names someone they mentored and what that person got better at.',
      badLooksLike: 'Says they love mentoring without an example.',
      signals: ['mentor', 'pairing'],
      quotes: ['So this person needs to mentor.'],
    },
    {
      kind: 'deal-breaker',
      title: 'Blames others for incidents',
      description: '',
      goodLooksLike: 'Owns their part of an incident.',
      badLooksLike: 'Blames the team or another service in a postmortem story.',
      signals: ['blame'],
      quotes: ['This quote is not in the transcript at all, the model made it up.'],
    },
  ],
};

beforeAll(async () => {
  ({ transcript } = await loadIntakeFixture('senior-backend-engineer'));
  offline = draftRubricFromIntake(transcript, { now });
});

beforeEach(async () => {
  server = await startFakeOpenAiServer();
});

afterEach(async () => {
  await server.close();
});

function config(overrides: Record<string, unknown> = {}) {
  return { baseURL: server.baseURL, model: 'llama3.1:8b', timeoutMs: 5_000, ...overrides };
}

describe('improveDraftWithLlm against an OpenAI-compatible server', () => {
  it('uses a good structured answer: new titles and definitions, quotes located with their timestamps', async () => {
    server.respond = () => ({ kind: 'answer', content: JSON.stringify(goodAnswer) });
    const result = await improveDraftWithLlm(offline, transcript, config(), { now });

    expect(result.source).toBe('llm');
    expect(result.fallback).toBeNull();
    const { rubric, evidence } = result.draft;
    expect(rubric.requisitionTitle).toBe('Senior Backend Engineer, Payments Platform');
    expect(rubric.criteria.map((c) => c.title)).toEqual(['Deep Postgres knowledge', 'Mentors mid-level engineers', 'Blames others for incidents']);
    expect(rubric.criteria[0]!.goodLooksLike).toMatch(/two-billion-row/);

    // The Postgres criterion restates an offline one, so it keeps that id.
    const offlinePostgres = offline.rubric.criteria.find((c) => c.kind === 'must-have' && /postgres/i.test(c.title))!;
    expect(rubric.criteria[0]!.id).toBe(offlinePostgres.id);

    const postgresQuotes = evidence.filter((e) => e.criterionId === rubric.criteria[0]!.id);
    expect(postgresQuotes.map((e) => e.quote)).toEqual(['The deep Postgres knowledge is required.', 'We need somebody who really knows Postgres.']);
    expect(postgresQuotes.every((e) => e.speaker === 'Hiring Manager' && e.start > 60 && e.end > e.start)).toBe(true);

    // An invented quote is not turned into evidence; the matching offline evidence is kept instead.
    const dealBreaker = rubric.criteria[2]!;
    const dealBreakerEvidence = evidence.filter((e) => e.criterionId === dealBreaker.id);
    expect(dealBreakerEvidence.length).toBeGreaterThan(0);
    expect(dealBreakerEvidence.some((e) => /blame/i.test(e.quote))).toBe(true);
    expect(dealBreakerEvidence.some((e) => /made it up/.test(e.quote))).toBe(false);
  });

  it('sends exactly one request: the configured model, the prompt, the transcript excerpt and a JSON schema', async () => {
    server.respond = () => ({ kind: 'answer', content: JSON.stringify(goodAnswer) });
    await improveDraftWithLlm(offline, transcript, config({ apiKey: 'sk-local-test' }), { now });

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe('Bearer sk-local-test');
    const body = request!.body as { model: string; messages: { role: string; content: string }[]; response_format: { type: string; json_schema: { name: string; schema: { properties: Record<string, unknown> } } } };
    expect(body.model).toBe('llama3.1:8b');
    expect(body.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(body.messages[0]!.content).toBe(SYSTEM_PROMPT);
    const user = body.messages[1]!.content;
    expect(user).toContain('[1:35] Hiring Manager: Postgres.\n[1:36] Hiring Manager: So everything we have sits on Postgres');
    expect(user).toContain('[0:01] Recruiter: Hey Dana, thanks for making time.');
    expect(user).toContain('[5:55] Hiring Manager: Sounds good. Thanks, this was useful.');
    for (const c of offline.rubric.criteria) expect(user).toContain(`"title": ${JSON.stringify(c.title)}`);
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.name).toBe('intake_rubric');
    expect(Object.keys(body.response_format.json_schema.schema.properties)).toEqual(['requisitionTitle', 'criteria']);
  });

  it('falls back from json_schema to json_object when the server rejects structured output', async () => {
    server.respond = (body) =>
      (body.response_format as { type: string }).type === 'json_schema'
        ? { kind: 'status', status: 400, message: "response_format type 'json_schema' is not supported" }
        : { kind: 'answer', content: '```json\n' + JSON.stringify(goodAnswer) + '\n```' };
    const result = await improveDraftWithLlm(offline, transcript, config(), { now });
    expect(result.source).toBe('llm');
    expect(server.requests.map((r) => (r.body as { response_format: { type: string } }).response_format.type)).toEqual(['json_schema', 'json_object']);
  });

  it('keeps the offline draft when the answer is not JSON', async () => {
    server.respond = () => ({ kind: 'answer', content: 'Sure! Here is your rubric: must-haves are Postgres and mentoring.' });
    const result = await improveDraftWithLlm(offline, transcript, config(), { now });
    expect(result).toEqual({ source: 'offline', draft: offline, fallback: { code: 'invalid-json', message: expect.stringContaining('not JSON') } });
  });

  it('keeps the offline draft when the JSON does not match the rubric shape', async () => {
    server.respond = () => ({ kind: 'answer', content: JSON.stringify({ requisitionTitle: 'X', criteria: [{ kind: 'nice', title: 'Go' }] }) });
    const result = await improveDraftWithLlm(offline, transcript, config(), { now });
    expect(result.source).toBe('offline');
    expect(result.draft).toBe(offline);
    expect(result.fallback?.code).toBe('schema-mismatch');
    expect(result.fallback?.message).toContain('criteria[0].kind');
  });

  it('keeps the offline draft on HTTP 500, without retrying', async () => {
    server.respond = () => ({ kind: 'status', status: 500, message: 'model crashed' });
    const result = await improveDraftWithLlm(offline, transcript, config(), { now });
    expect(result.source).toBe('offline');
    expect(result.fallback?.code).toBe('http-error');
    expect(result.fallback?.message).toContain('500');
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the offline draft when the server hangs past the timeout', async () => {
    server.respond = () => ({ kind: 'hang' });
    const started = Date.now();
    const result = await improveDraftWithLlm(offline, transcript, config({ timeoutMs: 400 }), { now });
    const elapsed = Date.now() - started;
    expect(result.source).toBe('offline');
    expect(result.fallback?.code).toBe('timeout');
    expect(result.fallback?.message).toContain('0.4 s');
    expect(elapsed).toBeGreaterThanOrEqual(350);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('keeps the offline draft when the connection is refused', async () => {
    const port = await unusedPort();
    const result = await improveDraftWithLlm(offline, transcript, { baseURL: `http://127.0.0.1:${port}/v1`, model: 'm', timeoutMs: 2_000 }, { now });
    expect(result.source).toBe('offline');
    expect(result.fallback?.code).toBe('unreachable');
    expect(result.fallback?.message).toContain(`127.0.0.1:${port}`);
  });

  it('makes no request at all without a config, or with an empty baseURL', async () => {
    for (const missing of [undefined, null, { baseURL: '', model: 'm' }, { baseURL: '   ', model: 'm' }]) {
      const result = await improveDraftWithLlm(offline, transcript, missing, { now });
      expect(result.source).toBe('offline');
      expect(result.draft).toBe(offline);
      expect(result.fallback?.code).toBe('not-configured');
    }
    expect(server.requests).toHaveLength(0);
  });
});

describe('createLlmClient', () => {
  it('refuses a missing config or an empty baseURL instead of using a default endpoint', () => {
    for (const bad of [undefined, null, { model: 'm' }, { baseURL: '', model: 'm' }]) {
      expect(() => createLlmClient(bad as never)).toThrow(UserFacingError);
      try {
        createLlmClient(bad as never);
      } catch (error) {
        expect((error as UserFacingError).code).toBe('llm-not-configured');
      }
    }
  });

  it('rejects a config that is not an http(s) URL or has no model, naming the field', () => {
    expect(() => createLlmClient({ baseURL: 'ftp://example.test', model: 'm' })).toThrow(/baseURL/);
    expect(() => createLlmClient({ baseURL: 'http://127.0.0.1:1/v1', model: '' })).toThrow(/model/);
  });

  it('validates the answer with the given zod schema', async () => {
    server.respond = () => ({ kind: 'answer', content: JSON.stringify(goodAnswer) });
    const client = createLlmClient(config());
    const answer = await client.completeJson({ messages: [{ role: 'user', content: 'hi' }], schema: llmRubricAnswerSchema, schemaName: 'x' });
    expect(answer.criteria).toHaveLength(3);
  });
});
