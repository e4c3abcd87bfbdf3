// The behaviour every bot-state Storage must show; run against memory and Redis.
import type { Storage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ETagConflictError } from '../errors.js';
import type { TtlPolicy } from '../types.js';

export interface StorageHarness {
  storage: Storage;
  /** Lets `ms` of time pass for the store (a fake clock, or real waiting). */
  elapse(ms: number): Promise<void>;
}

export interface StorageContract {
  create(options: { ttlMs: TtlPolicy }): Promise<StorageHarness>;
  /** A TTL short enough to wait out in a test and long enough to survive a slow machine. */
  shortTtlMs: number;
}

const DAY = 24 * 60 * 60 * 1000;

export function describeStorageContract(name: string, contract: StorageContract): void {
  describe(`${name}: bot-state storage contract`, () => {
    const open = () => contract.create({ ttlMs: DAY });

    it('reads nothing for keys never written', async () => {
      const { storage } = await open();
      expect(await storage.read(['never/written', 'nor/this'])).toEqual({});
      expect(await storage.read([])).toEqual({});
    });

    it('round-trips items with an eTag of the store’s making', async () => {
      const { storage } = await open();
      await storage.write({ 'conv/1': { turns: 3, dialogStack: [{ id: 'main' }] }, 'user/1': { language: 'es' } });
      const items = await storage.read(['conv/1', 'user/1', 'conv/missing']);
      expect(Object.keys(items).sort()).toEqual(['conv/1', 'user/1']);
      expect(items['conv/1']).toMatchObject({ turns: 3, dialogStack: [{ id: 'main' }] });
      expect(items['user/1']).toMatchObject({ language: 'es' });
      expect(typeof items['conv/1'].eTag).toBe('string');
      expect(items['conv/1'].eTag).not.toBe('*');
    });

    it('gives an item a new eTag on every write, even with the same content', async () => {
      const { storage } = await open();
      await storage.write({ k: { n: 1 } });
      const first = (await storage.read(['k']))['k'].eTag as string;
      await storage.write({ k: { n: 1, eTag: first } });
      const second = (await storage.read(['k']))['k'].eTag as string;
      expect(second).not.toBe(first);
    });

    it('accepts a write carrying the current eTag', async () => {
      const { storage } = await open();
      await storage.write({ k: { n: 1 } });
      const read = (await storage.read(['k']))['k'];
      await storage.write({ k: { ...read, n: 2 } });
      expect((await storage.read(['k']))['k']).toMatchObject({ n: 2 });
    });

    it('refuses a write with a stale eTag and changes nothing', async () => {
      const { storage } = await open();
      await storage.write({ k: { n: 1 } });
      const stale = (await storage.read(['k']))['k'];
      await storage.write({ k: { ...stale, n: 2 } });
      const current = (await storage.read(['k']))['k'];

      await expect(storage.write({ k: { ...stale, n: 99 } })).rejects.toBeInstanceOf(ETagConflictError);
      expect((await storage.read(['k']))['k']).toEqual(current);
    });

    it('refuses a whole batch when one item is stale', async () => {
      const { storage } = await open();
      await storage.write({ a: { n: 1 }, b: { n: 1 } });
      const before = await storage.read(['a', 'b']);
      await storage.write({ b: { n: 2 } });

      await expect(storage.write({ a: { ...before['a'], n: 5 }, b: { ...before['b'], n: 5 } })).rejects.toBeInstanceOf(ETagConflictError);
      expect(await storage.read(['a', 'b'])).toMatchObject({ a: { n: 1 }, b: { n: 2 } });
    });

    it('refuses a write with an eTag when the item is gone (deleted or expired since it was read)', async () => {
      const { storage } = await open();
      await storage.write({ k: { n: 1 } });
      const read = (await storage.read(['k']))['k'];
      await storage.delete(['k']);
      await expect(storage.write({ k: { ...read, n: 2 } })).rejects.toBeInstanceOf(ETagConflictError);
      expect(await storage.read(['k'])).toEqual({});
    });

    it('overwrites unconditionally with eTag "*" or no eTag (what BotState.saveChanges sends)', async () => {
      const { storage } = await open();
      await storage.write({ k: { n: 1 } });
      await storage.write({ k: { n: 2, eTag: '*' } });
      expect((await storage.read(['k']))['k']).toMatchObject({ n: 2 });
      await storage.write({ k: { n: 3 } });
      expect((await storage.read(['k']))['k']).toMatchObject({ n: 3 });
      await storage.write({ fresh: { n: 1, eTag: '*' } });
      expect((await storage.read(['fresh']))['fresh']).toMatchObject({ n: 1 });
    });

    it('hands out copies: changing what was read or written does not change what is stored', async () => {
      const { storage } = await open();
      const written = { list: [1] };
      await storage.write({ k: written });
      written.list.push(2);
      const read = (await storage.read(['k']))['k'];
      read.list.push(3);
      expect((await storage.read(['k']))['k'].list).toEqual([1]);
    });

    it('deletes items, and deleting a missing key is fine', async () => {
      const { storage } = await open();
      await storage.write({ a: { n: 1 }, b: { n: 2 } });
      await storage.delete(['a', 'missing']);
      expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
      await storage.delete([]);
    });

    it('forgets an item once its TTL has passed, and every write renews the TTL', async () => {
      const ttl = contract.shortTtlMs;
      const { storage, elapse } = await contract.create({ ttlMs: ttl });
      await storage.write({ k: { n: 1 } });
      expect(await storage.read(['k'])).toHaveProperty('k');
      await elapse(ttl * 0.6);
      await storage.write({ k: { n: 2 } });
      await elapse(ttl * 0.6);
      expect((await storage.read(['k']))['k']).toMatchObject({ n: 2 });
      await elapse(ttl * 0.6);
      expect(await storage.read(['k'])).toEqual({});
    });

    it('applies a TTL chosen per key, where 0 means never expire', async () => {
      const ttl = contract.shortTtlMs;
      const { storage, elapse } = await contract.create({ ttlMs: (key) => (key.startsWith('user/') ? 0 : ttl) });
      await storage.write({ 'user/1': { n: 1 }, 'conv/1': { n: 1 } });
      await elapse(ttl * 1.2);
      expect(Object.keys(await storage.read(['user/1', 'conv/1']))).toEqual(['user/1']);
    });

    it('lets exactly one of many concurrent writers holding the same eTag win', async () => {
      const { storage } = await open();
      await storage.write({ k: { winner: 'none' } });
      const base = (await storage.read(['k']))['k'];
      const writers = Array.from({ length: 12 }, (_, i) => storage.write({ k: { ...base, winner: `w${i}` } }));
      const results = await Promise.allSettled(writers);

      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [`w${i}`] : []));
      expect(won).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ETagConflictError);
      expect((await storage.read(['k']))['k']).toMatchObject({ winner: won[0] });
    });

    it('refuses items that are not objects', async () => {
      const { storage } = await open();
      await expect(storage.write({ k: 'text' })).rejects.toBeInstanceOf(TypeError);
      await expect(storage.write({ k: null })).rejects.toBeInstanceOf(TypeError);
    });
  });
}
