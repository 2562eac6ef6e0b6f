import { z } from 'zod';
import type { MappingCriterion, ProposedMoment } from '../mapping/mapping-input.js';
import { formatTimestamp } from '../rubric/transcript-sentences.js';
import { askConfiguredLlm, type ChatMessage, type FallbackCode } from './llm-client.js';
import type { LlmConfigInput } from './llm-config.js';

/**
 * Optional second pass over the offline mapping by the language model the user configured: the
 * model judges whether each proposed quote is evidence for its criterion. It can only confirm or
 * drop proposals (never invent quotes or times), and the interviewer's own tags are never dropped.
 * Any failure keeps the offline proposals, with the reason.
 */

/** What the model must answer. No numeric bounds: strict structured-output modes reject them. */
export const llmMappingAnswerSchema = z.strictObject({
  judgements: z.array(
    z.strictObject({
      /** The proposal's number in the prompt. */
      proposal: z.number().int(),
      relevant: z.boolean(),
      /** How sure the model is that the quote is evidence for the criterion, 0–1. */
      confidence: z.number(),
    }),
  ),
});
export type LlmMappingAnswer = z.infer<typeof llmMappingAnswerSchema>;

export interface RefineResult {
  source: 'llm' | 'offline';
  moments: ProposedMoment[];
  /** Why the offline proposals were kept; null when the model's judgement was used. */
  fallback: { code: FallbackCode; message: string } | null;
}

export const MAPPING_SYSTEM_PROMPT = [
  'You review evidence for an interview scorecard.',
  'Each proposal pairs a quote from the candidate with one rubric criterion, and the question the interviewer asked before it.',
  'For every proposal decide whether the quote is real evidence about that criterion (positive or negative), not merely a shared word.',
  'Answer with JSON only, matching the given schema: one judgement per proposal, by its number, with a confidence from 0 to 1.',
].join('\n');

export function buildMappingMessages(moments: readonly ProposedMoment[], criteria: readonly MappingCriterion[]): ChatMessage[] {
  const byId = new Map(criteria.map((c) => [c.id, c]));
  const criterionText = (c: MappingCriterion) =>
    [`${c.title} (${c.kind})`, c.description, c.goodLooksLike && `good: ${c.goodLooksLike}`, c.badLooksLike && `bad: ${c.badLooksLike}`].filter(Boolean).join('; ');
  const proposals = moments.map((m, i) => {
    const criterion = byId.get(m.criterionId);
    return [
      `Proposal ${i}:`,
      `  criterion: ${criterion ? criterionText(criterion) : m.criterionId}`,
      `  question: ${m.question || '(none: the candidate spoke unprompted)'}`,
      `  quote at ${formatTimestamp(m.start)}: ${m.quote}`,
    ].join('\n');
  });
  return [
    { role: 'system', content: MAPPING_SYSTEM_PROMPT },
    { role: 'user', content: proposals.join('\n\n') },
  ];
}

export async function refineMappingWithLlm(moments: ProposedMoment[], criteria: readonly MappingCriterion[], config: LlmConfigInput | null | undefined): Promise<RefineResult> {
  const offline = (code: FallbackCode, message: string): RefineResult => ({ source: 'offline', moments, fallback: { code, message } });
  if (moments.length === 0 && config?.baseURL?.trim()) return { source: 'offline', moments, fallback: null };
  const asked = await askConfiguredLlm(
    config,
    { messages: buildMappingMessages(moments, criteria), schema: llmMappingAnswerSchema, schemaName: 'mapping_review' },
    'no language model endpoint is configured; using the offline mapping',
  );
  if (!asked.ok) return offline(asked.code, asked.message);
  const judged = new Map(asked.answer.judgements.filter((j) => j.proposal >= 0 && j.proposal < moments.length).map((j) => [j.proposal, j]));
  if (judged.size === 0) return offline('empty-answer', 'the model judged none of the proposals');
  return { source: 'llm', moments: applyJudgements(moments, judged), fallback: null };
}

/** Drops what the model rejected (never the interviewer's tags), averages the confidences of what it kept. */
function applyJudgements(moments: readonly ProposedMoment[], judged: ReadonlyMap<number, LlmMappingAnswer['judgements'][number]>): ProposedMoment[] {
  const out: ProposedMoment[] = [];
  moments.forEach((m, i) => {
    const j = judged.get(i);
    if (!j) return out.push(m);
    const tagged = m.reasons.includes('tag');
    if (!j.relevant && !tagged) return;
    const modelConfidence = Math.min(1, Math.max(0, j.confidence));
    const confidence = Math.round(((m.confidence + (j.relevant ? modelConfidence : 0)) / 2) * 1000) / 1000;
    out.push({ ...m, confidence: tagged ? Math.max(confidence, m.confidence) : confidence, reasons: j.relevant ? [...m.reasons, 'llm'] : m.reasons });
  });
  return out;
}
