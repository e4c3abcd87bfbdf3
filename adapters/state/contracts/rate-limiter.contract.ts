// The behaviour every RateLimiter must show; run against memory and Redis.
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../types.js';

export interface RateLimiterContract {
  create(): Promise<{ limiter: RateLimiter; elapse(ms: number): Promise<void> }>;
  /** A window short enough to wait out in a test and long enough to survive a slow machine. */
  shortWindowMs: number;
}

export function describeRateLimiterContract(name: string, contract: RateLimiterContract): void {
  describe(`${name}: rate limiter contract`, () => {
    it('allows up to the limit in a window, then refuses with how long to wait', async () => {
      const { limiter } = await contract.create();
      const window = 60_000;
      const allowed = [await limiter.hit('signin:acct-1', 3, window), await limiter.hit('signin:acct-1', 3, window), await limiter.hit('signin:acct-1', 3, window)];
      expect(allowed.map((r) => [r.allowed, r.remaining, r.retryAfterMs])).toEqual([
        [true, 2, 0],
        [true, 1, 0],
        [true, 0, 0],
      ]);
      const refused = await limiter.hit('signin:acct-1', 3, window);
      expect(refused.allowed).toBe(false);
      expect(refused.remaining).toBe(0);
      expect(refused.retryAfterMs).toBeGreaterThan(window - 5_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(window);
    });

    it('counts each key on its own', async () => {
      const { limiter } = await contract.create();
      expect((await limiter.hit('ip:a', 1, 60_000)).allowed).toBe(true);
      expect((await limiter.hit('ip:a', 1, 60_000)).allowed).toBe(false);
      expect((await limiter.hit('ip:b', 1, 60_000)).allowed).toBe(true);
    });

    it('slides: a hit leaves the count once it is a full window old', async () => {
      const { limiter, elapse } = await contract.create();
      const w = contract.shortWindowMs;
      expect((await limiter.hit('k', 2, w)).allowed).toBe(true);
      await elapse(w * 0.5);
      expect((await limiter.hit('k', 2, w)).allowed).toBe(true);
      const refused = await limiter.hit('k', 2, w);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(w * 0.5);

      await elapse(w * 0.5 + 20);
      // The first hit has left the window; the second still counts.
      expect((await limiter.hit('k', 2, w)).allowed).toBe(true);
      expect((await limiter.hit('k', 2, w)).allowed).toBe(false);
    });

    it('does not count refused hits, so hammering does not extend the wait', async () => {
      const { limiter, elapse } = await contract.create();
      const w = contract.shortWindowMs;
      expect((await limiter.hit('hammer', 1, w)).allowed).toBe(true);
      for (let i = 0; i < 5; i += 1) expect((await limiter.hit('hammer', 1, w)).allowed).toBe(false);
      await elapse(w + 20);
      expect((await limiter.hit('hammer', 1, w)).allowed).toBe(true);
    });

    it('allows exactly the limit among concurrent hits', async () => {
      const { limiter } = await contract.create();
      const results = await Promise.all(Array.from({ length: 12 }, () => limiter.hit('burst', 5, 60_000)));
      expect(results.filter((r) => r.allowed)).toHaveLength(5);
    });

    it('refuses a limit or window that makes no sense', async () => {
      const { limiter } = await contract.create();
      await expect(limiter.hit('k', 0, 1_000)).rejects.toBeInstanceOf(RangeError);
      await expect(limiter.hit('k', 1, 0)).rejects.toBeInstanceOf(RangeError);
    });
  });
}
