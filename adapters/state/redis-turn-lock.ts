// Serializes turns per conversation across Parley instances: a Redis lock (SET NX PX with a random token,
// released only by its holder), in front of which turns of this process queue in arrival order.
import { randomUUID } from 'node:crypto';
import { RedisUnavailableError, TurnLockTimeoutError } from './errors.js';
import { DEFAULT_LOCK_WAIT_MS, MemoryTurnLock } from './memory-turn-lock.js';
import { RedisScript, type RedisConnection } from './redis-client.js';
import type { TurnLock } from './types.js';

const RELEASE = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

const RENEW = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

export interface RedisTurnLockOptions {
  keyPrefix?: string;
  /** How long a turn may wait (in this process and for other instances) before giving up. */
  waitTimeoutMs?: number;
  /** Lifetime of a lock whose holder died; a live holder renews it every third of this. */
  lockTtlMs?: number;
  /** Called when a holder finds its lock gone (expired during a stall) or cannot release it. */
  onLockProblem?: (problem: 'lost' | 'release-failed', conversationId: string) => void;
}

const RETRY_MIN_MS = 5;
const RETRY_MAX_MS = 100;

export class RedisTurnLock implements TurnLock {
  private readonly prefix: string;
  private readonly waitTimeoutMs: number;
  private readonly lockTtlMs: number;
  private readonly local: MemoryTurnLock;

  constructor(
    private readonly client: RedisConnection,
    private readonly options: RedisTurnLockOptions = {},
  ) {
    this.prefix = `${options.keyPrefix ?? 'parley:'}lock:turn:`;
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_LOCK_WAIT_MS;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.local = new MemoryTurnLock({ waitTimeoutMs: this.waitTimeoutMs });
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.waitTimeoutMs;
    return this.local.runWithin(conversationId, this.waitTimeoutMs, async () => {
      const key = this.prefix + conversationId;
      const token = randomUUID();
      await this.acquire(conversationId, key, token, deadline);
      const renewal = setInterval(() => void this.renew(conversationId, key, token), Math.max(1, Math.floor(this.lockTtlMs / 3)));
      renewal.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renewal);
        await this.release(conversationId, key, token);
      }
    });
  }

  private async acquire(conversationId: string, key: string, token: string, deadline: number): Promise<void> {
    let delay = RETRY_MIN_MS;
    for (;;) {
      let reply: string | null;
      try {
        reply = await this.client.set(key, token, { condition: 'NX', expiration: { type: 'PX', value: this.lockTtlMs } });
      } catch (error) {
        throw new RedisUnavailableError('taking the turn lock', error);
      }
      if (reply === 'OK') return;
      const left = deadline - Date.now();
      if (left <= 0) throw new TurnLockTimeoutError(conversationId, this.waitTimeoutMs);
      await sleep(Math.min(left, delay + Math.floor(Math.random() * delay)));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  private async renew(conversationId: string, key: string, token: string): Promise<void> {
    try {
      const renewed = await RENEW.run(this.client, [key], [token, String(this.lockTtlMs)]);
      if (renewed === 0) this.options.onLockProblem?.('lost', conversationId);
    } catch {
      // Redis is away; the lock lives on for its TTL and the next renewal tries again.
    }
  }

  private async release(conversationId: string, key: string, token: string): Promise<void> {
    try {
      await RELEASE.run(this.client, [key], [token]);
    } catch {
      // The lock expires by itself; meanwhile turns of this conversation on other instances wait.
      this.options.onLockProblem?.('release-failed', conversationId);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
