// A turn lock left in Redis by an instance that died mid-turn (30 s to live, as a crash leaves it): the next
// message is processed at once, not refused after the wait, and the rights in it take effect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeRedis, connectRedis, type RedisConnection } from '../../adapters/index.js';
import { sharedRedisUrl } from '../support/redis.js';
import { ALEX, startFaultRig, uniqueConversation, type FaultRig } from './rig.js';

describe('a turn lock whose holder died', () => {
  let rig: FaultRig;
  let redis: RedisConnection;
  const orphan = (chainId: string) => redis.set(`parley:lock:turn:${chainId}`, 'dead-instance/its-turn', { expiration: { type: 'PX', value: 30_000 } });

  beforeAll(async () => {
    rig = await startFaultRig('lock');
    redis = await connectRedis({ url: sharedRedisUrl });
  });
  afterAll(async () => {
    await closeRedis(redis);
    await rig?.close();
  });

  it('/api/messages: "I dispute this debt" is processed within seconds, recorded and answered', async () => {
    const conversation = uniqueConversation('orphan-api');
    await orphan(`conv:test:${conversation}`);
    const started = Date.now();
    const result = await rig.api(conversation, 'I dispute this debt');
    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.replies.length).toBeGreaterThan(0);
    expect(result.replies.join(' ')).not.toMatch(/Sorry, I can't help/);
    const chain = await rig.chain(`conv:test:${conversation}`);
    expect(chain.map((event) => event.kind)).toEqual(expect.arrayContaining(['inbound', 'outbound']));
  });

  it('SMS: a STOP is recorded, the opt-out stored and confirmed once, in spite of the lock', async () => {
    await orphan(rig.smsChain);
    expect(await rig.sms('STOP')).toBe(200);
    expect((await rig.records.flags.get(ALEX.accountId)).optOuts.map((optOut) => optOut.medium)).toContain('sms');
    await rig.until(async () => rig.twilio.sent.some((message) => /unsubscribed/.test(message.body)), 5_000);
    await rig.assertNothingLostOrUnrecorded();
  });

  it('web chat: the message is answered within seconds', async () => {
    const chat = await rig.openWebChat();
    await orphan(`conv:webchat:${chat.conversationId}`);
    expect(await rig.postWebChat(chat, 'hello, what is this about')).toBe(200);
    await rig.until(async () => (await rig.webChatReplies(chat)).length > 0, 5_000);
    expect(await redis.exists(`parley:lock:turn:conv:webchat:${chat.conversationId}`)).toBe(0);
  });
});
