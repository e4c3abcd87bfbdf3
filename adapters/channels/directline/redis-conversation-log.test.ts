// Conversations in Redis: the contract, the TTL on every key, and two instances serving one conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectRedis, type RedisConnection } from '../../state/index.js';
import { echoRunner, postJson, startDirectLineServer, TEST_SECRET, type RunningServer } from '../../../tests/support/directline.js';
import { requireSharedRedis, sharedRedisUrl, startEphemeralRedis, uniqueKeyPrefix } from '../../../tests/support/redis.js';
import { conversationLogContract, waitUntil } from './conversation-log.contract.js';
import { RedisConversationLog } from './redis-conversation-log.js';

let client: RedisConnection;
const prefix = uniqueKeyPrefix('directline');
const opened: RedisConversationLog[] = [];

beforeAll(async () => {
  await requireSharedRedis();
  client = await connectRedis({ url: sharedRedisUrl });
});

afterAll(async () => {
  await Promise.all(opened.map((log) => log.close()));
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(keys);
  await client.close();
});

async function open(options: { maxActivities?: number; ttlMs?: number } = {}): Promise<RedisConversationLog> {
  const log = await RedisConversationLog.open(client, { keyPrefix: prefix, ttlMs: 60_000, ...options });
  opened.push(log);
  return log;
}

conversationLogContract('Redis', { open });

describe('Redis conversation log', () => {
  it('expires every key of a conversation, refreshing the TTL on each activity', async () => {
    const log = await open({ ttlMs: 60_000 });
    await log.create({ conversationId: 'ttl-conversation-0001', userId: 'dl_u', createdAt: 1 });
    await log.markStarted('ttl-conversation-0001');
    await log.append('ttl-conversation-0001', { type: 'message', text: 'x' });
    const keys = await client.keys(`${prefix}dl:{ttl-conversation-0001}:*`);
    expect(keys.sort().map((key) => key.slice(key.lastIndexOf(':') + 1))).toEqual(['log', 'meta', 'started']);
    for (const key of keys) {
      const ttl = await client.pTTL(key);
      expect(ttl).toBeGreaterThan(50_000);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });

  it('lets two instances serve one conversation: a message posted to one reaches a socket on the other', async () => {
    const servers: RunningServer[] = [];
    try {
      for (let index = 0; index < 2; index += 1) servers.push(await startDirectLineServer({ log: await open(), greetOnStart: false }));
      const [a, b] = servers as [RunningServer, RunningServer];
      const page = (await postJson(`${a.baseUrl}/webchat/token`, {})).body as { token: string };
      const started = await postJson(`${a.baseUrl}/v3/directline/conversations`, {}, { authorization: `Bearer ${page.token}` });
      const { conversationId, token } = started.body as { conversationId: string; token: string };

      // The client reconnects through instance B and streams from it.
      const reconnect = await fetch(`${b.baseUrl}/v3/directline/conversations/${conversationId}?watermark=0`, { headers: { authorization: `Bearer ${token}` } });
      const { streamUrl } = (await reconnect.json()) as { streamUrl: string };
      const received: string[] = [];
      const ws = new WebSocket(streamUrl);
      ws.on('message', (data) => {
        const text = String(data);
        if (text) for (const activity of (JSON.parse(text) as { activities: { text?: string }[] }).activities) received.push(activity.text ?? '');
      });
      await new Promise((resolve) => ws.once('open', resolve));

      // It posts through instance A (a load balancer without affinity), and A's bot answers.
      await postJson(`${a.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { type: 'message', text: 'hello from A' }, { authorization: `Bearer ${token}` });
      await waitUntil(() => received.length === 2);
      expect(received).toEqual(['hello from A', 'You said: hello from A']);
      // A bot-initiated message sent by instance A as well.
      await a.channel.deliver(conversationId, { type: 'message', text: 'reminder' });
      await waitUntil(() => received.length === 3);
      expect(received[2]).toBe('reminder');
      ws.close();
    } finally {
      await Promise.all(servers.map((server) => server.close()));
    }
  });

  it('acknowledges nothing while Redis is down (503), and works again when it is back', async () => {
    const redis = await startEphemeralRedis();
    const own = await connectRedis({ url: redis.url });
    const log = await RedisConversationLog.open(own, { keyPrefix: prefix });
    const runner = echoRunner();
    const server = await startDirectLineServer({ log, runner, greetOnStart: false });
    try {
      const started = await postJson(`${server.baseUrl}/v3/directline/conversations`, {}, { authorization: `Bearer ${TEST_SECRET}` });
      const { conversationId, token } = started.body as { conversationId: string; token: string };
      const url = `${server.baseUrl}/v3/directline/conversations/${conversationId}/activities`;
      const auth = { authorization: `Bearer ${token}` };

      await redis.stop();
      const down = await postJson(url, { type: 'message', text: 'are you there?' }, auth);
      expect(down.status).toBe(503);
      expect((down.body as { error: { code: string } }).error.code).toBe('ServiceUnavailable');
      expect(runner.turns).toEqual([]);

      // Redis comes back empty (nothing persisted): the conversation is gone, and says so.
      await redis.start();
      await waitUntil(() => own.isReady, 10_000);
      expect((await postJson(url, { type: 'message', text: 'again' }, auth)).status).toBe(404);
      const fresh = await postJson(`${server.baseUrl}/v3/directline/conversations`, {}, { authorization: `Bearer ${TEST_SECRET}` });
      expect(fresh.status).toBe(201);
    } finally {
      await server.close();
      await log.close();
      await own.close().catch(() => {});
      await redis.dispose();
    }
  });
});
