// SIGKILL of the service in the middle of a burst on every channel, then a restart: every acknowledged
// message is in the audit trail, every right in an acknowledged SMS is in the flags, nothing left that was
// not recorded, the chains verify, and the conversations cut off mid-turn are answered at once afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALEX, startFaultRig, uniqueConversation, type FaultRig, type WebChat } from './rig.js';

describe('the service killed with SIGKILL under load, then restarted', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startFaultRig('sigkill');
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('loses nothing acknowledged, sends nothing unrecorded, and blocks no conversation afterwards', async () => {
    const apiConversations = Array.from({ length: 6 }, () => uniqueConversation('kill-api'));
    const chats: WebChat[] = [];
    for (let index = 0; index < 3; index += 1) chats.push(await rig.openWebChat());
    const acknowledged: Array<{ chainId: string; text: string }> = [];
    let stopAcknowledged = false;
    let killed = false;
    const killAfter = 15;
    const note = (chainId: string, text: string, ok: boolean) => {
      if (ok) acknowledged.push({ chainId, text });
      if (acknowledged.length >= killAfter && !killed) {
        killed = true;
        void rig.parley.kill();
      }
    };
    const burst: Array<Promise<void>> = [];
    for (let index = 0; index < 36; index += 1) {
      const text = `burst message ${index}`;
      const channel = index % 3;
      if (channel === 0) {
        const conversation = apiConversations[index % apiConversations.length]!;
        burst.push(rig.api(conversation, text).then((result) => note(`conv:test:${conversation}`, text, result.status === 200), () => undefined));
      } else if (channel === 1) {
        const chat = chats[index % chats.length]!;
        burst.push(rig.postWebChat(chat, text).then((status) => note(`conv:webchat:${chat.conversationId}`, text, status === 200), () => undefined));
      } else {
        const sms = index === 20 ? 'STOP' : text;
        burst.push(
          rig.sms(sms).then(
            (status) => {
              if (sms === 'STOP' && status === 200) stopAcknowledged = true;
              note(rig.smsChain, sms, status === 200);
            },
            () => undefined,
          ),
        );
      }
    }
    await Promise.all(burst);
    if (!killed) await rig.parley.kill();
    await rig.parley.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(killAfter);

    // Every acknowledged message is in its conversation's chain; an acknowledged STOP is in the flags.
    for (const { chainId, text } of acknowledged) {
      const inbound = (await rig.chain(chainId)).filter((event) => event.kind === 'inbound').map((event) => String(event.payload.text));
      expect(inbound, `${text} in ${chainId}`).toContain(text);
    }
    if (stopAcknowledged) expect((await rig.records.flags.get(ALEX.accountId)).optOuts.map((optOut) => optOut.medium)).toContain('sms');
    await rig.assertNothingLostOrUnrecorded();

    // Restarted: conversations whose turn the kill cut off (their locks left behind) answer at once.
    await rig.start();
    for (const conversation of apiConversations) {
      const started = Date.now();
      const result = await rig.api(conversation, 'are you there?');
      expect(result.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(6_000);
    }
    for (const chat of chats) {
      const before = (await rig.webChatReplies(chat)).length;
      expect(await rig.postWebChat(chat, 'still there?')).toBe(200);
      await rig.until(async () => (await rig.webChatReplies(chat)).length > before, 8_000);
    }
    await rig.assertNothingLostOrUnrecorded();
  });
});
