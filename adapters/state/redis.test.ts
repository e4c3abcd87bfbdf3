// The Redis state stores against the shared contracts, on the real Redis (REDIS_URL or 127.0.0.1:6379).
// Fails, never skips, when Redis is not there.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedRedis, uniqueKeyPrefix } from '../../tests/support/redis.js';
import { describeIdempotencyContract } from './contracts/idempotency.contract.js';
import { describeRateLimiterContract } from './contracts/rate-limiter.contract.js';
import { describeStorageContract } from './contracts/storage.contract.js';
import { describeTurnLockContract } from './contracts/turn-lock.contract.js';
import { closeRedis, connectRedis, RedisIdempotencyStore, RedisRateLimiter, RedisStorage, RedisTurnLock, type RedisConnection } from './index.js';

const prefix = uniqueKeyPrefix('state-redis');
const clients: RedisConnection[] = [];
let url = '';

async function newConnection(): Promise<RedisConnection> {
  const client = await connectRedis({ url, connectTimeoutMs: 2_000 });
  clients.push(client);
  return client;
}

let shared: RedisConnection;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
// Every harness gets its own namespace so tests reusing key names never meet.
const freshPrefix = () => `${prefix}${randomUUID().slice(0, 8)}:`;

beforeAll(async () => {
  url = await requireSharedRedis();
  shared = await newConnection();
});

afterAll(async () => {
  if (shared) {
    const keys: string[] = [];
    for await (const batch of shared.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    if (keys.length > 0) await shared.del(keys);
  }
  await Promise.all(clients.map((client) => closeRedis(client)));
});

describeStorageContract('redis', {
  shortTtlMs: 500,
  create: async ({ ttlMs }) => ({ storage: new RedisStorage(shared, { keyPrefix: freshPrefix(), ttlMs }), elapse: sleep }),
});

describeTurnLockContract('redis', {
  // Separate connections and lock objects: the lock must hold across Parley instances, not just within one.
  create: async ({ count, waitTimeoutMs }) => {
    const keyPrefix = freshPrefix();
    return Promise.all(
      Array.from({ length: count }, async () => new RedisTurnLock(await newConnection(), { keyPrefix, ...(waitTimeoutMs === undefined ? {} : { waitTimeoutMs }) })),
    );
  },
});

describeIdempotencyContract('redis', {
  shortTtlMs: 400,
  create: async () => ({ store: new RedisIdempotencyStore(shared, freshPrefix()), elapse: sleep }),
});

describeRateLimiterContract('redis', {
  shortWindowMs: 600,
  create: async () => ({ limiter: new RedisRateLimiter(shared, freshPrefix()), elapse: sleep }),
});

describe('redis specifics', () => {
  it('namespaces every key under the prefix and sets a TTL on state', async () => {
    const keyPrefix = freshPrefix();
    const storage = new RedisStorage(shared, { keyPrefix, ttlMs: 30 * 24 * 3600 * 1000 });
    await storage.write({ 'sms/conversations/abc': { n: 1 } });
    const keys: string[] = [];
    for await (const batch of shared.scanIterator({ MATCH: `${keyPrefix}*` })) keys.push(...batch);
    expect(keys).toEqual([`${keyPrefix}state:sms/conversations/abc`]);
    const ttl = await shared.pTTL(keys[0]!);
    expect(ttl).toBeGreaterThan(29 * 24 * 3600 * 1000);
  });

  it('takes over a conversation whose lock holder died, once the lock expires', async () => {
    const keyPrefix = freshPrefix();
    // A crashed instance's lock: set, never released.
    await shared.set(`${keyPrefix}lock:turn:conv-dead`, 'crashed-holder', { expiration: { type: 'PX', value: 300 } });
    const lock = new RedisTurnLock(shared, { keyPrefix, waitTimeoutMs: 3_000 });
    const started = Date.now();
    expect(await lock.runExclusive('conv-dead', async () => 'ran')).toBe('ran');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('keeps renewing the lock of a turn that runs longer than the lock TTL', async () => {
    const keyPrefix = freshPrefix();
    const problems: string[] = [];
    const slow = new RedisTurnLock(await newConnection(), { keyPrefix, lockTtlMs: 200, onLockProblem: (p) => problems.push(p) });
    const other = new RedisTurnLock(await newConnection(), { keyPrefix, lockTtlMs: 200 });
    let slowRunning = false;
    const first = slow.runExclusive('conv-long', async () => {
      slowRunning = true;
      await sleep(700);
      slowRunning = false;
    });
    await sleep(50);
    const overlapped = await other.runExclusive('conv-long', async () => slowRunning);
    await first;
    expect(overlapped).toBe(false);
    expect(problems).toEqual([]);
  });

  it('leaves no lock behind after a turn', async () => {
    const keyPrefix = freshPrefix();
    const lock = new RedisTurnLock(shared, { keyPrefix });
    await lock.runExclusive('conv-clean', async () => undefined);
    await expect(lock.runExclusive('conv-clean', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await shared.exists(`${keyPrefix}lock:turn:conv-clean`)).toBe(0);
  });

  it('does not release a lock it no longer holds', async () => {
    const keyPrefix = freshPrefix();
    const lock = new RedisTurnLock(shared, { keyPrefix, lockTtlMs: 60_000 });
    const key = `${keyPrefix}lock:turn:conv-stolen`;
    await lock.runExclusive('conv-stolen', async () => {
      // Another holder took over (as after an expiry during a long stall).
      await shared.set(key, 'someone-else');
    });
    expect(await shared.get(key)).toBe('someone-else');
  });
});
