// In-process bot state with the same compare-and-set and TTL semantics as RedisStorage.
// botbuilder's own MemoryStorage differs: it applies part of a batch before a conflict, has no TTL,
// and lets a write with an eTag create a missing item.
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { ETagConflictError } from './errors.js';
import { DEFAULT_STATE_TTL_MS, ttlFor, type Clock, type TtlPolicy } from './types.js';

interface Entry {
  eTag: string;
  json: string;
  expiresAt: number;
}

export interface MemoryStorageOptions {
  ttlMs?: TtlPolicy;
  now?: Clock;
}

const SWEEP_EVERY_MS = 60_000;

export class MemoryStateStorage implements Storage {
  private readonly entries = new Map<string, Entry>();
  private readonly ttl: TtlPolicy;
  private readonly now: Clock;
  private lastSweep: number;

  constructor(options: MemoryStorageOptions = {}) {
    this.ttl = options.ttlMs ?? DEFAULT_STATE_TTL_MS;
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = this.live(key);
      if (entry) items[key] = { ...(JSON.parse(entry.json) as object), eTag: entry.eTag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const keys = Object.keys(changes);
    for (const key of keys) {
      const expected = expectedETag(key, changes[key]);
      if (expected !== undefined && this.live(key)?.eTag !== expected) throw new ETagConflictError(key);
    }
    const now = this.now();
    for (const key of keys) {
      const ttl = ttlFor(this.ttl, key);
      this.entries.set(key, { eTag: randomUUID(), json: serialize(changes[key]), expiresAt: ttl > 0 ? now + ttl : Infinity });
    }
    this.sweep(now);
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  // Expired items nobody reads again would otherwise stay forever.
  private sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/** The eTag a write must match, or undefined for an unconditional write ('*' or none), as botbuilder defines it. */
export function expectedETag(key: string, item: unknown): string | undefined {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) {
    throw Object.assign(new TypeError('Storage: every item written must be an object.'), { key });
  }
  const eTag = (item as { eTag?: unknown }).eTag;
  return typeof eTag === 'string' && eTag !== '*' && eTag !== '' ? eTag : undefined;
}

/** The item as stored: JSON (as a network store would see it) without its eTag, which the store owns. */
export function serialize(item: object): string {
  const { eTag: _eTag, ...rest } = item as { eTag?: unknown };
  return JSON.stringify(rest);
}
