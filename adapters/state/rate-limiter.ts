// Sliding-window rate limits (sign-in attempts, webhooks): a log of accepted hits per key within the window.
import { randomUUID } from 'node:crypto';
import { viaRedis } from './errors.js';
import { RedisScript, type RedisConnection } from './redis-client.js';
import type { Clock, RateLimiter, RateLimitResult } from './types.js';

function checkArgs(limit: number, windowMs: number): void {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Rate limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(windowMs) || windowMs < 1) throw new RangeError(`Rate-limit window must be a positive integer of milliseconds, got ${windowMs}`);
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep: number;
  private longestWindow = 0;

  constructor(private readonly now: Clock = Date.now) {
    this.lastSweep = now();
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    checkArgs(limit, windowMs);
    const now = this.now();
    this.sweep(now);
    this.longestWindow = Math.max(this.longestWindow, windowMs);
    const log = (this.hits.get(key) ?? []).filter((at) => at > now - windowMs);
    if (log.length >= limit) {
      this.hits.set(key, log);
      return { allowed: false, retryAfterMs: (log[0] ?? now) + windowMs - now, remaining: 0 };
    }
    log.push(now);
    this.hits.set(key, log);
    return { allowed: true, retryAfterMs: 0, remaining: limit - log.length };
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, log] of this.hits) if ((log.at(-1) ?? 0) <= now - this.longestWindow) this.hits.delete(key);
  }
}

// The server's clock, so every instance counts against the same time. Members are unique per hit.
const HIT = new RedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window)
  return {1, 0, limit - count - 1}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now, 0}
`);

export class RedisRateLimiter implements RateLimiter {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisConnection,
    keyPrefix = 'parley:',
  ) {
    this.prefix = `${keyPrefix}rate:`;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    checkArgs(limit, windowMs);
    const reply = await viaRedis('counting a rate-limited hit', () => HIT.run(this.client, [this.prefix + key], [String(limit), String(windowMs), randomUUID()]));
    const [allowed, retryAfterMs, remaining] = reply as [number, number, number];
    return { allowed: allowed === 1, retryAfterMs: Math.max(0, retryAfterMs), remaining };
  }
}
