// The real DirectLineJS client (what Web Chat runs) holds conversations against the local endpoint.
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionStatus, DirectLine } from 'botframework-directlinejs';
import type { Activity } from 'botframework-directlinejs';
import { WebSocket as NodeWebSocket } from 'ws';
import { echoRunner, fetchAjax, installNodeWebSocket, postJson, startDirectLineServer, type RunningServer } from '../../../tests/support/directline.js';

installNodeWebSocket();

let running: RunningServer | undefined;
const clients: { end(): void; unsubscribe(): void }[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) {
    client.unsubscribe();
    client.end();
  }
  await running?.close();
  running = undefined;
});

async function waitFor<T>(probe: () => T | undefined | false, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Connected {
  directLine: DirectLine;
  received: Activity[];
  texts: () => string[];
  say(text: string): Promise<string>;
}

function connect(baseUrl: string, options: { token: string; webSocket: boolean; conversationId?: string; watermark?: string }): Connected {
  const directLine = new DirectLine({
    domain: `${baseUrl}/v3/directline`,
    pollingInterval: 200,
    ...options,
    ajax: fetchAjax,
    WebSocket: NodeWebSocket,
  } as unknown as ConstructorParameters<typeof DirectLine>[0]);
  const received: Activity[] = [];
  const subscription = directLine.activity$.subscribe((activity) => received.push(activity));
  clients.push({ end: () => directLine.end(), unsubscribe: () => subscription.unsubscribe() });
  return {
    directLine,
    received,
    texts: () => received.map((activity) => (activity.type === 'message' ? `${activity.from.role ?? '?'}: ${activity.text ?? ''}` : activity.type)),
    say: (text) =>
      new Promise<string>((resolve, reject) => {
        directLine.postActivity({ type: 'message', from: { id: 'ignored-by-the-server' }, text } as Activity).subscribe({ next: (id: string) => resolve(id), error: reject });
      }),
  };
}

async function pageToken(baseUrl: string): Promise<{ token: string; conversationId: string; userId: string }> {
  const res = await postJson(`${baseUrl}/webchat/token`, {});
  expect(res.status).toBe(200);
  return res.body as { token: string; conversationId: string; userId: string };
}

describe.each([
  { transport: 'polling', webSocket: false },
  { transport: 'WebSocket', webSocket: true },
])('DirectLineJS over $transport', ({ webSocket }) => {
  it('is greeted, holds a conversation in order, and receives a bot-initiated message', async () => {
    const runner = echoRunner({ greeting: 'Hello, this is Parley.' });
    running = await startDirectLineServer({ runner });
    const { token, conversationId, userId } = await pageToken(running.baseUrl);
    const client = connect(running.baseUrl, { token, webSocket });

    await waitFor(() => client.directLine.connectionStatus$.getValue() === ConnectionStatus.Online, 'the client to be online');
    await waitFor(() => client.texts().includes('bot: Hello, this is Parley.'), 'the greeting');
    // The transport asked for is the one in use.
    expect(running.channel.socketCount(conversationId)).toBe(webSocket ? 1 : 0);

    const firstId = await client.say('hello');
    await waitFor(() => client.texts().includes('bot: You said: hello'), 'the first reply');
    await client.say('what do I owe?');
    await waitFor(() => client.texts().includes('bot: You said: what do I owe?'), 'the second reply');

    expect(client.texts()).toEqual([
      'bot: Hello, this is Parley.',
      'user: hello',
      'bot: You said: hello',
      'user: what do I owe?',
      'bot: You said: what do I owe?',
    ]);
    const echoed = client.received.find((activity) => activity.id === firstId);
    // The server, not the client, says who wrote it: the user bound into the token.
    expect(echoed?.from.id).toBe(userId);
    expect(echoed?.conversation?.id).toBe(conversationId);
    expect((client.received[2] as { replyToId?: string } | undefined)?.replyToId).toBe(firstId);
    // Recorded before it was acknowledged, with the id the client got back.
    expect(runner.recorded.map((activity) => activity.id)).toContain(firstId);

    await running.channel.deliver(conversationId, { type: 'message', text: 'A reminder: your payment plan starts Monday.' });
    await waitFor(() => client.texts().includes('bot: A reminder: your payment plan starts Monday.'), 'the bot-initiated message');
  });
});

describe('reconnecting with a watermark', () => {
  it('replays the backlog after the watermark over a new WebSocket, then streams what follows', async () => {
    running = await startDirectLineServer({ runner: echoRunner({ greeting: 'Welcome.' }) });
    const { token, conversationId } = await pageToken(running.baseUrl);
    const first = connect(running.baseUrl, { token, webSocket: true });
    await waitFor(() => first.texts().includes('bot: Welcome.'), 'the greeting');
    await first.say('one');
    await waitFor(() => first.texts().includes('bot: You said: one'), 'the reply to one');
    clients.splice(0).forEach((client) => {
      client.unsubscribe();
      client.end();
    });
    // Sent while no client was connected.
    await running.channel.deliver(conversationId, { type: 'message', text: 'While you were away.' });

    // Watermark 1: the client had seen the greeting only.
    const second = connect(running.baseUrl, { token, conversationId, watermark: '1', webSocket: true });
    await waitFor(() => second.received.length >= 3, 'the backlog');
    expect(second.texts()).toEqual(['user: one', 'bot: You said: one', 'bot: While you were away.']);
    await second.say('two');
    await waitFor(() => second.texts().includes('bot: You said: two'), 'the reply to two');
  });
});
