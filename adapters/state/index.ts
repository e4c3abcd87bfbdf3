// Bot state and coordination stores: memory for one instance, Redis for many.
export { openStateStores, type StateStoresOptions } from './open.js';
export type { StateStores, TurnLock, IdempotencyStore, RateLimiter, RateLimitResult, Clock, TtlPolicy } from './types.js';
export { DEFAULT_STATE_TTL_MS } from './types.js';
export { ETagConflictError, TurnLockTimeoutError, RedisUnavailableError } from './errors.js';
export { MemoryStateStorage, type MemoryStorageOptions } from './memory-storage.js';
export { RedisStorage, type RedisStorageOptions } from './redis-storage.js';
export { MemoryTurnLock, DEFAULT_LOCK_WAIT_MS, type MemoryTurnLockOptions } from './memory-turn-lock.js';
export { RedisTurnLock, type RedisTurnLockOptions } from './redis-turn-lock.js';
export { MemoryIdempotencyStore, RedisIdempotencyStore } from './idempotency.js';
export { MemoryRateLimiter, RedisRateLimiter } from './rate-limiter.js';
export { connectRedis, pingRedis, closeRedis, redactUrl, type RedisConnection, type RedisConnectionOptions } from './redis-client.js';
