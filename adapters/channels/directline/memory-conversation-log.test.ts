import { describe, expect, it } from 'vitest';
import { conversationLogContract } from './conversation-log.contract.js';
import { MemoryConversationLog } from './conversation-log.js';

conversationLogContract('memory', { open: async (options) => new MemoryConversationLog(options) });

describe('memory conversation log', () => {
  it('forgets a conversation a day after its last activity, and not before', async () => {
    let now = Date.parse('2026-03-02T15:00:00Z');
    const log = new MemoryConversationLog({ ttlMs: 24 * 60 * 60_000 }, () => now);
    await log.create({ conversationId: 'c-0123456789abcdef', userId: 'dl_u', createdAt: now });
    now += 23 * 60 * 60_000;
    await log.append('c-0123456789abcdef', { type: 'message', text: 'still here' });
    now += 23 * 60 * 60_000;
    expect(await log.get('c-0123456789abcdef')).toBeDefined();
    now += 60 * 60_000 + 1;
    expect(await log.get('c-0123456789abcdef')).toBeUndefined();
  });
});
