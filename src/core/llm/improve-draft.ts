import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { IntakeDraft, IntakeEvidence } from '../rubric/draft-from-intake.js';
import { criterionKindSchema, type Criterion } from '../rubric/rubric.js';
import { editRubricVersion } from '../rubric/rubric-versioning.js';
import { contentStemSet, intersectionSize, overlapCoefficient } from '../rubric/text-stems.js';
import { formatTimestamp, transcriptSentences, type SpokenSentence } from '../rubric/transcript-sentences.js';
import type { Transcript } from '../transcript/transcript.js';
import { askConfiguredLlm, type ChatMessage, type FallbackCode } from './llm-client.js';
import type { LlmConfigInput } from './llm-config.js';

/**
 * Optional second pass over the offline intake draft by a language model the user configured.
 * The model rewrites titles, fills "good/bad looks like" and signals; every quote it cites is
 * looked up in the transcript so evidence keeps real timestamps. Any failure returns the offline
 * draft unchanged, with the reason.
 */

/** What the model must answer. No length limits here: strict structured-output modes reject them. */
export const llmRubricAnswerSchema = z.strictObject({
  requisitionTitle: z.string(),
  criteria: z.array(
    z.strictObject({
      kind: criterionKindSchema,
      title: z.string(),
      description: z.string(),
      goodLooksLike: z.string(),
      badLooksLike: z.string(),
      signals: z.array(z.string()),
      /** Sentences copied word for word from the transcript. */
      quotes: z.array(z.string()),
    }),
  ),
});
export type LlmRubricAnswer = z.infer<typeof llmRubricAnswerSchema>;


export interface ImproveResult {
  source: 'llm' | 'offline';
  draft: IntakeDraft;
  /** Why the offline draft was kept; null when the model's answer was used. */
  fallback: { code: FallbackCode; message: string } | null;
}

export interface ImproveOptions {
  now: Date;
  newId?: () => string;
  /** Transcripts longer than this are cut to the lines around the offline evidence. */
  maxTranscriptChars?: number;
}

export const SYSTEM_PROMPT = [
  'You help a recruiter turn an intake call with a hiring manager into an interview rubric.',
  'Criteria kinds: "must-have" (required to hire), "trade-off" (wanted, can be traded), "deal-breaker" (ends the process).',
  'The usual shape is 3 must-haves, 2 trade-offs and 1 deal-breaker; follow what the hiring manager said when it differs.',
  'Write short noun-phrase titles. goodLooksLike and badLooksLike must describe what an interviewer would see or hear, not adjectives.',
  'signals are short phrases to listen for. quotes must be sentences copied exactly from the transcript.',
  'Use only what the transcript says. Answer with JSON only, matching the given schema.',
].join('\n');

