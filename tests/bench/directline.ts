// Turns per second and latency through the Direct Line endpoint: N concurrent conversations, each posting
// messages one after another and waiting for the bot's reply (over WebSocket, or by polling).
//
//   npx tsx tests/bench/directline.ts                       an echo bot served by a child process (memory log,
//                                                           then Redis log when Redis answers), both transports
//   npx tsx tests/bench/directline.ts --base-url http://127.0.0.1:3978 --secret "$PARLEY_DIRECTLINE_SECRET"
//                                     [--conversations 100] [--turns 10] [--transport websocket|polling]
//                                     [--think-ms 250] [--text "hello"] [--json]
//
// Latency is from sending a message to receiving the first bot activity that replies to it. Only loopback
// or the project's own test hosts are targets; every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';

export interface DirectLineBenchOptions {
  baseUrl: string;
  /** The Direct Line secret: conversations are opened the way a server-side integration would, unthrottled per IP. */
  secret: string;
  conversations: number;
  turnsPerConversation: number;
  transport: 'websocket' | 'polling';
  text: string;
  replyTimeoutMs: number;
  pollIntervalMs: number;
  /** Pause between a reply and the next message of a conversation (a person reading); 0 = as fast as possible. */
  thinkMs: number;
}

export interface DirectLineBenchResult {
  transport: string;
  conversations: number;
  thinkMs: number;
  turns: number;
  failures: number;
  elapsedMs: number;
  turnsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

interface Activity {
  id?: string;
  type?: string;
  replyToId?: string;
  from?: { role?: string };
}

const DL = '/v3/directline';

async function request<T>(url: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${new URL(url).pathname} answered ${res.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

const isReply = (activity: Activity) => activity.from?.role === 'bot' && typeof activity.replyToId === 'string';

/** One conversation: its replies keyed by the message they answer, however they arrive. */
class Conversation {
  private readonly replies = new Map<string, number>();
  private readonly waiters = new Map<string, (at: number) => void>();
  private socket: WebSocket | undefined;
  private watermark = '';

  constructor(
    private readonly options: DirectLineBenchOptions,
    readonly conversationId: string,
    private readonly token: string,
    private readonly streamUrl: string,
  ) {}

  static async open(options: DirectLineBenchOptions): Promise<Conversation> {
    const started = await request<{ conversationId: string; token: string; streamUrl: string }>(`${options.baseUrl}${DL}/conversations`, options.secret, { method: 'POST', body: {} });
    const conversation = new Conversation(options, started.conversationId, started.token, started.streamUrl);
    if (options.transport === 'websocket') await conversation.connect();
    return conversation;
  }

  private async connect(): Promise<void> {
    const socket = new WebSocket(this.streamUrl);
    socket.on('message', (data) => {
      const text = String(data);
      if (text) this.receive((JSON.parse(text) as { activities: Activity[] }).activities);
    });
    socket.on('error', () => {});
    this.socket = socket;
    await Promise.race([once(socket, 'open'), new Promise((_, reject) => setTimeout(() => reject(new Error('WebSocket did not open within 10 s')), 10_000))]);
  }

  private receive(activities: Activity[]): void {
    const at = performance.now();
    for (const activity of activities) {
      if (!isReply(activity) || this.replies.has(activity.replyToId ?? '')) continue;
      this.replies.set(activity.replyToId ?? '', at);
      this.waiters.get(activity.replyToId ?? '')?.(at);
    }
  }

  /** Sends one message and resolves to the milliseconds until its first reply. */
  async turn(index: number): Promise<number> {
    const sentAt = performance.now();
    const { id } = await request<{ id: string }>(`${this.options.baseUrl}${DL}/conversations/${this.conversationId}/activities`, this.token, {
      method: 'POST',
      body: { type: 'message', text: `${this.options.text}`, channelData: { clientActivityID: `bench-${index}` } },
    });
    const deadline = sentAt + this.options.replyTimeoutMs;
    if (this.options.transport === 'polling') {
      while (!this.replies.has(id)) {
        if (performance.now() > deadline) throw new Error('no reply in time');
        const page = await request<{ activities: Activity[]; watermark: string }>(
          `${this.options.baseUrl}${DL}/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
          this.token,
        );
        this.watermark = page.watermark;
        this.receive(page.activities);
        if (!this.replies.has(id)) await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
      }
    }
    const already = this.replies.get(id);
    if (already !== undefined) return already - sentAt;
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply in time')), Math.max(0, deadline - performance.now()));
      this.waiters.set(id, (at) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        resolve(at - sentAt);
      });
    });
  }

  close(): void {
    this.socket?.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

export async function benchDirectLine(options: DirectLineBenchOptions): Promise<DirectLineBenchResult> {
  const conversations = await Promise.all(Array.from({ length: options.conversations }, () => Conversation.open(options)));
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    conversations.map(async (conversation) => {
      // Spread the first messages, so conversations with a think time do not all speak in the same instant.
      if (options.thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * options.thinkMs));
      for (let index = 0; index < options.turnsPerConversation; index += 1) {
        if (index > 0 && options.thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, options.thinkMs));
        try {
          latencies.push(await conversation.turn(index));
        } catch {
          failures += 1;
        }
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  for (const conversation of conversations) conversation.close();
  const sorted = latencies.sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    transport: options.transport,
    conversations: options.conversations,
    thinkMs: options.thinkMs,
    turns: latencies.length,
    failures,
    elapsedMs: Math.round(elapsedMs),
    turnsPerSecond: Math.round((latencies.length / elapsedMs) * 1000),
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    p99Ms: round(percentile(sorted, 0.99)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

function print(label: string, result: DirectLineBenchResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({ label, ...result }));
    return;
  }
  console.log(
    `${label.padEnd(26)} ${String(result.turnsPerSecond).padStart(6)} turns/s   p50 ${result.p50Ms.toFixed(1).padStart(6)} ms   p95 ${result.p95Ms.toFixed(1).padStart(6)} ms   p99 ${result.p99Ms.toFixed(1).padStart(6)} ms   max ${result.maxMs.toFixed(1).padStart(6)} ms   (${result.turns} turns, ${result.conversations} conversations, think ${result.thinkMs} ms, ${result.failures} failed, ${result.elapsedMs} ms)`,
  );
}

/** The echo setup: the endpoint with a bot that answers at once, in its own process so it has its own core. */
async function serveEcho(log: 'memory' | 'redis'): Promise<void> {
  const { startDirectLineServer, echoRunner, TEST_SECRET } = await import('../support/directline.js');
  const { RedisConversationLog } = await import('../../adapters/channels/directline/index.js');
  const { connectRedis, RedisRateLimiter } = await import('../../adapters/state/index.js');
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const client = log === 'redis' ? await connectRedis({ url: redisUrl }) : undefined;
  const keyPrefix = `parley-bench:${process.pid}:`;
  const running = await startDirectLineServer({
    runner: echoRunner(),
    secret: TEST_SECRET,
    greetOnStart: false,
    activitiesPerConversation: { limit: 100_000, windowMs: 60_000 },
    ...(client ? { log: await RedisConversationLog.open(client, { keyPrefix, ttlMs: 10 * 60_000 }), rateLimiter: new RedisRateLimiter(client, keyPrefix) } : {}),
  });
  console.log(JSON.stringify({ baseUrl: running.baseUrl, secret: TEST_SECRET }));
  const stop = async () => {
    await running.close();
    if (client) {
      const keys = await client.keys(`${keyPrefix}*`);
      if (keys.length > 0) await client.del(keys);
      await client.close();
    }
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  // Never outlive the bench that started it.
  setTimeout(() => void stop(), 5 * 60_000).unref();
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
}

async function startEchoChild(log: 'memory' | 'redis'): Promise<{ child: ChildProcess; baseUrl: string; secret: string }> {
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--serve-echo', log], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the echo server exited with ${code} before it started`)))),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the echo server did not start within 30 s')), 30_000)),
  ]);
  return { child, ...(JSON.parse(first) as { baseUrl: string; secret: string }) };
}

async function redisAnswers(): Promise<boolean> {
  try {
    const { connectRedis } = await import('../../adapters/state/index.js');
    const client = await connectRedis({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', connectTimeoutMs: 1_000 });
    await client.close();
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'base-url': { type: 'string' },
      secret: { type: 'string' },
      conversations: { type: 'string', default: '100' },
      turns: { type: 'string', default: '10' },
      transport: { type: 'string' },
      text: { type: 'string', default: 'hello' },
      'think-ms': { type: 'string' },
      json: { type: 'boolean', default: false },
      'serve-echo': { type: 'string' },
    },
  });
  if (values['serve-echo']) return serveEcho(values['serve-echo'] === 'redis' ? 'redis' : 'memory');

  const common = {
    conversations: Number(values.conversations),
    turnsPerConversation: Number(values.turns),
    text: values.text,
    replyTimeoutMs: 10_000,
    pollIntervalMs: 50,
  };
  // Closed loop (no think time) finds the ceiling; 250 ms of think time is a busy but human-paced load.
  const thinkTimes = values['think-ms'] === undefined ? [0, 250] : [Number(values['think-ms'])];
  if (!Number.isInteger(common.conversations) || common.conversations < 1 || !Number.isInteger(common.turnsPerConversation) || common.turnsPerConversation < 1) {
    throw new Error('--conversations and --turns must be positive integers');
  }
  const transports = values.transport ? [values.transport as 'websocket' | 'polling'] : (['websocket', 'polling'] as const);

  if (values['base-url']) {
    const secret = values.secret ?? process.env.PARLEY_DIRECTLINE_SECRET;
    if (!secret) throw new Error('--secret (or PARLEY_DIRECTLINE_SECRET) is needed to open conversations on that server');
    for (const thinkMs of thinkTimes) {
      for (const transport of transports) print(transport, await benchDirectLine({ ...common, thinkMs, baseUrl: values['base-url'], secret, transport }), values.json);
    }
    return;
  }

  const logs: ('memory' | 'redis')[] = (await redisAnswers()) ? ['memory', 'redis'] : ['memory'];
  if (!logs.includes('redis')) console.log('(Redis is not answering: the Redis-backed log is not measured)');
  for (const log of logs) {
    const echo = await startEchoChild(log);
    try {
      // A short warm-up so the figures are not about JIT compilation.
      await benchDirectLine({ ...common, conversations: 20, turnsPerConversation: 10, thinkMs: 0, transport: 'websocket', baseUrl: echo.baseUrl, secret: echo.secret });
      for (const thinkMs of thinkTimes) {
        for (const transport of transports) {
          print(`echo, ${log} log, ${transport}`, await benchDirectLine({ ...common, thinkMs, baseUrl: echo.baseUrl, secret: echo.secret, transport }), values.json);
        }
      }
    } finally {
      echo.child.kill('SIGTERM');
      await once(echo.child, 'exit');
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
