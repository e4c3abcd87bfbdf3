// Why turns are serialized: BotState.saveChanges writes with eTag "*", so two overlapping turns of one
// conversation lose one's state change. Through the turn lock, neither is lost (memory and Redis).
import { ConversationState, TestAdapter, TurnContext, type Storage } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedRedis, uniqueKeyPrefix } from '../../tests/support/redis.js';
import { openStateStores, type StateStores } from './index.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function countMessage(state: ConversationState, conversationId: string): Promise<void> {
  const context = new TurnContext(new TestAdapter(), {
    type: 'message',
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'consumer', name: '' },
    recipient: { id: 'parley', name: '' },
    text: 'hello',
  });
  const counter = state.createProperty<number>('messages');
  const seen = await counter.get(context, 0);
  await sleep(20); // the dialog thinking, during which the other message arrives
  await counter.set(context, seen + 1);
  await state.saveChanges(context);
}

async function storedCount(storage: Storage, conversationId: string): Promise<unknown> {
  // ConversationState's key: channel/conversations/id/namespace (the namespace is empty here).
  const key = `test/conversations/${conversationId}/`;
  const items = await storage.read([key]);
  return items[key]?.messages;
}

const backends: [string, () => Promise<StateStores>][] = [
  ['memory', () => openStateStores()],
  ['redis', async () => openStateStores({ redisUrl: await requireSharedRedis(), keyPrefix: uniqueKeyPrefix('bot-state'), stateTtlMs: 60_000 })],
];

describe.each(backends)('%s: two messages of one conversation at once', (_name, open) => {
  let stores: StateStores;
  beforeAll(async () => {
    stores = await open();
  });
  afterAll(async () => {
    await stores?.close();
  });

  it('lose a state change when turns overlap (the hazard)', async () => {
    const state = new ConversationState(stores.storage);
    const id = randomUUID();
    await Promise.all([countMessage(state, id), countMessage(state, id)]);
    expect(await storedCount(stores.storage, id)).toBe(1);
  });

  it('keep both state changes when each turn runs through the turn lock', async () => {
    const state = new ConversationState(stores.storage);
    const id = randomUUID();
    await Promise.all([0, 1, 2].map(() => stores.turnLock.runExclusive(id, () => countMessage(state, id))));
    expect(await storedCount(stores.storage, id)).toBe(3);
  });
});
