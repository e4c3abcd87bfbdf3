// The Direct Line endpoint over real HTTP: who may open which conversation, what a client may post, what it reads back.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { echoRunner, postJson, startDirectLineServer, TEST_SECRET, type RunningServer } from '../../../tests/support/directline.js';
import type { ChannelActivity, TurnRunner } from '../types.js';
import { UnknownConversationError } from './conversation-log.js';

const DL = '/v3/directline';
const T0 = Date.parse('2026-03-02T15:00:00Z');
let running: RunningServer | undefined;
let now = T0;

afterEach(async () => {
  await running?.close();
  running = undefined;
  now = T0;
});

async function start(options: Parameters<typeof startDirectLineServer>[0] = {}): Promise<RunningServer> {
  running = await startDirectLineServer({ clock: () => now, ...options });
  return running;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

interface Reply {
  error: { code: string; message: string };
  activities: ChannelActivity[];
  watermark: string;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: Reply }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as Reply };
}

async function newConversation(server: RunningServer): Promise<{ conversationId: string; token: string; streamUrl: string }> {
  const res = await postJson(`${server.baseUrl}${DL}/conversations`, {}, bearer(TEST_SECRET));
  expect(res.status).toBe(201);
  return res.body as { conversationId: string; token: string; streamUrl: string };
}

