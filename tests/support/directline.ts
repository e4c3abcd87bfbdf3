// Helpers for Direct Line tests, browser tests and the bench: a fake bot that echoes, a real HTTP server with
// the endpoint mounted, and what the real DirectLineJS client needs to run in Node (fetch for XHR, ws).
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import express, { type Express } from 'express';
import { WebSocket as NodeWebSocket } from 'ws';
// The channel's own module rather than adapters/index.ts: these helpers need nothing else of the adapters.
import type { ChannelActivity, TurnRunner } from '../../adapters/channels/types.js';
import { createDirectLineRouter, type DirectLineChannel, type DirectLineOptions } from '../../adapters/channels/directline/index.js';

export const TEST_SECRET = 'test-secret-for-direct-line-0123456789abcdef';

export interface EchoRunner extends TurnRunner {
  /** Inbound activities in the order they were recorded. */
  recorded: ChannelActivity[];
  /** Activities the bot ran a turn for. */
  turns: ChannelActivity[];
}

/** A bot that greets when the user joins and answers "You said: <text>". */
export function echoRunner(options: { greeting?: string; delayMs?: number } = {}): EchoRunner {
  const runner: EchoRunner = {
    recorded: [],
    turns: [],
    async recordInbound(activity) {
      runner.recorded.push(activity);
    },
    async runTurn(activity) {
      runner.turns.push(activity);
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (activity.type === 'conversationUpdate') return options.greeting === undefined ? [] : [{ type: 'message', text: options.greeting }];
      if (activity.type !== 'message') return [];
      return [{ type: 'message', text: `You said: ${activity.text ?? ''}` }];
    },
  };
  return runner;
}

export interface RunningServer {
  baseUrl: string;
  server: Server;
  app: Express;
  channel: DirectLineChannel;
  close(): Promise<void>;
}

/** The endpoint on a real HTTP server on a free loopback port; `extend` mounts more routes (e.g. the page). */
export async function startDirectLineServer(
  options: Partial<DirectLineOptions> & { extend?: (app: Express) => void; before?: (app: Express) => void } = {},
): Promise<RunningServer> {
  const { extend, before, ...rest } = options;
  const channel = createDirectLineRouter({ runner: echoRunner(), secret: TEST_SECRET, ...rest });
  const app = express();
  before?.(app);
  app.use(channel.router);
  extend?.(app);
  const server = createServer(app);
  channel.attachWebSocket(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    app,
    channel,
    async close() {
      await channel.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface AjaxRequest {
  method?: string;
  url: string;
  body?: unknown;
  headers?: Record<string, string | undefined>;
  timeout?: number;
}

interface RxObservableStatic {
  create(subscribe: (subscriber: { next(value: unknown): void; error(error: unknown): void; complete(): void }) => () => void): unknown;
}

// DirectLineJS's own RxJS 5, so the operators it patches onto Observable are there.
const requireHere = createRequire(import.meta.url);
const rxjsObservable = requireHere(requireHere.resolve('rxjs/Observable', { paths: [requireHere.resolve('botframework-directlinejs')] })) as {
  Observable: RxObservableStatic;
};

/** RxJS's ajax needs XMLHttpRequest, which Node lacks: the same contract over fetch. */
export function fetchAjax(request: AjaxRequest): unknown {
  return rxjsObservable.Observable.create((subscriber) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeout ?? 20_000);
    const headers = Object.fromEntries(Object.entries(request.headers ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    fetch(request.url, {
      method: request.method ?? 'GET',
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      signal: controller.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        const response: unknown = text ? JSON.parse(text) : null;
        if (res.ok) {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        } else {
          subscriber.error({ status: res.status, response, xhr: { getResponseHeader: (name: string) => res.headers.get(name) } });
        }
      })
      .catch((error: unknown) => subscriber.error({ status: 0, message: String(error) }))
      .finally(() => clearTimeout(timer));
    return () => controller.abort();
  });
}

/** DirectLineJS decides on WebSocket by looking for a global one (Node 20 has none). */
export function installNodeWebSocket(): void {
  (globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: res.headers };
}
