// A local OpenAI-compatible chat completions server for tests and the bench: each test scripts the
// answers, and every request body is kept so a test can inspect what reached "the model".
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the server does with one request. */
export type FakeReply =
  /** An assistant message with this text (whatever format the request asked for). */
  | { kind: 'text'; content: string }
  /**
   * A structured answer in the form the request asked for: a tool call when it sent `tools`, else the
   * JSON text as the message content (response_format json_schema or json_object).
   */
  | { kind: 'structured'; value: unknown }
  /** Raw text where the structured answer belongs (tool-call arguments or content): e.g. malformed JSON. */
  | { kind: 'structured-raw'; text: string }
  | { kind: 'status'; status: number; body?: unknown }
  /** Destroys the socket without answering, like a connection reset. */
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number; then: FakeReply };

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /v1/chat/completions or /openai/deployments/d/chat/completions?api-version=... */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: ChatCompletionBody;
  /** The body exactly as it arrived, for "this string never reached the server" checks. */
  raw: string;
}

export interface ChatCompletionBody {
  model?: string;
  messages?: { role: string; content: unknown }[];
  tools?: { type: string; function: { name: string; parameters?: unknown } }[];
  tool_choice?: unknown;
  response_format?: { type: string; json_schema?: { name: string; schema?: unknown; strict?: boolean } };
  [key: string]: unknown;
}

export type FakeScript = (request: RecordedRequest, index: number) => FakeReply;

export interface FakeOpenAI {
  /** Base URL for an OpenAI client: http://127.0.0.1:<port>/v1 */
  baseUrl: string;
  /** Origin without a path, e.g. for Azure's endpoint option. */
  origin: string;
  requests: RecordedRequest[];
  /** Answers the next requests with these replies in order; after the queue, the default reply. */
  enqueue(...replies: FakeReply[]): void;
  /** Decides every reply from the request (replaces the queue and the default). */
  script(script: FakeScript): void;
  /** The reply when nothing is queued: a plain "OK" text. */
  setDefault(reply: FakeReply): void;
  /** Forgets recorded requests, the queue and any script. */
  reset(): void;
  /** Milliseconds the server spent between receiving a body and sending the answer, per request. */
  serverTimes: number[];
  close(): Promise<void>;
}

const DEFAULT_REPLY: FakeReply = { kind: 'text', content: 'OK' };

export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const serverTimes: number[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let queue: FakeReply[] = [];
  let script: FakeScript | undefined;
  let fallback: FakeReply = DEFAULT_REPLY;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const started = performance.now();
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: ChatCompletionBody = {};
      try {
        body = JSON.parse(raw) as ChatCompletionBody;
      } catch {
        // Recorded as-is; the reply below still follows the script.
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, raw };
      const index = requests.length;
      requests.push(recorded);
      if (!/\/chat\/completions(\?|$)/.test(recorded.url) || recorded.method !== 'POST') {
        sendJson(res, 404, { error: { message: `no route for ${recorded.method} ${recorded.url}`, type: 'invalid_request_error' } });
        return;
      }
      const reply = script ? script(recorded, index) : (queue.shift() ?? fallback);
      answer(req, res, recorded, reply, () => serverTimes.push(performance.now() - started));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function answer(req: IncomingMessage, res: ServerResponse, request: RecordedRequest, reply: FakeReply, done: () => void): void {
    switch (reply.kind) {
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(req, res, request, reply.then, done);
        }, reply.ms);
        timers.add(timer);
        // The client gave up (its budget ran out): stop waiting so nothing lingers after the test.
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'drop':
        done();
        req.socket.destroy();
        return;
      case 'status':
        done();
        sendJson(res, reply.status, reply.body ?? { error: { message: 'scripted failure', type: 'server_error' } });
        return;
      case 'text':
        done();
        sendJson(res, 200, completion(request.body, { role: 'assistant', content: reply.content }, 'stop'));
        return;
      case 'structured':
      case 'structured-raw': {
        done();
        const text = reply.kind === 'structured' ? JSON.stringify(reply.value) : reply.text;
        const tool = request.body.tools?.[0];
        if (tool) {
          const message = {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: `call_${request.body.messages?.length ?? 0}`, type: 'function', function: { name: tool.function.name, arguments: text } }],
          };
          sendJson(res, 200, completion(request.body, message, 'tool_calls'));
        } else {
          sendJson(res, 200, completion(request.body, { role: 'assistant', content: text }, 'stop'));
        }
        return;
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    baseUrl: `${origin}/v1`,
    origin,
    requests,
    serverTimes,
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    script: (next) => {
      script = next;
    },
    setDefault: (reply) => {
      fallback = reply;
    },
    reset: () => {
      requests.length = 0;
      serverTimes.length = 0;
      queue = [];
      script = undefined;
      fallback = DEFAULT_REPLY;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let completionCounter = 0;

function completion(body: ChatCompletionBody, message: Record<string, unknown>, finishReason: string) {
  completionCounter += 1;
  return {
    id: `chatcmpl-fake-${completionCounter}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: body.model ?? 'fake-model',
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  };
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The system and user messages' text of a request, for assertions. */
export function messageText(request: RecordedRequest, role?: string): string {
  return (request.body.messages ?? [])
    .filter((message) => role === undefined || message.role === role)
    .map((message) => (typeof message.content === 'string' ? message.content : JSON.stringify(message.content)))
    .join('\n');
}
