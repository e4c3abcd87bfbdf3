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

  it('takes over at once a lock whose holder is dead, long before the lock would expire', async () => {
    const keyPrefix = freshPrefix();
    const problems: string[] = [];
    // A crashed instance's lock: 30 s to live, its holder's liveness key long gone.
    await shared.set(`${keyPrefix}lock:turn:conv-dead`, 'dead-instance/turn-token', { expiration: { type: 'PX', value: 30_000 } });
    const lock = new RedisTurnLock(shared, { keyPrefix, waitTimeoutMs: 2_000, onLockProblem: (p) => problems.push(p) });
    expect(await lock.runExclusive('conv-dead', async () => 'ran')).toBe('ran');
    expect(problems).toEqual(['taken-over']);
    expect(await shared.exists(`${keyPrefix}lock:turn:conv-dead`)).toBe(0);
  });

  it('takes over a lock that names no holder at all (set by hand or by an older release)', async () => {
    const keyPrefix = freshPrefix();
    await shared.set(`${keyPrefix}lock:turn:conv-odd`, '1', { expiration: { type: 'PX', value: 30_000 } });
    const lock = new RedisTurnLock(shared, { keyPrefix, waitTimeoutMs: 2_000 });
    expect(await lock.runExclusive('conv-odd', async () => 'ran')).toBe('ran');
  });

  it('waits for a holder that is alive, and gives up at the wait limit', async () => {
    const keyPrefix = freshPrefix();
    // Another instance, alive (its liveness key is fresh), holds the lock.
    await shared.set(`${keyPrefix}instance:live-instance`, '1', { expiration: { type: 'PX', value: 30_000 } });
    await shared.set(`${keyPrefix}lock:turn:conv-busy`, 'live-instance/turn-token', { expiration: { type: 'PX', value: 30_000 } });
    const lock = new RedisTurnLock(shared, { keyPrefix, waitTimeoutMs: 300 });
    let ran = false;
    await expect(
      lock.runExclusive('conv-busy', async () => {
        ran = true;
      }),
    ).rejects.toThrow(/Timed out after 300 ms/);
    expect(ran).toBe(false);
    expect(await shared.get(`${keyPrefix}lock:turn:conv-busy`)).toBe('live-instance/turn-token');
  });

  it('keeps its liveness key fresh while it holds a lock, so a long turn is not taken over', async () => {
    const keyPrefix = freshPrefix();
    const slow = new RedisTurnLock(await newConnection(), { keyPrefix, livenessTtlMs: 500 });
    const other = new RedisTurnLock(await newConnection(), { keyPrefix, livenessTtlMs: 500, waitTimeoutMs: 5_000 });
    let slowRunning = false;
    const first = slow.runExclusive('conv-live', async () => {
      slowRunning = true;
      await sleep(1_500);
      slowRunning = false;
    });
    await sleep(50);
    const overlapped = await other.runExclusive('conv-live', async () => slowRunning);
    await first;
    expect(overlapped).toBe(false);
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