async function waitFor(probe: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function forgedToken(claims: Record<string, unknown>, secret: string, alg = 'HS256'): string {
  const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const key = createHmac('sha256', secret).update('parley/directline/token/v1').digest();
  const signature = alg === 'none' ? '' : createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('tokens', () => {
  it('refuses a missing, garbled or forged token with 401, and the secret itself never leaves the server', async () => {
    const server = await start();
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    expect((await get(url)).status).toBe(401);
    expect((await get(url)).body.error.code).toBe('MissingToken');
    expect((await get(url, bearer('not-a-token'))).status).toBe(401);

    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(JSON.stringify(claims)).not.toContain(TEST_SECRET);
    expect((await get(url, bearer(forgedToken(claims, 'another-secret-of-at-least-32-characters!!')))).status).toBe(401);
    expect((await get(url, bearer(forgedToken(claims, TEST_SECRET, 'none')))).status).toBe(401);
    // A signature from one token on another payload (e.g. a longer expiry) does not verify.
    const [header, , signature] = token.split('.');
    const stretched = Buffer.from(JSON.stringify({ ...claims, exp: Number(claims.exp) + 86_400 })).toString('base64url');
    expect((await get(url, bearer(`${header}.${stretched}.${signature}`))).status).toBe(401);
    // The token inside a streamUrl opens the stream only.
    const streamToken = new URL((await newConversation(server)).streamUrl).searchParams.get('t') ?? '';
    expect((await get(url, bearer(streamToken))).status).toBe(401);

    expect((await get(url, bearer(token))).status).toBe(200);
    expect((await get(url, bearer(TEST_SECRET))).status).toBe(200);
  });

  it('never opens another conversation with a token (403), and says 404 for a conversation that does not exist', async () => {
    const server = await start();
    const mine = await newConversation(server);
    const theirs = await newConversation(server);
    const res = await get(`${server.baseUrl}${DL}/conversations/${theirs.conversationId}/activities`, bearer(mine.token));
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/another conversation/);
    const post = await postJson(`${server.baseUrl}${DL}/conversations/${theirs.conversationId}/activities`, { type: 'message', text: 'hi' }, bearer(mine.token));
    expect(post.status).toBe(403);
    expect((await get(`${server.baseUrl}${DL}/conversations/AAAAAAAAAAAAAAAAAAAAAA/activities`, bearer(TEST_SECRET))).status).toBe(404);
  });

  it('expires a token after 30 minutes (403 TokenExpired, as Direct Line clients expect) unless refreshed', async () => {
    const server = await start();
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;

    now = T0 + 20 * 60_000;
    const refreshed = await postJson(`${server.baseUrl}${DL}/tokens/refresh`, {}, bearer(token));
    expect(refreshed.status).toBe(200);
    const fresh = refreshed.body as { token: string; conversationId: string; expires_in: number };
    expect(fresh.conversationId).toBe(conversationId);
    expect(fresh.expires_in).toBe(1800);

    now = T0 + 30 * 60_000;
    const expired = await get(url, bearer(token));
    expect(expired.status).toBe(403);
    expect(expired.body.error.code).toBe('TokenExpired');
    expect((await get(url, bearer(fresh.token))).status).toBe(200);
    // An expired token cannot be refreshed.
    expect((await postJson(`${server.baseUrl}${DL}/tokens/refresh`, {}, bearer(token))).status).toBe(403);
    expect((await postJson(`${server.baseUrl}${DL}/tokens/refresh`, {}, bearer(TEST_SECRET))).status).toBe(400);
  });

  it('generates tokens only with the secret, bound to the requested user', async () => {
    const server = await start();
    const generated = await postJson(`${server.baseUrl}${DL}/tokens/generate`, { user: { id: 'dl_account-42' } }, bearer(TEST_SECRET));
    expect(generated.status).toBe(200);
    const { token, conversationId } = generated.body as { token: string; conversationId: string };
    expect((await postJson(`${server.baseUrl}${DL}/tokens/generate`, {}, bearer(token))).status).toBe(403);
    expect((await postJson(`${server.baseUrl}${DL}/tokens/generate`, { user: { id: 'has spaces' } }, bearer(TEST_SECRET))).status).toBe(400);

    await postJson(`${server.baseUrl}${DL}/conversations/${conversationId}/activities`, { type: 'message', text: 'hi', from: { id: 'someone-else' } }, bearer(token));
    const read = await get(`${server.baseUrl}${DL}/conversations/${conversationId}/activities`, bearer(token));
    expect(read.body.activities[0]?.from).toEqual({ id: 'dl_account-42', role: 'user' });
  });
});

describe('posting activities', () => {
  it('stamps what the server decides and answers with the id', async () => {
    const server = await start();
    const { conversationId, token } = await newConversation(server);
    const posted = await postJson(
      `${server.baseUrl}${DL}/conversations/${conversationId}/activities`,
      { type: 'message', text: 'hello', id: 'client-chosen', channelId: 'teams', timestamp: '2001-01-01T00:00:00Z', channelData: { clientActivityID: 'c-1' } },
      bearer(token),
    );
    expect(posted.status).toBe(200);
    const { id } = posted.body as { id: string };
    const { body } = await get(`${server.baseUrl}${DL}/conversations/${conversationId}/activities`, bearer(token));
    const first = body.activities[0];
    expect(first).toMatchObject({
      id,
      type: 'message',
      text: 'hello',
      channelId: 'webchat',
      timestamp: new Date(T0).toISOString(),
      conversation: { id: conversationId },
      serviceUrl: server.baseUrl,
      recipient: { id: 'parley', role: 'bot' },
      channelData: { clientActivityID: 'c-1' },
    });
    expect(id).toMatch(new RegExp(`^${conversationId}\\|`));
  });

  it.each([
    ['no type', { text: 'no type' }, 'type must be "message", "event" or "typing"'],
    ['an invoke', { type: 'invoke', text: 'x' }, 'type must be "message", "event" or "typing"'],
    ['5,001 characters', { type: 'message', text: 'x'.repeat(5_001) }, 'text is longer than 5,000 characters'],
    ['blank text', { type: 'message', text: '   ' }, 'text: a message needs non-empty text (or a value from a card)'],
    ['a number as text', { type: 'message', text: 7 }, 'text must be a string'],
    ['an attachment', { type: 'message', text: 'see photo', attachments: [{ contentType: 'image/png', contentUrl: 'x' }] }, 'attachments are not accepted on this channel: send text only'],
    ['an event without a name', { type: 'event' }, 'name: an event needs a name'],
    ['an array', [{ type: 'message', text: 'in an array' }], 'the body must be a JSON object (an activity) sent with Content-Type: application/json'],
  ])('refuses %s with 400 and says why', async (_label, body, message) => {
    const server = await start();
    const { conversationId, token } = await newConversation(server);
    const res = await postJson(`${server.baseUrl}${DL}/conversations/${conversationId}/activities`, body, bearer(token));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'BadArgument', message } });
  });

  it('accepts exactly 5,000 characters and refuses a body that is not JSON', async () => {
    const server = await start();
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    expect((await postJson(url, { type: 'message', text: 'x'.repeat(5_000) }, bearer(token))).status).toBe(200);
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer(token) }, body: '{"type": "message", ' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'BadArgument', message: 'The body is not valid JSON.' } });
  });

  it('records the message before acknowledging it, and acknowledges nothing it could not record', async () => {
    const order: string[] = [];
    let failRecording = false;
    const runner: TurnRunner = {
      async recordInbound(activity) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        if (failRecording) throw new Error('audit trail unavailable');
        order.push(`recorded ${activity.text}`);
      },
      async runTurn(activity, options) {
        order.push(`turn ${activity.text} recorded=${options?.inboundRecorded}`);
        return [{ type: 'message', text: 'ok' }];
      },
    };
    const server = await start({ runner, greetOnStart: false });
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    const ok = await postJson(url, { type: 'message', text: 'first' }, bearer(token));
    order.push(`acknowledged ${ok.status}`);
    await waitFor(() => order.length === 3, 'the turn');
    // Recording takes 50 ms here: the acknowledgement waited for it.
    expect(order.indexOf('recorded first')).toBeLessThan(order.indexOf('acknowledged 200'));
    expect(order).toContain('turn first recorded=true');

    failRecording = true;
    const refused = await postJson(url, { type: 'message', text: 'second' }, bearer(token));
    expect(refused.status).toBe(500);
    const { body } = await get(url, bearer(token));
    expect(body.activities.map((activity: ChannelActivity) => activity.text)).toEqual(['first', 'ok']);
    expect(order.some((entry) => entry.includes('second'))).toBe(false);
  });

  it('masks card numbers in the conversation log while the bot reads the message as written', async () => {
    const runner = echoRunner();
    const server = await start({ runner });
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    await postJson(url, { type: 'message', text: 'my card is 4111 1111 1111 1111' }, bearer(token));
    expect((await get(url, bearer(token))).body.activities[0]?.text).toBe('my card is [card ••••1111]');
    expect(runner.turns.find((activity) => activity.type === 'message')?.text).toBe('my card is 4111 1111 1111 1111');
  });

  it('acknowledges a typing indicator without recording it or running a turn', async () => {
    const runner = echoRunner();
    const server = await start({ runner, greetOnStart: false });
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    expect((await postJson(url, { type: 'typing' }, bearer(token))).status).toBe(200);
    expect((await get(url, bearer(token))).body.activities).toEqual([]);
    expect(runner.recorded).toEqual([]);
    expect(runner.turns).toEqual([]);
  });

  it('slows down a conversation that posts too fast (429 with Retry-After) and refuses uploads', async () => {
    const server = await start({ activitiesPerConversation: { limit: 2, windowMs: 60_000 } });
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    expect((await postJson(url, { type: 'message', text: '1' }, bearer(token))).status).toBe(200);
    expect((await postJson(url, { type: 'message', text: '2' }, bearer(token))).status).toBe(200);
    const third = await postJson(url, { type: 'message', text: '3' }, bearer(token));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await postJson(`${server.baseUrl}${DL}/conversations/${conversationId}/upload?userId=x`, {}, bearer(token))).status).toBe(400);
  });
});

