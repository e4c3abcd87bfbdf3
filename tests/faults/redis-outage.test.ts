// Redis (conversation state, turn locks, Direct Line logs) taken away mid-conversation, then back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, startFaultRig, uniqueConversation, type FaultRig } from './rig.js';

describe('Redis gone mid-conversation, then back', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('redis');
  });
  afterAll(async () => {
    await rig?.redisProxy.restore();
    await rig?.close();
  });

  it('SMS: a dispute and a STOP are made durable in PostgreSQL and acknowledged; nothing unrecorded leaves; the turns are answered once Redis is back', async () => {
    expect(await rig.sms('Hi')).toBe(200);
    await rig.smsSettled();
    await rig.redisProxy.cut();
    const sentBefore = rig.twilio.sent.length;

    expect(await rig.sms('this is not my debt, I never had a card with them')).toBe(200);
    expect(await rig.sms('STOP')).toBe(200);
    // Acted on before any answer: the flags are in PostgreSQL while Redis is still away.
    const flags = await rig.records.flags.get(ALEX.accountId);
    expect(flags.dispute).toMatchObject({ scope: 'all' });
    expect(flags.optOuts.map((optOut) => optOut.medium)).toContain('sms');
    const intake = (await rig.chain(rig.smsChain)).filter((event) => event.kind === 'flag-change' && event.payload.stage === 'intake');
    expect(intake.map((event) => event.payload.intent).sort()).toEqual(['channel_opt_out', 'dispute']);
    // Each names what recognized it: the phrase files' versions and the model's.
    for (const event of intake) expect(event.payload.classifier).toMatch(/^phrases en@\d+\.\d+\.\d+ es@\d+\.\d+\.\d+; model \d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    expect(rig.twilio.sent.length).toBe(sentBefore);

    await rig.redisProxy.restore();
    // Answered late, through the recorded path: the dispute's reply, then the one STOP confirmation.
    await rig.until(async () => rig.twilio.sent.some((message) => /unsubscribed/.test(message.body)), 20_000);
    expect(rig.twilio.sent.filter((message) => /unsubscribed/.test(message.body))).toHaveLength(1);
    const flagWrites = (await rig.chain(rig.smsChain)).filter((event) => event.kind === 'flag-change');
    // Each right written once: the turn did not write again what the intake wrote.
    expect(flagWrites.filter((event) => event.payload.intent === 'dispute')).toHaveLength(1);
    expect(flagWrites.filter((event) => event.payload.intent === 'channel_opt_out')).toHaveLength(1);
    await rig.assertNothingLostOrUnrecorded();
  });

  it('/api/messages: refused with 503 and nothing sent while Redis is down; answered when it is back', async () => {
    const conversation = uniqueConversation('redis-api');
    await rig.redisProxy.cut();
    const refused = await rig.api(conversation, 'I want to talk to a person');
    expect(refused.status).toBe(503);
    expect(refused.replies).toEqual([]);
    const chain = await rig.chain(`conv:test:${conversation}`);
    expect(chain.filter((event) => event.kind === 'outbound')).toEqual([]);
    await rig.redisProxy.restore();
    await rig.until(async () => (await rig.api(conversation, 'I want to talk to a person')).status === 200);
    expect((await rig.chain(`conv:test:${conversation}`)).some((event) => event.kind === 'outbound')).toBe(true);
    expect(await rig.records.audit.verify()).toMatchObject({ ok: true });
  });

  it('web chat: a message is refused with 503 while Redis is down, and accepted and answered once it is back', async () => {
    const chat = await rig.openWebChat();
    await rig.redisProxy.cut();
    expect(await rig.postWebChat(chat, 'what is this about?')).toBe(503);
    await rig.redisProxy.restore();
    await rig.until(async () => (await rig.postWebChat(chat, 'what is this about?')) === 200);
    await rig.until(async () => (await rig.webChatReplies(chat)).length > 0);
    const chain = await rig.chain(`conv:webchat:${chat.conversationId}`);
    const inbound = chain.filter((event) => event.kind === 'inbound');
    expect(inbound.length).toBeGreaterThanOrEqual(1);
    expect(chain.some((event) => event.kind === 'outbound')).toBe(true);
    expect(await rig.records.audit.verify()).toMatchObject({ ok: true });
  });

  it('the console: sign-in answers 503 with a reason, not 500, while Redis is down', async () => {
    await rig.redisProxy.cut();
    try {
      const response = await fetch(`${rig.parley.url}/api/audit/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token: 'pct_not-a-real-token' }),
      });
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: string }).error).toMatch(/try again/);
    } finally {
      await rig.redisProxy.restore();
    }
  });
});
