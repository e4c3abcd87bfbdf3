// Webhook de-duplication: the first claim of a key (e.g. a Twilio MessageSid) wins until it expires.
import { viaRedis } from './errors.js';
import type { RedisConnection } from './redis-client.js';
import type { Clock, IdempotencyStore } from './types.js';

function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`Idempotency TTL must be a positive integer of milliseconds, got ${ttlMs}`);
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly claims = new Map<string, number>();
  private lastSweep: number;

  constructor(private readonly now: Clock = Date.now) {
    this.lastSweep = now();
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    const now = this.now();
    this.sweep(now);
    const expiresAt = this.claims.get(key);
    if (expiresAt !== undefined && expiresAt > now) return false;
    this.claims.set(key, now + ttlMs);
    return true;
  }

  async release(key: string): Promise<void> {
    this.claims.delete(key);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, expiresAt] of this.claims) if (expiresAt <= now) this.claims.delete(key);
  }
}

export class RedisIdempotencyStore implements IdempotencyStore {
  private readonly prefix: string;

  constructor(
    private readonly client: RedisConnection,
    keyPrefix = 'parley:',
  ) {
    this.prefix = `${keyPrefix}idem:`;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    const reply = await viaRedis('claiming an idempotency key', () =>
      this.client.set(this.prefix + key, '1', { condition: 'NX', expiration: { type: 'PX', value: ttlMs } }),
    );
    return reply === 'OK';
  }

  async release(key: string): Promise<void> {
    await viaRedis('releasing an idempotency key', () => this.client.del(this.prefix + key));
  }
}
