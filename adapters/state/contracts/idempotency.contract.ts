// The behaviour every IdempotencyStore must show; run against memory and Redis.
import { describe, expect, it } from 'vitest';
import type { IdempotencyStore } from '../types.js';

export interface IdempotencyContract {
  create(): Promise<{ store: IdempotencyStore; elapse(ms: number): Promise<void> }>;
  shortTtlMs: number;
}

export function describeIdempotencyContract(name: string, contract: IdempotencyContract): void {
  describe(`${name}: idempotency contract`, () => {
    it('claims a key the first time only (a retried webhook is recognized)', async () => {
      const { store } = await contract.create();
      expect(await store.claim('SM123', 60_000)).toBe(true);
      expect(await store.claim('SM123', 60_000)).toBe(false);
      expect(await store.claim('SM124', 60_000)).toBe(true);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const { store } = await contract.create();
      const claims = await Promise.all(Array.from({ length: 10 }, () => store.claim('SM-race', 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('allows the key again once the claim has expired', async () => {
      const { store, elapse } = await contract.create();
      expect(await store.claim('SM-old', contract.shortTtlMs)).toBe(true);
      await elapse(contract.shortTtlMs * 0.5);
      expect(await store.claim('SM-old', contract.shortTtlMs)).toBe(false);
      await elapse(contract.shortTtlMs * 0.7);
      expect(await store.claim('SM-old', contract.shortTtlMs)).toBe(true);
    });

    it('allows the key again after the claim is released (processing failed, let the retry in)', async () => {
      const { store } = await contract.create();
      expect(await store.claim('SM-fail', 60_000)).toBe(true);
      await store.release('SM-fail');
      expect(await store.claim('SM-fail', 60_000)).toBe(true);
    });

    it('refuses a TTL that is not a positive number of milliseconds', async () => {
      const { store } = await contract.create();
      await expect(store.claim('SM-bad', 0)).rejects.toBeInstanceOf(RangeError);
    });
  });
}
