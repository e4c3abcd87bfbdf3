// What every conversation log must do, run against memory and Redis alike.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConversationFullError, UnknownConversationError, type ConversationLog } from './conversation-log.js';

export interface LogFixture {
  /** A fresh log holding at most `maxActivities` per conversation. */
  open(options: { maxActivities?: number }): Promise<ConversationLog>;
}

const id = () => randomBytes(16).toString('base64url');

export function conversationLogContract(name: string, fixture: LogFixture): void {
  describe(`${name} conversation log`, () => {
    it('keeps activities in order and reads them by watermark in pages', async () => {
      const log = await fixture.open({});
      const conversationId = id();
      await log.create({ conversationId, userId: 'dl_u', createdAt: 1 });
      expect(await log.get(conversationId)).toEqual({ conversationId, userId: 'dl_u', createdAt: 1 });
      for (const text of ['a', 'b', 'c']) await log.append(conversationId, { type: 'message', text });
      expect(await log.read(conversationId, 0, 2)).toEqual({ activities: [{ type: 'message', text: 'a' }, { type: 'message', text: 'b' }], watermark: 2 });
      expect(await log.read(conversationId, 2, 2)).toEqual({ activities: [{ type: 'message', text: 'c' }], watermark: 3 });
      expect(await log.read(conversationId, 3, 2)).toEqual({ activities: [], watermark: 3 });
      // A watermark from elsewhere is brought back to what this conversation has.
      expect(await log.read(conversationId, 99, 2)).toEqual({ activities: [], watermark: 3 });
      await log.close();
    });

    it('knows no conversation it did not create', async () => {
      const log = await fixture.open({});
      const conversationId = id();
      expect(await log.get(conversationId)).toBeUndefined();
      expect(await log.read(conversationId, 0, 10)).toBeUndefined();
      await expect(log.append(conversationId, { type: 'message', text: 'x' })).rejects.toBeInstanceOf(UnknownConversationError);
      await expect(log.markStarted(conversationId)).rejects.toBeInstanceOf(UnknownConversationError);
      await log.close();
    });

    it('says "started" once per conversation', async () => {
      const log = await fixture.open({});
      const conversationId = id();
      await log.create({ conversationId, userId: 'dl_u', createdAt: 1 });
      expect(await log.markStarted(conversationId)).toBe(true);
      expect(await log.markStarted(conversationId)).toBe(false);
      await log.close();
    });

    it('refuses activities past the limit of a conversation', async () => {
      const log = await fixture.open({ maxActivities: 2 });
      const conversationId = id();
      await log.create({ conversationId, userId: 'dl_u', createdAt: 1 });
      expect(await log.append(conversationId, { type: 'message', text: '1' })).toBe(1);
      expect(await log.append(conversationId, { type: 'message', text: '2' })).toBe(2);
      await expect(log.append(conversationId, { type: 'message', text: '3' })).rejects.toBeInstanceOf(ConversationFullError);
      await log.close();
    });

    it('tells subscribers of that conversation only, until they unsubscribe', async () => {
      const log = await fixture.open({});
      const mine = id();
      const other = id();
      await log.create({ conversationId: mine, userId: 'dl_u', createdAt: 1 });
      await log.create({ conversationId: other, userId: 'dl_v', createdAt: 1 });
      let calls = 0;
      const unsubscribe = log.subscribe(mine, () => (calls += 1));
      await log.append(other, { type: 'message', text: 'not mine' });
      await log.append(mine, { type: 'message', text: 'mine' });
      await waitUntil(() => calls === 1);
      unsubscribe();
      await log.append(mine, { type: 'message', text: 'after' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(calls).toBe(1);
      await log.close();
    });
  });
}

export async function waitUntil(probe: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
