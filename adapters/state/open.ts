// Chooses the state backend: Redis when a URL is configured (shared by every instance), memory otherwise.
import { MemoryIdempotencyStore, RedisIdempotencyStore } from './idempotency.js';
import { MemoryStateStorage } from './memory-storage.js';
import { MemoryTurnLock } from './memory-turn-lock.js';
import { MemoryRateLimiter, RedisRateLimiter } from './rate-limiter.js';
import { closeRedis, connectRedis, pingRedis } from './redis-client.js';
import { RedisStorage } from './redis-storage.js';
import { RedisTurnLock, type RedisTurnLockOptions } from './redis-turn-lock.js';
import type { StateStores, TtlPolicy } from './types.js';

export interface StateStoresOptions {
  /** Unset: everything in memory (one instance only). */
  redisUrl?: string;
  /** Namespace of every Redis key; default "parley:". */
  keyPrefix?: string;
  /** TTL of bot state items, refreshed on every write; default 30 days. */
  stateTtlMs?: TtlPolicy;
  /** How long a turn waits for the previous turn of its conversation; default 10 s. */
  lockWaitMs?: number;
  /** Lifetime of a Redis turn lock whose holder died; default 30 s. */
  lockTtlMs?: number;
  /** How long start-up waits for Redis; default 5 s. */
  connectTimeoutMs?: number;
  /** How long ping() waits for an answer; default 1 s. */
  pingTimeoutMs?: number;
  /** Connection lost or regained; for logs. */
  onRedisStatus?: (status: 'up' | 'down', detail?: string) => void;
  onLockProblem?: RedisTurnLockOptions['onLockProblem'];
}

export async function openStateStores(options: StateStoresOptions = {}): Promise<StateStores> {
  if (!options.redisUrl) {
    return {
      backend: 'memory',
      storage: new MemoryStateStorage(options.stateTtlMs === undefined ? {} : { ttlMs: options.stateTtlMs }),
      turnLock: new MemoryTurnLock(options.lockWaitMs === undefined ? {} : { waitTimeoutMs: options.lockWaitMs }),
      idempotency: new MemoryIdempotencyStore(),
      rateLimiter: new MemoryRateLimiter(),
      ping: async () => {},
      close: async () => {},
    };
  }

  const keyPrefix = options.keyPrefix ?? 'parley:';
  const client = await connectRedis({
    url: options.redisUrl,
    ...(options.connectTimeoutMs === undefined ? {} : { connectTimeoutMs: options.connectTimeoutMs }),
    ...(options.onRedisStatus ? { onStatusChange: options.onRedisStatus } : {}),
  });
  return {
    backend: 'redis',
    storage: new RedisStorage(client, { keyPrefix, ...(options.stateTtlMs === undefined ? {} : { ttlMs: options.stateTtlMs }) }),
    turnLock: new RedisTurnLock(client, {
      keyPrefix,
      ...(options.lockWaitMs === undefined ? {} : { waitTimeoutMs: options.lockWaitMs }),
      ...(options.lockTtlMs === undefined ? {} : { lockTtlMs: options.lockTtlMs }),
      ...(options.onLockProblem ? { onLockProblem: options.onLockProblem } : {}),
    }),
    idempotency: new RedisIdempotencyStore(client, keyPrefix),
    rateLimiter: new RedisRateLimiter(client, keyPrefix),
    ping: () => pingRedis(client, options.pingTimeoutMs ?? 1_000),
    close: () => closeRedis(client),
  };
}
