// A small OpenAI-compatible server on 127.0.0.1 for tests: answers POST /v1/chat/completions the way
// the Chat Completions API documents it, and records every request it receives.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What to do with one request: answer content, fail with a status, or never answer. */
export type FakeBehaviour =
  | { kind: 'answer'; content: string }
  | { kind: 'status'; status: number; message: string }
  | { kind: 'hang' };

export interface FakeOpenAiServer {
  baseURL: string;
  requests: RecordedRequest[];
  /** Called per request, with the parsed body; the default answers `{}`. */
  respond: (body: Record<string, unknown>, index: number) => FakeBehaviour;
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const hanging = new Set<ServerResponse>();
  const fake: FakeOpenAiServer = {
    baseURL: '',
    requests: [],
    respond: () => ({ kind: 'answer', content: '{}' }),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: raw };
      }
      const index = fake.requests.length;
      fake.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        sendJson(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
        return;
      }
      const behaviour = fake.respond(body, index);
      if (behaviour.kind === 'hang') {
        hanging.add(res);
        return;
      }
      if (behaviour.kind === 'status') {
        sendJson(res, behaviour.status, { error: { message: behaviour.message, type: 'server_error', code: null, param: null } });
        return;
      }
      sendJson(res, 200, {
        id: `chatcmpl-test-${index}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: String(body.model ?? 'unknown'),
        choices: [{ index: 0, message: { role: 'assistant', content: behaviour.content, refusal: null }, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 100, completion_tokens: 50, total_tokens: 150 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A port nothing listens on: bound once, then released. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