export function buildMessages(draft: IntakeDraft, transcript: Transcript, maxTranscriptChars = 40_000): ChatMessage[] {
  const offline = draft.rubric.criteria.map((c) => ({
    kind: c.kind,
    title: c.title,
    quotes: draft.evidence.filter((e) => e.criterionId === c.id).map((e) => e.quote),
  }));
  const user = [
    `Requisition (as detected): ${draft.rubric.requisitionTitle}`,
    '',
    'Draft criteria found by keyword rules (may be incomplete, duplicated or mislabelled):',
    JSON.stringify(offline, null, 2),
    '',
    'Transcript of the intake call:',
    transcriptExcerpt(transcript, draft.evidence, maxTranscriptChars),
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
}

/** `[m:ss] Speaker: text` per segment; when too long, only the lines near offline evidence. */
export function transcriptExcerpt(transcript: Transcript, evidence: readonly IntakeEvidence[], maxChars: number): string {
  const lines = transcript.segments.map((s) => ({ at: s.start, line: `[${formatTimestamp(s.start)}] ${s.speaker ?? 'Speaker'}: ${s.text.trim()}` }));
  const full = lines.map((l) => l.line).join('\n');
  if (full.length <= maxChars) return full;
  const near = lines.filter((l) => evidence.some((e) => l.at >= e.start - 15 && l.at <= e.end + 15));
  let out = '';
  for (const l of near) {
    if (out.length + l.line.length + 1 > maxChars) break;
    out += `${l.line}\n`;
  }
  return out.trimEnd();
}

export async function improveDraftWithLlm(
  offline: IntakeDraft,
  transcript: Transcript,
  config: LlmConfigInput | null | undefined,
  options: ImproveOptions,
): Promise<ImproveResult> {
  const asked = await askConfiguredLlm(
    config,
    { messages: buildMessages(offline, transcript, options.maxTranscriptChars), schema: llmRubricAnswerSchema, schemaName: 'intake_rubric' },
    'no language model endpoint is configured; using the offline draft',
  );
  if (!asked.ok) return fallback(offline, asked.code, asked.message);
  const answer = asked.answer;
  const usable = answer.criteria.filter((c) => c.title.trim() !== '');
  if (usable.length === 0) return fallback(offline, 'empty-answer', 'the model proposed no criteria');
  return { source: 'llm', draft: mergeAnswer(offline, transcript, { ...answer, criteria: usable }, options), fallback: null };
}

function fallback(draft: IntakeDraft, code: FallbackCode, message: string): ImproveResult {
  return { source: 'offline', draft, fallback: { code, message } };
}

/**
 * Builds the improved draft. A model criterion that restates an offline one keeps its id (so
 * links made meanwhile survive) and, when none of its quotes is found, the offline evidence.
 */
function mergeAnswer(offline: IntakeDraft, transcript: Transcript, answer: LlmRubricAnswer, options: ImproveOptions): IntakeDraft {
  const sentences = transcriptSentences(transcript);
  const newId = options.newId ?? randomUUID;
  const used = new Set<string>();
  const criteria: Criterion[] = [];
  const evidence: IntakeEvidence[] = [];
  for (const proposed of answer.criteria) {
    const match = offline.rubric.criteria.find(
      (c) => !used.has(c.id) && c.kind === proposed.kind && overlapCoefficient(contentStemSet(c.title), contentStemSet(proposed.title)) >= 0.5,
    );
    const id = match?.id ?? newId();
    if (match) used.add(match.id);
    criteria.push({
      id,
      kind: proposed.kind,
      title: proposed.title.trim(),
      description: proposed.description.trim(),
      goodLooksLike: proposed.goodLooksLike.trim(),
      badLooksLike: proposed.badLooksLike.trim(),
      signals: proposed.signals.map((s) => s.trim()).filter((s) => s !== ''),
      questionIds: [],
      scale: { min: 1, max: 4 },
    });
    const located = proposed.quotes.map((q) => locateQuote(q, sentences)).filter((s): s is SpokenSentence => s !== undefined);
    if (located.length > 0) {
      for (const s of located) evidence.push({ criterionId: id, kind: proposed.kind, quote: s.text, speaker: s.speaker, start: s.start, end: s.end, cue: '' });
    } else if (match) {
      evidence.push(...offline.evidence.filter((e) => e.criterionId === match.id).map((e) => ({ ...e, kind: proposed.kind })));
    }
  }
  const title = answer.requisitionTitle.trim() || offline.rubric.requisitionTitle;
  const { version } = editRubricVersion(offline.rubric, { requisitionTitle: title, criteria }, options.now);
  return { rubric: version, evidence };
}

/** The transcript sentence a quoted sentence came from: models copy loosely, so words are compared, not characters. */
function locateQuote(quote: string, sentences: readonly SpokenSentence[]): SpokenSentence | undefined {
  const wanted = contentStemSet(quote);
  if (wanted.size < 2) return undefined;
  let best: SpokenSentence | undefined;
  let bestScore = 0;
  for (const s of sentences) {
    const have = contentStemSet(s.text);
    const shared = intersectionSize(wanted, have);
    // Mostly the quote's words, then the tighter sentence.
    const score = shared / wanted.size + (have.size === 0 ? 0 : shared / have.size) / 100;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return bestScore >= 0.8 ? best : undefined;
}
