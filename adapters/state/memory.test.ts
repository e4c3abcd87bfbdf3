// The in-memory state stores against the shared contracts, with a fake clock so TTLs need no waiting.
import { describe, expect, it } from 'vitest';
import { describeIdempotencyContract } from './contracts/idempotency.contract.js';
import { describeRateLimiterContract } from './contracts/rate-limiter.contract.js';
import { describeStorageContract } from './contracts/storage.contract.js';
import { describeTurnLockContract } from './contracts/turn-lock.contract.js';
import { MemoryIdempotencyStore, MemoryRateLimiter, MemoryStateStorage, MemoryTurnLock, openStateStores } from './index.js';

function fakeClock() {
  let now = Date.UTC(2025, 0, 15, 12, 0, 0);
  return { now: () => now, elapse: async (ms: number) => void (now += ms) };
}

describeStorageContract('memory', {
  shortTtlMs: 1_000,
  create: async ({ ttlMs }) => {
    const clock = fakeClock();
    return { storage: new MemoryStateStorage({ ttlMs, now: clock.now }), elapse: clock.elapse };
  },
});

describeTurnLockContract('memory', {
  create: async ({ count, waitTimeoutMs }) => {
    const lock = new MemoryTurnLock(waitTimeoutMs === undefined ? {} : { waitTimeoutMs });
    return Array.from({ length: count }, () => lock);
  },
});

describeIdempotencyContract('memory', {
  shortTtlMs: 1_000,
  create: async () => {
    const clock = fakeClock();
    return { store: new MemoryIdempotencyStore(clock.now), elapse: clock.elapse };
  },
});

describeRateLimiterContract('memory', {
  shortWindowMs: 1_000,
  create: async () => {
    const clock = fakeClock();
    return { limiter: new MemoryRateLimiter(clock.now), elapse: clock.elapse };
  },
});

describe('memory turn lock housekeeping', () => {
  it('forgets a conversation once its turns are done, including after a waiter gave up', async () => {
    const lock = new MemoryTurnLock({ waitTimeoutMs: 20 });
    let release!: () => void;
    const holding = lock.runExclusive('c', () => new Promise<void>((resolve) => (release = resolve)));
    await expect(lock.runExclusive('c', async () => undefined)).rejects.toThrow(/Timed out/);
    expect(lock.activeConversations).toBe(1);
    release();
    await holding;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(lock.activeConversations).toBe(0);
  });
});

describe('openStateStores without a Redis URL', () => {
  it('uses memory, answers ping and closes', async () => {
    const stores = await openStateStores();
    expect(stores.backend).toBe('memory');
    await stores.storage.write({ k: { n: 1 } });
    expect(await stores.storage.read(['k'])).toMatchObject({ k: { n: 1 } });
    expect(await stores.idempotency.claim('SM1', 1_000)).toBe(true);
    expect((await stores.rateLimiter.hit('k', 1, 1_000)).allowed).toBe(true);
    expect(await stores.turnLock.runExclusive('c', async () => 7)).toBe(7);
    await expect(stores.ping()).resolves.toBeUndefined();
    await stores.close();
  });
});
