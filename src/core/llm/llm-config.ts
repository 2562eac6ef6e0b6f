import { z } from 'zod';
import { UserFacingError } from '../errors.js';
import { describeIssues } from '../zod-issues.js';

/**
 * Where the user chose to send text for drafting help: a local server (Ollama, llama.cpp) or a
 * cloud endpoint with a key. There is deliberately no default URL: transcripts go nowhere the
 * user did not name.
 */
export const llmConfigSchema = z.strictObject({
  baseURL: z.url({ protocol: /^https?$/, error: 'baseURL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1' }),
  apiKey: z.string().trim().min(1).optional(),
  model: z.string().trim().min(1, 'model must name the model to use'),
  /** How long one request may take before the offline draft is used instead. */
  timeoutMs: z.number().int().positive().max(600_000).default(20_000),
});
export type LlmConfig = z.infer<typeof llmConfigSchema>;
export type LlmConfigInput = z.input<typeof llmConfigSchema>;

/** Validates user settings; a missing or empty baseURL is "not configured", not a default. */
export function parseLlmConfig(input: unknown): LlmConfig {
  const raw = input as { baseURL?: unknown } | null | undefined;
  if (raw === null || raw === undefined || typeof raw !== 'object' || typeof raw.baseURL !== 'string' || raw.baseURL.trim() === '') {
    throw new UserFacingError('No language model endpoint is configured: set its base URL and model in settings.', 'llm-not-configured');
  }
  const result = llmConfigSchema.safeParse({ ...raw, baseURL: raw.baseURL.trim() });
  if (result.success) {
    const url = new URL(result.data.baseURL);
    // Plain http would carry transcripts and the key readable over the network.
    if (url.protocol === 'http:' && !isLoopbackUrl(url.href)) {
      throw new UserFacingError(
        `${url.host} is reached over plain http, which anyone on the network can read: use its https:// address (plain http is only allowed for this computer, e.g. http://127.0.0.1:11434/v1).`,
        'llm-insecure-endpoint',
      );
    }
    return result.data;
  }
  throw new UserFacingError(`Language model settings, ${describeIssues(result.error, { topLevel: 'config' })}`, 'llm-config-invalid');
}

/** This computer: localhost, 127.x.x.x or ::1. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** An API key belongs to the scheme, host and port it was given for: it is never sent anywhere else. */
export function sameKeyOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b.trim()).origin;
  } catch {
    return false;
  }
}
