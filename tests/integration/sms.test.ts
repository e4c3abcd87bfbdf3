import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsoleUsers, segmentCount, smsConversationId } from '../../adapters/index.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { inboundSms, postSignedWebhook, randomMessageSid, startFakeTwilio, type FakeTwilio } from '../support/fake-twilio.js';

// Alex Sample, DEMO-MA-001 in the demo portfolio: verified by date of birth and the last four of the SSN.
const ALEX = '+16175550123';
const PARLEY_NUMBER = '+16175550100';

describe('SMS through Twilio, end to end', () => {
  let twilio: FakeTwilio;
  let parley: RunningParley;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-sms-'));
  const now = new Date('2026-11-24T16:00:00Z');

  async function text(body: string, messageSid = randomMessageSid()): Promise<string[]> {
    const before = twilio.sent.length;
    const response = await postSignedWebhook(`${parley.url}/api/sms`, inboundSms({ accountSid: twilio.accountSid, from: ALEX, to: PARLEY_NUMBER, body, messageSid }), {
      authToken: twilio.authToken,
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Response');
    await parley.idle();
    return twilio.sent.slice(before).map((message) => message.body);
  }

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    const config = loadConfig({
      PARLEY_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      PARLEY_LLM: 'off',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM_NUMBER: PARLEY_NUMBER,
      TWILIO_API_BASE_URL: twilio.url,
    });
    parley = await startParley(config, { logger: createLogger('silent'), clock: () => now });
  });

  afterAll(async () => {
    await parley?.shutdown();
    await twilio?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a webhook with a bad signature, and records nothing', async () => {
    const response = await postSignedWebhook(`${parley.url}/api/sms`, inboundSms({ accountSid: twilio.accountSid, from: ALEX, to: PARLEY_NUMBER, body: 'hi' }), {
      authToken: twilio.authToken,
      signature: 'bm90IGEgc2lnbmF0dXJl',
    });
    expect(response.status).toBe(403);
    await parley.idle();
    expect(twilio.sent).toHaveLength(0);
  });

  it('answers a first text without revealing anything, with the opt-out notice on every text', async () => {
    const replies = await text('Hi');
    expect(replies.length).toBeGreaterThan(0);
    for (const reply of replies) {
      expect(reply).toMatch(/STOP/);
      expect(reply).not.toMatch(/debt|balance|\$|Example Card/i);
    }
  });

  it('processes a replayed MessageSid once', async () => {
    const sid = randomMessageSid();
    const first = await text('April 12 1985', sid);
    const replay = await text('April 12 1985', sid);
    expect(first.length).toBeGreaterThan(0);
    expect(replay).toEqual([]);
  });

  it('verifies, then sends the itemization as one multi-segment text that keeps its opt-out notice', async () => {
    const verified = await text('last four 1234');
    expect(verified.join('\n')).toMatch(/verified/i);
    const replies = await text('can you show me the breakdown of what I owe?');
    const itemization = replies.find((reply) => reply.includes('Current balance'));
    expect(itemization).toContain('$1,402.25');
    expect(segmentCount(itemization!)).toBeGreaterThan(1);
    expect(itemization).toMatch(/STOP/);
  });

  it('STOP mid-conversation: one confirmation, then no more texts; HELP still answered; START opts back in', async () => {
    const stopped = await text('STOP');
    expect(stopped).toHaveLength(1);
    expect(stopped[0]).toMatch(/won't|will not|no more|unsubscribed|opted out/i);
    const flags = await parley.records.flags.get('DEMO-MA-001');
    expect(flags.optOuts.map((optOut) => optOut.medium)).toContain('sms');

    expect(await text('what do I owe?')).toEqual([]);

    const help = await text('help');
    expect(help).toHaveLength(1);
    expect(help[0]).toMatch(/1-800-555-0100/);

    const started = await text('START');
    expect(started).toHaveLength(1);
    expect((await parley.records.flags.get('DEMO-MA-001')).optOuts.some((optOut) => optOut.medium === 'sms')).toBe(false);
    expect((await text('what do I owe?')).join('\n')).toContain('$1,402.25');
  });

  it('lists the conversation of a number with no account on file when an officer searches by that phone', async () => {
    const stranger = '+16175550999';
    const response = await postSignedWebhook(`${parley.url}/api/sms`, inboundSms({ accountSid: twilio.accountSid, from: stranger, to: PARLEY_NUMBER, body: 'who is this?' }), {
      authToken: twilio.authToken,
    });
    expect(response.status).toBe(200);
    await parley.idle();
    const { token } = await createConsoleUsers(parley.records.sql).add({ name: 'Olive Officer', role: 'officer', at: now });
    const session = await fetch(`${parley.url}/api/audit/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    expect(session.status).toBe(200);
    const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const found = await fetch(`${parley.url}/api/audit/conversations?phone=${encodeURIComponent(stranger)}`, { headers: { cookie } });
    expect(found.status).toBe(200);
    const body = (await found.json()) as { items: Array<{ key: string; channel: string }> };
    expect(body.items.map((item) => item.key)).toEqual([`conv:sms:${smsConversationId(PARLEY_NUMBER, stranger)}`]);
  });
});
