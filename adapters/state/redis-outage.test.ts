// What /readyz and the turn pipeline rely on when Redis goes away and comes back: fast, named failures,
// no crash, and recovery without a restart. Uses a private redis-server so stopping it disturbs nobody.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEphemeralRedis, uniqueKeyPrefix, type EphemeralRedis } from '../../tests/support/redis.js';
import { openStateStores, RedisUnavailableError, type StateStores } from './index.js';

let redis: EphemeralRedis;
const statuses: string[] = [];
let stores: StateStores;

beforeAll(async () => {
  redis = await startEphemeralRedis();
  stores = await openStateStores({ redisUrl: redis.url, keyPrefix: uniqueKeyPrefix('outage'), onRedisStatus: (status) => statuses.push(status) });
});

afterAll(async () => {
  await stores?.close();
  await redis?.dispose();
});

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; error?: unknown; value?: T }> {
  const started = Date.now();
  try {
    const value = await run();
    return { ms: Date.now() - started, value };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
}

async function waitUntil(check: () => Promise<void>, withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return Date.now() - started;
    } catch (error) {
      if (Date.now() - started > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('Redis outage and recovery', () => {
  it('works while Redis is up', async () => {
    expect(stores.backend).toBe('redis');
    await stores.ping();
    await stores.storage.write({ 'conv/1': { n: 1 } });
    expect(await stores.storage.read(['conv/1'])).toMatchObject({ 'conv/1': { n: 1 } });
  });

  it('fails fast, naming Redis, while Redis is stopped, without crashing the process', async () => {
    await redis.stop();
    const ping = await timed(() => stores.ping());
    expect(ping.error).toBeInstanceOf(Error);
    expect((ping.error as Error).message).toMatch(/Redis/);
    expect(ping.ms).toBeLessThan(1_500);

    const read = await timed(() => stores.storage.read(['conv/1']));
    expect(read.error).toBeInstanceOf(RedisUnavailableError);
    expect(read.ms).toBeLessThan(1_500);

    const turn = await timed(() => stores.turnLock.runExclusive('conv/1', async () => 'ran'));
    expect((turn.error as Error).message).toMatch(/Redis unavailable/);
    expect(turn.ms).toBeLessThan(1_500);

    const claim = await timed(() => stores.idempotency.claim('SM1', 60_000));
    expect((claim.error as Error).message).toMatch(/Redis unavailable/);
    const hit = await timed(() => stores.rateLimiter.hit('ip', 5, 60_000));
    expect((hit.error as Error).message).toMatch(/Redis unavailable/);
  });

  it('recovers on its own within seconds once Redis is back on the same port', async () => {
    await redis.start();
    const tookMs = await waitUntil(() => stores.ping(), 5_000);
    expect(tookMs).toBeLessThan(5_000);
    // A private server persists nothing, so the old state is gone; the stores work again.
    await stores.storage.write({ 'conv/1': { n: 2 } });
    expect(await stores.storage.read(['conv/1'])).toMatchObject({ 'conv/1': { n: 2 } });
    expect(await stores.turnLock.runExclusive('conv/1', async () => 'ran')).toBe('ran');
    expect(statuses).toEqual(['up', 'down', 'up']);
  });

  it('times a ping out within about a second when Redis stalls instead of dying', async () => {
    redis.freeze();
    try {
      const ping = await timed(() => stores.ping());
      expect((ping.error as Error).message).toMatch(/Redis unavailable \(ping\): no answer within 1000 ms/);
      expect(ping.ms).toBeLessThan(1_500);
    } finally {
      redis.thaw();
    }
    await waitUntil(() => stores.ping(), 5_000);
  });
});

describe('opening the stores', () => {
  it('refuses to start, naming Redis and hiding the password, when Redis is not reachable', async () => {
    const down = await startEphemeralRedis();
    await down.dispose();
    const url = `redis://:s3cret@127.0.0.1:${down.port}`;
    const opening = await timed(() => openStateStores({ redisUrl: url, connectTimeoutMs: 500 }));
    expect(opening.error).toBeInstanceOf(RedisUnavailableError);
    const message = (opening.error as Error).message;
    expect(message).toMatch(new RegExp(`Redis unavailable \\(connecting to redis://:\\*\\*\\*@127\\.0\\.0\\.1:${down.port}`));
    expect(message).not.toContain('s3cret');
    expect(opening.ms).toBeLessThan(2_000);
  });
});