describe('reading activities', () => {
  it('pages by watermark through user messages and bot replies in order', async () => {
    const server = await start({ pageSize: 2, greetOnStart: false });
    const { conversationId, token } = await newConversation(server);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    const count = async () => {
      let watermark = '0';
      let total = 0;
      for (;;) {
        const { body } = await get(`${url}?watermark=${watermark}`, bearer(token));
        if (body.activities.length === 0) return total;
        total += body.activities.length;
        watermark = body.watermark;
      }
    };
    for (const [index, text] of ['a', 'b', 'c'].entries()) {
      await postJson(url, { type: 'message', text }, bearer(token));
      await waitFor(async () => (await count()) === 2 * (index + 1), `the reply to ${text}`);
    }

    const pages: string[][] = [];
    let watermark = '';
    for (;;) {
      const { status, body } = await get(`${url}?watermark=${watermark}`, bearer(token));
      expect(status).toBe(200);
      if (body.activities.length === 0) {
        expect(body.watermark).toBe('6');
        break;
      }
      pages.push(body.activities.map((activity: ChannelActivity) => `${activity.from?.role}: ${activity.text}`));
      watermark = body.watermark;
    }
    expect(pages).toEqual([
      ['user: a', 'bot: You said: a'],
      ['user: b', 'bot: You said: b'],
      ['user: c', 'bot: You said: c'],
    ]);
    expect((await get(`${url}?watermark=abc`, bearer(token))).status).toBe(400);
  });

  it('delivers a bot-initiated message to a polling client, and refuses an unknown conversation', async () => {
    const server = await start({ greetOnStart: false });
    const { conversationId, token } = await newConversation(server);
    const id = await server.channel.deliver(conversationId, { type: 'message', text: 'Your payment was received.' });
    const { body } = await get(`${server.baseUrl}${DL}/conversations/${conversationId}/activities`, bearer(token));
    expect(body.activities).toHaveLength(1);
    expect(body.activities[0]).toMatchObject({ id, text: 'Your payment was received.', from: { id: 'parley', role: 'bot' }, conversation: { id: conversationId } });
    await expect(server.channel.deliver('AAAAAAAAAAAAAAAAAAAAAA', { type: 'message', text: 'lost' })).rejects.toBeInstanceOf(UnknownConversationError);
  });

  it('greets once when a conversation starts, however often the client starts it', async () => {
    const runner = echoRunner({ greeting: 'Hello.' });
    const server = await start({ runner });
    const page = await postJson(`${server.baseUrl}/webchat/token`, {});
    const { token, conversationId } = page.body as { token: string; conversationId: string };
    expect((await postJson(`${server.baseUrl}${DL}/conversations`, {}, bearer(token))).status).toBe(200);
    expect((await postJson(`${server.baseUrl}${DL}/conversations`, {}, bearer(token))).status).toBe(200);
    const url = `${server.baseUrl}${DL}/conversations/${conversationId}/activities`;
    await waitFor(async () => (await get(url, bearer(token))).body.activities.length === 1, 'the greeting');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await get(url, bearer(token))).body.activities.map((activity: ChannelActivity) => activity.text)).toEqual(['Hello.']);
    expect(runner.turns.filter((activity) => activity.type === 'conversationUpdate')).toHaveLength(1);
  });
});

