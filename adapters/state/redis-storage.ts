// Bot state on Redis with real eTag compare-and-set: one Lua script checks every eTag of a batch and
// writes all of it or none of it, so a stale writer never overwrites a newer turn's state.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { ETagConflictError, viaRedis } from './errors.js';
import { expectedETag, serialize } from './memory-storage.js';
import { RedisScript, type RedisConnection } from './redis-client.js';
import { DEFAULT_STATE_TTL_MS, ttlFor, type TtlPolicy } from './types.js';

// Each item is a hash {e: eTag, v: JSON}. ARGV holds 4 values per key: expected eTag ('' = any), new eTag, JSON, TTL ms.
// Returns 0 when written, or the 1-based index of the first key whose eTag did not match.
const WRITE_SCRIPT = new RedisScript(`
for i = 1, #KEYS do
  local expected = ARGV[(i - 1) * 4 + 1]
  if expected ~= '' and redis.call('HGET', KEYS[i], 'e') ~= expected then return i end
end
for i = 1, #KEYS do
  local base = (i - 1) * 4
  redis.call('HSET', KEYS[i], 'e', ARGV[base + 2], 'v', ARGV[base + 3])
  local ttl = tonumber(ARGV[base + 4])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[i], ttl) else redis.call('PERSIST', KEYS[i]) end
end
return 0
`);

export interface RedisStorageOptions {
  /** Namespace of every key, e.g. "parley:". */
  keyPrefix?: string;
  ttlMs?: TtlPolicy;
}

export class RedisStorage implements Storage {
  private readonly prefix: string;
  private readonly ttl: TtlPolicy;

  constructor(
    private readonly client: RedisConnection,
    options: RedisStorageOptions = {},
  ) {
    this.prefix = `${options.keyPrefix ?? 'parley:'}state:`;
    this.ttl = options.ttlMs ?? DEFAULT_STATE_TTL_MS;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await viaRedis('reading bot state', () => Promise.all(keys.map((key) => this.client.hmGet(this.prefix + key, ['e', 'v']))));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const [eTag, json] = rows[i] ?? [];
      if (typeof eTag === 'string' && typeof json === 'string') items[key] = { ...(JSON.parse(json) as object), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    const args: string[] = [];
    for (const key of keys) {
      const item: unknown = changes[key];
      const expected = expectedETag(key, item);
      args.push(expected ?? '', randomUUID(), serialize(item as object), String(ttlFor(this.ttl, key)));
    }
    const result = await viaRedis('writing bot state', () => WRITE_SCRIPT.run(this.client, keys.map((key) => this.prefix + key), args));
    if (result !== 0) throw new ETagConflictError(keys[Number(result) - 1] ?? '');
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await viaRedis('deleting bot state', () => this.client.del(keys.map((key) => this.prefix + key)));
  }
}
