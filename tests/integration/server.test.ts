import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startParley, type RunningParley } from '../../bot/server/serve.js';
import { openRecordsStore } from '../../adapters/index.js';
import { sendMessage } from '../support/bot-client.js';

describe('the service on the embedded defaults', () => {
  let dataDir: string;
  let parley: RunningParley;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'parley-server-'));
    const config = loadConfig({ PARLEY_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', PARLEY_LLM: 'off' });
    parley = await startParley(config, { logger: createLogger('silent') });
  });

  afterAll(async () => {
    await parley?.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${parley.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${parley.url}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { dependencies: Array<{ name: string; ok: boolean }> };
    expect(body.dependencies.map((dependency) => dependency.name).sort()).toEqual(['memory-state', 'pglite']);
  });

  it('refuses malformed JSON with 400 and a precise message', async () => {
    const response = await fetch(`${parley.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message",' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('malformed JSON body');
  });

  it('refuses an oversized body with 413', async () => {
    const response = await fetch(`${parley.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(200 * 1024) }),
    });
    expect(response.status).toBe(413);
  });

  it('refuses something that is not an activity with 400 naming the missing fields', async () => {
    const response = await fetch(`${parley.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ hello: 'world' }) });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: string[] };
    expect(body.problems.join(' ')).toContain('conversation');
  });

  it('sends security headers and hides the framework', async () => {
    const response = await fetch(`${parley.url}/healthz`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('serializes two messages of one conversation sent at once: neither state change is lost', async () => {
    // Each message carries half of the identity check; only if both land in the conversation state is
    // the consumer verified (Alex Sample, DEMO-MA-001, in the demo portfolio).
    const conversationId = `race-${Date.now()}`;
    const [first, second] = await Promise.all([
      sendMessage(parley.url, { conversationId, text: 'my reference is DEMO-MA-001, born April 12, 1985' }),
      sendMessage(parley.url, { conversationId, text: 'last four 1234' }),
    ]);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const acts = [...first.replies, ...second.replies].map((reply) => (reply.channelData as { speechAct?: string } | undefined)?.speechAct);
    expect(acts).toContain('identity.verified');
    const third = await sendMessage(parley.url, { conversationId, text: 'what do I owe?' });
    expect(third.replies.map((reply) => reply.text).join('\n')).toContain('$1,402.25');
  });

  it('records the inbound message before the turn and every outbound before it is sent, masked', async () => {
    const conversationId = `audit-${Date.now()}`;
    await sendMessage(parley.url, { conversationId, text: 'my card is 4111 1111 1111 1111' });
    await sendMessage(parley.url, { conversationId, text: 'April 12 1985 1234' });
    await sendMessage(parley.url, { conversationId, text: 'text me at (617) 555-0123 or alex@example.com' });
    await parley.shutdown();
    const records = await openRecordsStore({ dataDir });
    try {
      const events = await records.audit.listChain(`conv:test:${conversationId}`);
      expect(events.slice(0, 3).map((event) => event.kind)).toEqual(['inbound', 'outbound', 'outbound']);
      const stored = JSON.stringify(events);
      for (const personal of ['4111 1111 1111 1111', '1985', '1234', '555-0123', 'alex@example.com']) expect(stored).not.toContain(personal);
      const inbound = events.filter((event) => event.kind === 'inbound').map((event) => event.payload.text);
      expect(inbound).toEqual(['my card is [card ••••1111]', '[date] [number]', 'text me at [phone ••23] or a•••@•••']);
    } finally {
      await records.close();
    }
  });
});
