import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import { z } from 'zod';
import { parseLlmConfig, type LlmConfig, type LlmConfigInput } from './llm-config.js';
import { describeIssues } from '../zod-issues.js';

export type LlmFailureCode = 'unreachable' | 'timeout' | 'http-error' | 'invalid-json' | 'schema-mismatch' | 'empty-answer';

/** Why a model call gave nothing usable; callers fall back and show the reason. */
export class LlmFailure extends Error {
  constructor(
    readonly code: LlmFailureCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmFailure';
  }
}

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface JsonRequest<T> {
  messages: ChatMessage[];
  /** Validates the answer; also sent to the server as the JSON schema to follow. */
  schema: z.ZodType<T>;
  schemaName: string;
}

/** Why the offline result was kept: no endpoint, an invalid one, or a failed call. */
export type FallbackCode = 'not-configured' | 'config-invalid' | LlmFailureCode;
export type LlmAttempt<T> = { ok: true; answer: T } | { ok: false; code: FallbackCode; message: string };

/**
 * One structured call to the endpoint the user configured, never another. No endpoint, an invalid
 * one, or any LlmFailure comes back as the reason to keep the offline result; other errors throw.
 */
export async function askConfiguredLlm<T>(config: LlmConfigInput | null | undefined, request: JsonRequest<T>, notConfigured: string): Promise<LlmAttempt<T>> {
  if (!config || typeof config.baseURL !== 'string' || config.baseURL.trim() === '') return { ok: false, code: 'not-configured', message: notConfigured };
  let client: LlmClient;
  try {
    client = createLlmClient(config);
  } catch (error) {
    return { ok: false, code: 'config-invalid', message: (error as Error).message };
  }
  try {
    return { ok: true, answer: await client.completeJson(request) };
  } catch (error) {
    if (error instanceof LlmFailure) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

export interface LlmClient {
  readonly config: LlmConfig;
  completeJson<T>(request: JsonRequest<T>): Promise<T>;
}

/**
 * A client bound to exactly the endpoint in `config`. Refuses a missing config or empty baseURL
 * (UserFacingError `llm-not-configured`) so nothing can fall through to a default endpoint.
 */
export function createLlmClient(config: LlmConfigInput | null | undefined): LlmClient {
  const checked = parseLlmConfig(config);
  const openai = new OpenAI({
    baseURL: checked.baseURL,
    // Local servers take any key; an explicit value also stops the SDK reading OPENAI_API_KEY from the environment.
    apiKey: checked.apiKey ?? 'no-key',
    organization: null,
    project: null,
    timeout: checked.timeoutMs,
    // A retry doubles the wait the user sees; the offline draft is the retry.
    maxRetries: 0,
  });
  return {
    config: checked,
    async completeJson<T>(request: JsonRequest<T>): Promise<T> {
      const content = await complete(openai, checked, request);
      return parseAnswer(content, request.schema);
    },
  };
}

async function complete<T>(openai: OpenAI, config: LlmConfig, request: JsonRequest<T>): Promise<string> {
  const jsonSchema = z.toJSONSchema(request.schema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  delete jsonSchema.$schema;
  try {
    return await send(openai, config, request.messages, {
      type: 'json_schema',
      json_schema: { name: request.schemaName, schema: jsonSchema, strict: true },
    });
  } catch (error) {
    // Servers without structured output reject json_schema with a 4xx; JSON mode is widely supported.
    if (!(error instanceof APIError) || error.status === undefined || ![400, 404, 415, 422, 501].includes(error.status)) throw describe(error, config);
  }
  try {
    return await send(openai, config, request.messages, { type: 'json_object' });
  } catch (error) {
    throw describe(error, config);
  }
}

type ResponseFormat = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming['response_format'];

async function send(openai: OpenAI, config: LlmConfig, messages: ChatMessage[], responseFormat: ResponseFormat): Promise<string> {
  const completion = await openai.chat.completions.create({
    model: config.model,
    messages,
    temperature: 0,
    response_format: responseFormat,
  });
  const content = completion.choices?.[0]?.message?.content;
  if (typeof content !== 'string' || content.trim() === '') throw new LlmFailure('empty-answer', `${config.model} returned no content`);
  return content;
}

function describe(error: unknown, config: LlmConfig): LlmFailure {
  if (error instanceof LlmFailure) return error;
  if (error instanceof APIConnectionTimeoutError) {
    return new LlmFailure('timeout', `${config.baseURL} did not answer within ${config.timeoutMs / 1000} s`, { cause: error });
  }
  if (error instanceof APIConnectionError) {
    return new LlmFailure('unreachable', `cannot reach ${config.baseURL}: ${error.cause instanceof Error ? error.cause.message : error.message}`, { cause: error });
  }
  if (error instanceof APIError) {
    return new LlmFailure('http-error', `${config.baseURL} answered HTTP ${error.status ?? '?'}: ${error.message}`, { cause: error });
  }
  return new LlmFailure('unreachable', `request to ${config.baseURL} failed: ${(error as Error).message}`, { cause: error });
}

function parseAnswer<T>(content: string, schema: z.ZodType<T>): T {
  // Some local models wrap JSON in a Markdown fence even in JSON mode.
  const unfenced = content.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/i, '$1');
  let data: unknown;
  try {
    data = JSON.parse(unfenced);
  } catch (error) {
    throw new LlmFailure('invalid-json', `the answer is not JSON: ${content.slice(0, 80)}`, { cause: error });
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new LlmFailure('schema-mismatch', `the answer does not match the rubric shape at ${describeIssues(result.error, { topLevel: '(root)' })}`);
  }
  return result.data;
}