describe('browsers and origins', () => {
  const allowed = 'https://www.example-agency.com';

  it('answers the preflight of an allowed origin with CORS headers and refuses any other origin', async () => {
    const server = await start({ allowedOrigins: [allowed] });
    const preflight = (origin: string) =>
      fetch(`${server.baseUrl}${DL}/conversations`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const ok = await preflight(allowed);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const denied = await preflight('https://evil.example.net');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    const token = await postJson(`${server.baseUrl}/webchat/token`, {}, { origin: allowed });
    expect(token.status).toBe(200);
    expect(token.headers.get('access-control-allow-origin')).toBe(allowed);
    expect((await postJson(`${server.baseUrl}/webchat/token`, {}, { origin: 'https://evil.example.net' })).status).toBe(403);
    // The service's own page is always allowed.
    expect((await postJson(`${server.baseUrl}/webchat/token`, {}, { origin: server.baseUrl })).status).toBe(200);
  });

  it('limits new conversations from one address', async () => {
    const server = await start({ tokensPerIp: { limit: 2, windowMs: 60_000 } });
    expect((await postJson(`${server.baseUrl}/webchat/token`, {})).status).toBe(200);
    expect((await postJson(`${server.baseUrl}/webchat/token`, {})).status).toBe(200);
    const third = await postJson(`${server.baseUrl}/webchat/token`, {});
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('60');
  });

  it('opens a stream only with that conversation\'s stream token and from an allowed origin', async () => {
    const server = await start({ allowedOrigins: [allowed] });
    const mine = await newConversation(server);
    const theirs = await newConversation(server);
    const status = (url: string, origin?: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url, origin ? { origin } : {});
        ws.on('open', () => {
          ws.close();
          resolve(101);
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => resolve(-1));
      });
    const streamOf = (conversationId: string, token: string) => `${mine.streamUrl.split('/v3/')[0]}${DL}/conversations/${conversationId}/stream?t=${encodeURIComponent(token)}`;
    const theirStreamToken = new URL(theirs.streamUrl).searchParams.get('t') ?? '';
    expect(await status(mine.streamUrl)).toBe(101);
    expect(await status(mine.streamUrl, allowed)).toBe(101);
    expect(await status(mine.streamUrl, 'https://evil.example.net')).toBe(403);
    expect(await status(streamOf(mine.conversationId, theirStreamToken))).toBe(403);
    expect(await status(streamOf(mine.conversationId, mine.token))).toBe(401);
    expect(await status(streamOf(mine.conversationId, 'garbage'))).toBe(401);
    now = T0 + 3 * 60_000;
    expect(await status(mine.streamUrl)).toBe(403);
  });

  it('says 404 in Direct Line\'s shape for an operation it does not have', async () => {
    const server = await start();
    const res = await get(`${server.baseUrl}${DL}/nope`, bearer(TEST_SECRET));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NotFound');
  });
});
