// Serializes turns per conversation across Parley instances: a Redis lock (SET NX PX with a token naming
// its holder, released only by its holder), in front of which turns of this process queue in arrival order.
//
// A holder that dies (kill -9, a lost host) must not cost the next message its turn: every instance keeps a
// short-lived liveness key while it runs, and a waiter that finds the lock's holder without one takes the
// lock over at once instead of waiting for the lock's own expiry.
import { randomUUID } from 'node:crypto';
import { RedisUnavailableError, TurnLockTimeoutError } from './errors.js';
import { DEFAULT_LOCK_WAIT_MS, MemoryTurnLock } from './memory-turn-lock.js';
import { RedisScript, type RedisConnection } from './redis-client.js';
import type { TurnLock } from './types.js';

// KEYS[1] the lock, KEYS[2] this instance's liveness key. ARGV: token, lock ttl, liveness ttl, liveness prefix.
// Returns 1 (taken), 2 (taken over from a dead holder) or 0 (held by a live instance).
const ACQUIRE = new RedisScript(`
redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
local current = redis.call('GET', KEYS[1])
if not current then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
local holder = string.match(current, '^([%w%-]+)/')
if holder and redis.call('EXISTS', ARGV[4] .. holder) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 2
`);

const HEARTBEAT = new RedisScript(`return redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])`);

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
  /** How long this instance counts as alive after its last heartbeat; it beats every third of this. */
  livenessTtlMs?: number;
  /** Called when a holder finds its lock gone (expired during a stall) or cannot release it, or a waiter took over a dead holder's lock. */
  onLockProblem?: (problem: 'lost' | 'release-failed' | 'taken-over', conversationId: string) => void;
}

const RETRY_MIN_MS = 5;
const RETRY_MAX_MS = 100;

export class RedisTurnLock implements TurnLock {
  private readonly prefix: string;
  private readonly waitTimeoutMs: number;
  private readonly lockTtlMs: number;
  private readonly local: MemoryTurnLock;
  /** Names this process in the tokens it writes, so a waiter can ask whether the holder still lives. */
  readonly instanceId = randomUUID();
  private readonly livenessPrefix: string;
  private readonly livenessTtlMs: number;
  private heartbeat: NodeJS.Timeout | undefined;
  private held = 0;

  constructor(
    private readonly client: RedisConnection,
    private readonly options: RedisTurnLockOptions = {},
  ) {
    this.prefix = `${options.keyPrefix ?? 'parley:'}lock:turn:`;
    this.waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_LOCK_WAIT_MS;
    this.lockTtlMs = options.lockTtlMs ?? 30_000;
    this.local = new MemoryTurnLock({ waitTimeoutMs: this.waitTimeoutMs });
    this.livenessPrefix = `${options.keyPrefix ?? 'parley:'}instance:`;
    this.livenessTtlMs = options.livenessTtlMs ?? 3_000;
  }

  runExclusive<T>(conversationId: string, fn: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.waitTimeoutMs;
    return this.local.runWithin(conversationId, this.waitTimeoutMs, async () => {
      const key = this.prefix + conversationId;
      const token = `${this.instanceId}/${randomUUID()}`;
      await this.acquire(conversationId, key, token, deadline);
      this.beginHolding();
      const renewal = setInterval(() => void this.renew(conversationId, key, token), Math.max(1, Math.floor(this.lockTtlMs / 3)));
      renewal.unref();
      try {
        return await fn();
      } finally {
        clearInterval(renewal);
        this.endHolding();
        await this.release(conversationId, key, token);
      }
    });
  }

  private async acquire(conversationId: string, key: string, token: string, deadline: number): Promise<void> {
    let delay = RETRY_MIN_MS;
    for (;;) {
      let reply: unknown;
      try {
        reply = await ACQUIRE.run(
          this.client,
          [key, this.livenessPrefix + this.instanceId],
          [token, String(this.lockTtlMs), String(this.livenessTtlMs), this.livenessPrefix],
        );
      } catch (error) {
        throw new RedisUnavailableError('taking the turn lock', error);
      }
      if (reply === 2) this.options.onLockProblem?.('taken-over', conversationId);
      if (reply === 1 || reply === 2) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new TurnLockTimeoutError(conversationId, this.waitTimeoutMs);
      await sleep(Math.min(left, delay + Math.floor(Math.random() * delay)));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  /** While this process holds any lock, its liveness key is kept fresh; a dead process's key expires. */
  private beginHolding(): void {
    this.held += 1;
    if (this.heartbeat) return;
    const key = this.livenessPrefix + this.instanceId;
    this.heartbeat = setInterval(() => {
      HEARTBEAT.run(this.client, [key], [String(this.livenessTtlMs)]).catch(() => undefined);
    }, Math.max(1, Math.floor(this.livenessTtlMs / 3)));
    this.heartbeat.unref();
  }

  private endHolding(): void {
    this.held -= 1;
    if (this.held > 0 || !this.heartbeat) return;
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
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
