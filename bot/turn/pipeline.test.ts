import { ActivityHandler, TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { AuditEventInput, AuditTrail } from '../../dialogs/index.js';
import { createLogger } from '../logger.js';
import { outageOf } from '../outage.js';
import { TurnPipeline } from './pipeline.js';

const SAFE = 'Sorry, I cannot help with that right now. Call 1-800-555-0100 to reach a person.';

/** An audit trail whose appends of one kind fail, as when the database is down. */
function auditFailingOn(kind: AuditEventInput['kind'] | 'none', written: AuditEventInput[]): AuditTrail {
  return {
    async append(event) {
      if (event.kind === kind) throw new Error('database unreachable');
      written.push(event);
      return { ...event, id: String(written.length), seq: written.length, prevHash: '', hash: '' };
    },
    listChain: async () => [],
    verify: async () => ({ ok: true, chains: 0, events: 0 }),
  };
}

class EchoBot extends ActivityHandler {
  ran = 0;
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.ran += 1;
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

class FailingBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async () => {
      throw new Error('a bug in a dialog');
    });
  }
}

async function turn(audit: AuditTrail, bot: ActivityHandler): Promise<{ sent: Partial<Activity>[]; error?: unknown }> {
  const pipeline = new TurnPipeline({
    audit,
    turnLock: { runExclusive: (_key, fn) => fn() },
    states: [],
    logger: createLogger('silent'),
    clock: () => new Date('2026-11-24T16:00:00Z'),
    safeFallbackText: () => SAFE,
  });
  let error: unknown;
  const adapter = new TestAdapter((context) => pipeline.run(context, bot));
  adapter.onTurnError = async (_context, thrown) => {
    error = thrown;
  };
  await adapter.send('what do I owe?');
  return { sent: adapter.activeQueue.splice(0), error };
}

describe('the turn pipeline fails closed', () => {
  it('records the inbound message, then the reply with its decision, before the reply leaves', async () => {
    const written: AuditEventInput[] = [];
    const bot = new EchoBot();
    const { sent } = await turn(auditFailingOn('none', written), bot);
    expect(sent.map((activity) => activity.text)).toEqual(['echo: what do I owe?']);
    expect(written.map((event) => event.kind)).toEqual(['inbound', 'outbound']);
  });

  it('acts on nothing and sends nothing when the inbound cannot be recorded: the turn reports an outage', async () => {
    const bot = new EchoBot();
    const { sent, error } = await turn(auditFailingOn('inbound', []), bot);
    expect(bot.ran).toBe(0);
    expect(sent).toEqual([]);
    expect(outageOf(error)).toBe('records');
  });

  it('does not send a reply the audit trail could not record, nor anything instead', async () => {
    const bot = new EchoBot();
    const { sent, error } = await turn(auditFailingOn('outbound', []), bot);
    expect(sent).toEqual([]);
    expect(outageOf(error)).toBe('records');
  });

  it('answers a failed turn with the safe message, recorded like any reply', async () => {
    const written: AuditEventInput[] = [];
    const { sent, error } = await turn(auditFailingOn('none', written), new FailingBot());
    expect(error).toBeUndefined();
    expect(sent.map((activity) => activity.text)).toEqual([SAFE]);
    expect(written.map((event) => event.kind)).toEqual(['inbound', 'outbound']);
    expect(written[1]?.payload).toMatchObject({ text: SAFE, decision: { verdict: 'send' } });
    expect(sent[0]?.channelData).toEqual({});
  });
});
