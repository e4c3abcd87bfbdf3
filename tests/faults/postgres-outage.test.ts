// PostgreSQL (accounts, flags, the audit trail) taken away mid-conversation, then back: what cannot be
// recorded is not acknowledged and nothing is sent; once it is back, the retried message is acted on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomMessageSid } from '../support/fake-twilio.js';
import { ALEX, startFaultRig, uniqueConversation, type FaultRig } from './rig.js';

describe('PostgreSQL gone mid-conversation, then back', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('postgres');
  });
  afterAll(async () => {
    await rig?.postgresProxy.restore();
    await rig?.close();
  });

  it('SMS: a dispute is answered 503 (so Twilio retries) and nothing is sent; the retry is recorded and acted on', async () => {
    expect(await rig.sms('Hi')).toBe(200);
    await rig.smsSettled();
    const sentBefore = rig.twilio.sent.length;
    const eventsBefore = (await rig.chain(rig.smsChain)).length;
    await rig.postgresProxy.cut();

    const sid = randomMessageSid();
    expect(await rig.sms('I dispute this debt, the amount is wrong', sid)).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(rig.twilio.sent.length).toBe(sentBefore);

    await rig.postgresProxy.restore();
    expect((await rig.chain(rig.smsChain)).length).toBe(eventsBefore);
    // Twilio's retry of the same message: claimed afresh (the failed attempt gave its claim back).
    await rig.until(async () => (await rig.sms('I dispute this debt, the amount is wrong', sid)) === 200);
    expect((await rig.records.flags.get(ALEX.accountId)).dispute).toBeDefined();
    await rig.until(async () => rig.twilio.sent.length > sentBefore);
    const inbound = (await rig.chain(rig.smsChain)).filter((event) => event.kind === 'inbound' && /dispute/.test(String(event.payload.text)));
    expect(inbound).toHaveLength(1);
    await rig.assertNothingLostOrUnrecorded();
  });

  it('/api/messages: refused with 503 and nothing sent while PostgreSQL is down; answered when it is back', async () => {
    const conversation = uniqueConversation('pg-api');
    await rig.postgresProxy.cut();
    const refused = await rig.api(conversation, 'I have a lawyer for this');
    expect(refused.status).toBe(503);
    expect(refused.replies).toEqual([]);
    await rig.postgresProxy.restore();
    expect(await rig.chain(`conv:test:${conversation}`)).toEqual([]);
    await rig.until(async () => (await rig.api(conversation, 'I have a lawyer for this')).status === 200);
    const chain = await rig.chain(`conv:test:${conversation}`);
    expect(chain.filter((event) => event.kind === 'inbound')).toHaveLength(1);
    expect(chain.some((event) => event.kind === 'outbound')).toBe(true);
    expect(await rig.records.audit.verify()).toMatchObject({ ok: true });
  });

  it('web chat: a message is refused with 503 while PostgreSQL is down, and accepted and answered once it is back', async () => {
    const chat = await rig.openWebChat();
    await rig.postgresProxy.cut();
    expect(await rig.postWebChat(chat, 'who is this?')).toBe(503);
    await rig.postgresProxy.restore();
    await rig.until(async () => (await rig.postWebChat(chat, 'who is this?')) === 200);
    await rig.until(async () => (await rig.webChatReplies(chat)).length > 0);
    const chain = await rig.chain(`conv:webchat:${chat.conversationId}`);
    expect(chain.filter((event) => event.kind === 'inbound')).toHaveLength(1);
    expect(await rig.records.audit.verify()).toMatchObject({ ok: true });
  });

});
