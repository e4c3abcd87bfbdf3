// The state ports the composition root wires: bot state, turn serialization, idempotency and rate limits.
import type { Storage } from 'botbuilder';

export interface TurnLock {
  /**
   * Runs `fn` once no other turn of this conversation is running (across every instance sharing the
   * backend) and returns its result. Waiting is bounded: past the wait limit it throws TurnLockTimeoutError.
   * Not re-entrant: calling it again for the same conversation from inside `fn` waits for itself.
   */
  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T>;
}

export interface IdempotencyStore {
  /** True the first time a key is claimed within `ttlMs`, false for every repeat (a webhook retry). */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /** Gives a claim back, so a retry of a request that failed before it was recorded is processed. */
  release(key: string): Promise<void>;
}

export interface RateLimitResult {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until one more hit would be allowed. */
  retryAfterMs: number;
  /** Hits still allowed in the current window after this one. */
  remaining: number;
}

export interface RateLimiter {
  /**
   * Counts one hit on `key` in a sliding window of `windowMs` and says whether it is within `limit`.
   * Refused hits are not counted, so hammering does not extend the wait.
   */
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}

export interface StateStores {
  /** Which backend holds the state; readiness reports name it. */
  backend: 'memory' | 'redis';
  /** Bot Framework state (conversation, user, dialog) with eTag compare-and-set and TTLs. */
  storage: Storage;
  turnLock: TurnLock;
  idempotency: IdempotencyStore;
  rateLimiter: RateLimiter;
  /** Resolves when the backend answers; rejects quickly with an Error naming Redis when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** An injectable clock for the in-memory stores, so tests can move time without waiting. */
export type Clock = () => number;

/** A TTL for every key, or one chosen per key (e.g. longer for user state than for conversation state). 0 = none. */
export type TtlPolicy = number | ((key: string) => number);

export const DEFAULT_STATE_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export function ttlFor(policy: TtlPolicy, key: string): number {
  const ttl = typeof policy === 'function' ? policy(key) : policy;
  if (!Number.isFinite(ttl) || ttl < 0) throw new RangeError(`State TTL must be a non-negative number of milliseconds, got ${ttl}`);
  return Math.floor(ttl);
}
