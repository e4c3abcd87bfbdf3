// The fault rig: the real service in a child process, in front of it real PostgreSQL and Redis each behind
// a TCP proxy the test cuts and restores, a local Twilio, and the three ways a consumer's message comes
// in (web chat over Direct Line, SMS over a signed webhook, Bot Framework activities on /api/messages).
// Every assertion reads the stores themselves, through a direct connection the faults never touch.
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { openRecordsStore, smsConversationId, type SqlRecordsStore } from '../../adapters/index.js';
import type { AuditEvent } from '../../dialogs/index.js';
import { sendMessage } from '../support/bot-client.js';
import { TEST_SECRET, postJson } from '../support/directline.js';
import { inboundSms, postSignedWebhook, randomMessageSid, startFakeTwilio, type FakeTwilio } from '../support/fake-twilio.js';
import { startParleyChild, type ParleyChild } from '../support/parley-child.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { sharedRedisUrl } from '../support/redis.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

/** Alex Sample, DEMO-MA-001 in the demo portfolio. */
export const ALEX = { accountId: 'DEMO-MA-001', phone: '+16175550123' };

export interface WebChat {
  conversationId: string;
  token: string;
}

export interface FaultRig {
  records: SqlRecordsStore;
  redisProxy: TcpProxy;
  postgresProxy: TcpProxy;
  twilio: FakeTwilio;
  parley: ParleyChild;
  /** Our Twilio number: one per rig, so parallel rigs never share an SMS conversation in Redis. */
  ourNumber: string;
  smsChain: string;
  start(): Promise<void>;
  sms(body: string, messageSid?: string): Promise<number>;
  openWebChat(): Promise<WebChat>;
  postWebChat(chat: WebChat, text: string): Promise<number>;
  webChatReplies(chat: WebChat): Promise<string[]>;
  api(conversationId: string, text: string): Promise<{ status: number; replies: string[] }>;
  chain(chainId: string): Promise<AuditEvent[]>;
  /** Waits until every outbound recorded on the SMS conversation has reached Twilio (no turn still sending). */
  smsSettled(): Promise<void>;
  /** Runs `probe` until it returns true or `timeoutMs` passes. */
  until(probe: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  assertNothingLostOrUnrecorded(): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultRig(label: string): Promise<FaultRig> {
  const database: TestDatabase = await createTestDatabase(`faults-${label}`);
  const postgres = new URL(database.url);
  const redis = new URL(sharedRedisUrl);
  const postgresProxy = await startTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) });
  const redisProxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
  const twilio = await startFakeTwilio();
  const ourNumber = `+1617555${String(1000 + Math.floor(Math.random() * 8999))}`;
  const proxiedDatabase = new URL(database.url);
  proxiedDatabase.port = String(postgresProxy.port);
  const env: NodeJS.ProcessEnv = {
    DATABASE_URL: proxiedDatabase.toString(),
    REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
    PARLEY_DEMO: 'true',
    PARLEY_OUTBOUND: 'off',
    PARLEY_DIRECTLINE_SECRET: TEST_SECRET,
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: ourNumber,
    TWILIO_API_BASE_URL: twilio.url,
  };
  let parley = await startParleyChild(env);
  const records = await openRecordsStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
  const rig: FaultRig = {
    records,
    redisProxy,
    postgresProxy,
    twilio,
    get parley() {
      return parley;
    },
    ourNumber,
    smsChain: `conv:sms:${smsConversationId(ourNumber, ALEX.phone)}`,
    async start() {
      parley = await startParleyChild(env);
    },
    async sms(body, messageSid = randomMessageSid()) {
      const response = await postSignedWebhook(`${parley.url}/api/sms`, inboundSms({ accountSid: twilio.accountSid, from: ALEX.phone, to: ourNumber, body, messageSid }), {
        authToken: twilio.authToken,
      });
      await response.arrayBuffer();
      return response.status;
    },
    async openWebChat() {
      const response = await postJson(`${parley.url}/webchat/token`, {});
      expect(response.status).toBe(200);
      const body = response.body as { conversationId: string; token: string };
      return { conversationId: body.conversationId, token: body.token };
    },
    async postWebChat(chat, text) {
      const response = await postJson(
        `${parley.url}/v3/directline/conversations/${chat.conversationId}/activities`,
        { type: 'message', from: { id: 'consumer' }, text },
        { authorization: `Bearer ${chat.token}` },
      );
      return response.status;
    },
    async webChatReplies(chat) {
      const response = await fetch(`${parley.url}/v3/directline/conversations/${chat.conversationId}/activities`, {
        headers: { authorization: `Bearer ${chat.token}` },
      });
      if (response.status !== 200) return [];
      const body = (await response.json()) as { activities: Array<{ type: string; text?: string; from: { role?: string } }> };
      return body.activities.filter((activity) => activity.type === 'message' && activity.from.role === 'bot').map((activity) => activity.text ?? '');
    },
    async api(conversationId, text) {
      const result = await sendMessage(parley.url, { conversationId, text, channelId: 'test' });
      return { status: result.status, replies: result.replies.map((reply) => reply.text ?? '') };
    },
    chain: (chainId) => records.audit.listChain(chainId),
    async smsSettled() {
      await rig.until(async () => {
        const recorded = (await records.audit.listChain(rig.smsChain)).filter((event) => event.kind === 'outbound').length;
        return recorded > 0 && twilio.sent.length >= recorded;
      });
    },
    async until(probe, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async assertNothingLostOrUnrecorded() {
      // Every text Twilio was asked to send is a recorded outbound of that conversation, at most as often as recorded.
      // (A long reply may leave in parts: each part is a piece of one recorded text.)
      const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
      const recorded = (await records.audit.listChain(rig.smsChain)).filter((event) => event.kind === 'outbound').map((event) => squash(String(event.payload.text)));
      const sentCount = new Map<string, number>();
      for (const message of twilio.sent) sentCount.set(squash(message.body), (sentCount.get(squash(message.body)) ?? 0) + 1);
      for (const [body, count] of sentCount) {
        const holding = recorded.filter((text) => text.includes(body)).length;
        expect(holding, `sent ${count} time(s) but recorded ${holding} time(s): ${body}`).toBeGreaterThanOrEqual(count);
      }
      expect(await records.audit.verify()).toMatchObject({ ok: true });
    },
    async close() {
      await parley.kill();
      await records.close();
      await Promise.all([postgresProxy.close(), redisProxy.close(), twilio.close()]);
      await database.drop();
    },
  };
  return rig;
}

export function uniqueConversation(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}-${randomBytes(3).toString('hex')}`;
}
