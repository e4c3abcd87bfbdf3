import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../../dialogs/ports.js';
import { MemoryIdempotencyStore } from '../../state/index.js';
import type { ChannelActivity, TurnRunner } from '../types.js';
import {
  TWILIO_ERRORS,
  inboundSms,
  postSignedWebhook,
  randomMessageSid,
  startFakeTwilio,
  type FakeTwilio,
} from '../../../tests/support/fake-twilio.js';
import { createSmsChannel, type SmsChannel, type SmsReplyFailure } from './channel.js';
import { smsConversationId } from './activity.js';

const OUR_NUMBER = '+16175550100';
const CONSUMER = '+16175550123';
const NOTICE = 'Reply STOP to opt out.';
const LONG_REPLY =
  'This is Northwind Recovery Services, a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose. ' +
  'Your balance is $1,204.17 as of March 3. You can pay in full, set up a payment plan, or dispute the debt. ' +
  'To talk to a person, call 1-800-555-0100, Monday to Friday, 8 a.m. to 8 p.m. Eastern.\n' +
  NOTICE;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}
function deferred(): Deferred {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

/** A TurnRunner that records what it is given and answers with scripted replies. */
class FakeRunner implements TurnRunner {
  readonly recorded: ChannelActivity[] = [];
  readonly turns: ChannelActivity[] = [];
  reply: (activity: ChannelActivity) => string[] = (activity) => [`You said: ${activity.text ?? ''}. ${NOTICE}`];
  gate: Promise<void> | undefined;
  failRecording = false;

  async recordInbound(activity: ChannelActivity): Promise<void> {
    if (this.failRecording) throw new Error('audit trail unavailable');
    this.recorded.push(activity);
  }

  async runTurn(activity: ChannelActivity): Promise<ChannelActivity[]> {
    this.turns.push(activity);
    if (this.gate) await this.gate;
    return this.reply(activity).map((text) => ({ type: 'message', text }));
  }
}

class MemoryAudit {
  readonly events: AuditEventInput[] = [];
  failing = false;
  async append(event: AuditEventInput) {
    if (this.failing) throw new Error('audit trail unavailable');
    this.events.push(event);
    return { ...event, id: String(this.events.length), seq: this.events.length, prevHash: '', hash: '' };
  }
}

class CapturingLogger {
  readonly lines: string[] = [];
  private write = (level: string) => (details: object, message: string) => {
    this.lines.push(`${level} ${message} ${JSON.stringify(details, (_key, value: unknown) => (value instanceof Error ? value.message : value))}`);
  };
  debug = this.write('debug');
  info = this.write('info');
  warn = this.write('warn');
  error = this.write('error');
}

describe('the SMS channel over real HTTP with a fake Twilio', () => {
  let twilioApi: FakeTwilio;
  let server: Server;
  let baseUrl: string;
  let runner: FakeRunner;
  let audit: MemoryAudit;
  let logger: CapturingLogger;
  let failures: SmsReplyFailure[];
  let sms: SmsChannel;
  // Twilio is configured with the public URL (behind a proxy); the server itself listens elsewhere.
  const publicUrl = 'https://parley.example.com';

  beforeAll(async () => {
    twilioApi = await startFakeTwilio();
  });

  afterAll(async () => {
    await twilioApi.close();
  });

  beforeEach(async () => {
    twilioApi.sent.length = 0;
    runner = new FakeRunner();
    audit = new MemoryAudit();
    logger = new CapturingLogger();
    failures = [];
    sms = createSmsChannel({
      runner,
      twilio: { accountSid: twilioApi.accountSid, authToken: twilioApi.authToken, fromNumber: OUR_NUMBER, apiBaseUrl: twilioApi.url },
      publicUrl,
      idempotency: new MemoryIdempotencyStore(),
      audit,
      logger,
      clock: () => new Date('2025-03-03T15:00:00Z'),
      onReplyFailed: (failure) => {
        failures.push(failure);
      },
    });
    const app = express();
    // As in the service's app: the body is parsed before the router sees it.
    app.use(express.json({ limit: 64 * 1024 }));
    app.use(express.urlencoded({ extended: false, limit: 64 * 1024 }));
    app.use(sms.router);
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await sms.idle();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const post = (params: Record<string, string>, options: { path?: string; signature?: string; signedUrl?: string } = {}) => {
    const path = options.path ?? '/api/sms';
    return postSignedWebhook(`${baseUrl}${path}`, params, {
      authToken: twilioApi.authToken,
      signedUrl: options.signedUrl ?? `${publicUrl}${path}`,
      ...(options.signature ? { signature: options.signature } : {}),
    });
  };
  const message = (body: string, messageSid?: string) =>
    inboundSms({ accountSid: twilioApi.accountSid, from: CONSUMER, to: OUR_NUMBER, body, ...(messageSid ? { messageSid } : {}) });

  it('records the inbound message, acknowledges with empty TwiML before the turn ends, then texts the reply through the REST API', async () => {
    const gate = deferred();
    runner.gate = gate.promise;
    const response = await post(message('what do I owe?'));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await response.text()).toMatch(/<Response><\/Response>$/);
    // Acknowledged while the turn is still running, and only after the message was recorded.
    expect(runner.recorded).toHaveLength(1);
    expect(twilioApi.sent).toHaveLength(0);

    const activity = runner.recorded[0];
    expect(activity).toMatchObject({
      type: 'message',
      channelId: 'sms',
      from: { id: CONSUMER },
      recipient: { id: OUR_NUMBER },
      conversation: { id: smsConversationId(OUR_NUMBER, CONSUMER) },
      text: 'what do I owe?',
    });
    expect(activity?.conversation?.id).not.toContain('6175550123');

    gate.resolve();
    await sms.idle();
    expect(twilioApi.sent).toEqual([
      expect.objectContaining({ to: CONSUMER, from: OUR_NUMBER, body: `You said: what do I owe?. ${NOTICE}`, statusCallback: `${publicUrl}/api/sms/status` }),
    ]);
    expect(twilioApi.unauthorized).toBe(0);
  });

  it('refuses a bad, missing or wrong-URL signature with 403 and records nothing', async () => {
    const bad = await post(message('hello'), { signature: 'bm90IGEgc2lnbmF0dXJl' });
    expect(bad.status).toBe(403);
    expect(((await bad.json()) as { error: string }).error).toContain('X-Twilio-Signature does not match');

    const missing = await fetch(`${baseUrl}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(message('hello')).toString(),
    });
    expect(missing.status).toBe(403);

    // Signed for the internal URL, not the public one Twilio is configured with.
    const wrongUrl = await post(message('hello'), { signedUrl: `${baseUrl}/api/sms` });
    expect(wrongUrl.status).toBe(403);

    // A field changed after signing.
    const params = message('hello');
    const tampered = await postSignedWebhook(`${baseUrl}/api/sms`, params, {
      authToken: twilioApi.authToken,
      signedUrl: `${publicUrl}/api/sms`,
      body: new URLSearchParams({ ...params, Body: 'STOP' }).toString(),
    });
    expect(tampered.status).toBe(403);

    await sms.idle();
    expect(runner.recorded).toHaveLength(0);
    expect(runner.turns).toHaveLength(0);
    expect(twilioApi.sent).toHaveLength(0);
  });

  it('processes a replayed MessageSid once and acknowledges the replay with empty TwiML', async () => {
    const params = message('I want a payment plan');
    const first = await post(params);
    const replay = await post(params);
    expect(first.status).toBe(200);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toMatch(/<Response><\/Response>$/);
    await sms.idle();
    expect(runner.recorded).toHaveLength(1);
    expect(runner.turns).toHaveLength(1);
    expect(twilioApi.sent).toHaveLength(1);
  });

  it('sends a reply that needs several segments as several messages, in order, the opt-out notice whole in the last', async () => {
    runner.reply = () => [LONG_REPLY];
    await post(message('balance'));
    await sms.idle();

    const bodies = twilioApi.sent.map((sent) => sent.body);
    expect(bodies.length).toBeGreaterThan(1);
    bodies.forEach((body, index) => {
      expect(body.startsWith(`${index + 1}/${bodies.length} `)).toBe(true);
      expect(body.length).toBeLessThanOrEqual(160);
    });
    expect(bodies.at(-1)?.endsWith(NOTICE)).toBe(true);
    const readBack = bodies.map((body) => body.replace(/^\d+\/\d+ /, '')).join(' ');
    expect(readBack.split(/\s+/)).toEqual(LONG_REPLY.split(/\s+/));
  });

  it('keeps the replies of two texts sent together in the order they arrived', async () => {
    const gate = deferred();
    runner.gate = gate.promise;
    await post(message('first'));
    runner.gate = undefined;
    await post(message('second'));
    gate.resolve();
    await sms.idle();
    expect(twilioApi.sent.map((sent) => sent.body)).toEqual([`You said: first. ${NOTICE}`, `You said: second. ${NOTICE}`]);
  });

  it('records delivery status callbacks in the audit trail without message text, once per status', async () => {
    const sid = randomMessageSid();
    const callback = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003', AccountSid: twilioApi.accountSid, From: OUR_NUMBER, To: CONSUMER };
    const response = await post(callback, { path: '/api/sms/status' });
    expect(response.status).toBe(204);
    expect((await post(callback, { path: '/api/sms/status' })).status).toBe(204);
    expect((await post({ ...callback, ErrorCode: '' }, { path: '/api/sms/status', signature: 'forged' })).status).toBe(403);

    expect(audit.events).toEqual([
      {
        chainId: `conv:sms:${smsConversationId(OUR_NUMBER, CONSUMER)}`,
        kind: 'delivery-status',
        conversationId: smsConversationId(OUR_NUMBER, CONSUMER),
        channel: 'sms',
        payload: { messageSid: sid, status: 'undelivered', errorCode: 30003 },
        at: new Date('2025-03-03T15:00:00Z'),
      },
    ]);
  });

  it('surfaces 21610 (the number replied STOP to Twilio) as an opt-out, audits it and stops sending', async () => {
    twilioApi.failNext(TWILIO_ERRORS.unsubscribed);
    const result = await sms.sendText(CONSUMER, LONG_REPLY, { accountId: 'acc-1' });
    expect(result).toEqual({ status: 'opted-out', code: 21610, messageSids: [], parts: expect.any(Number) as number });
    expect(twilioApi.sent).toHaveLength(0);
    expect(audit.events).toEqual([
      expect.objectContaining({ kind: 'delivery-status', accountId: 'acc-1', payload: expect.objectContaining({ status: 'refused-unsubscribed', errorCode: 21610, partsSent: 0 }) }),
    ]);

    // The same on a reply to an inbound turn: the bot is told, so it can record the opt-out.
    twilioApi.failNext(TWILIO_ERRORS.unsubscribed);
    await post(message('hello'));
    await sms.idle();
    expect(failures).toEqual([{ to: CONSUMER, conversationId: smsConversationId(OUR_NUMBER, CONSUMER), result: expect.objectContaining({ status: 'opted-out' }) as unknown }]);
  });

  it('stops at a Twilio 5xx after the parts already sent, reports which were sent, audits it and logs no phone number', async () => {
    twilioApi.failWhen((sent) => sent.body.startsWith('2/'), TWILIO_ERRORS.serverError);
    try {
      const result = await sms.sendText(CONSUMER, LONG_REPLY);
      expect(result).toMatchObject({ status: 'failed', httpStatus: 500, code: 20500 });
      expect(result.messageSids).toEqual([twilioApi.sent[0]?.sid]);
      expect(result.parts).toBeGreaterThan(2);
      // Part 3 would read out of context without part 2: nothing after the failure is sent.
      expect(twilioApi.sent.map((sent) => sent.body.slice(0, 4))).toEqual([`1/${result.parts} `]);
    } finally {
      twilioApi.clearFailures();
    }

    const logged = logger.lines.join('\n');
    expect(logged).toContain('sms send failed');
    expect(logged).not.toContain('6175550123');
    expect(audit.events.at(-1)).toMatchObject({ kind: 'delivery-status', payload: { status: 'send-failed', httpStatus: 500, partsSent: 1 } });
    expect(JSON.stringify(audit.events)).not.toContain('Northwind');
  });

  it('refuses bodies that are not Twilio forms: JSON 400, missing fields 400, oversized 413', async () => {
    const asJson = await fetch(`${baseUrl}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': 'x' },
      body: JSON.stringify(message('hi')),
    });
    expect(asJson.status).toBe(400);
    expect(((await asJson.json()) as { error: string }).error).toContain('form-encoded');

    const { MessageSid: _sid, ...withoutSid } = message('hi');
    const missing = await post(withoutSid);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { problems: string[] }).problems.join(' ')).toContain('MessageSid');

    // The router's own limit applies when it is mounted without an app-level parser.
    const bare = express();
    bare.use(sms.router);
    const bareServer = await new Promise<Server>((resolve) => {
      const listening = bare.listen(0, '127.0.0.1', () => resolve(listening));
    });
    try {
      const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/api/sms`;
      const huge = await postSignedWebhook(bareUrl, message('x'.repeat(20 * 1024)), { authToken: twilioApi.authToken, signedUrl: `${publicUrl}/api/sms` });
      expect(huge.status).toBe(413);
      const ok = await postSignedWebhook(bareUrl, message('works without the app parser too'), { authToken: twilioApi.authToken, signedUrl: `${publicUrl}/api/sms` });
      expect(ok.status).toBe(200);
    } finally {
      await new Promise<void>((resolve) => bareServer.close(() => resolve()));
    }
    await sms.idle();
    expect(runner.recorded.map((activity) => activity.text)).toEqual(['works without the app parser too']);
  });

  it('does not acknowledge a message it could not record, and processes Twilio’s retry of it', async () => {
    runner.failRecording = true;
    const params = message('STOP');
    const refused = await post(params);
    expect(refused.status).toBe(503);
    expect(runner.turns).toHaveLength(0);

    runner.failRecording = false;
    const retried = await post(params);
    expect(retried.status).toBe(200);
    await sms.idle();
    expect(runner.turns.map((activity) => activity.text)).toEqual(['STOP']);
  });
});
