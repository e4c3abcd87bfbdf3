// Two dispatchers (two connection pools, as two Parley instances would have) against one PostgreSQL:
// no message is sent twice and no account gets more than its frequency cap allows.
import { afterAll, describe, expect, it } from 'vitest';
import { createOutboundRecords, openRecordsStore, type SqlRecordsStore } from '../../adapters/index.js';
import { scheduleOutbound } from '../../dialogs/index.js';
import { pacingConfigSchema } from '../../guardrails/index.js';
import { makeAccount } from '../../guardrails/gate/test-fixtures.js';
import { OutboundDispatcher, type DispatchEvent } from '../../bot/outbound/dispatcher.js';
import { createTestDatabase, type TestDatabase } from '../support/postgres.js';
import { FakeSms, company } from '../support/outbound.js';

let database: TestDatabase | undefined;
const stores: SqlRecordsStore[] = [];
afterAll(async () => {
  for (const store of stores) await store.close();
  await database?.drop();
});

// Pacing out of the way, so the legal caps are what binds.
const pacing = pacingConfigSchema.parse({ default: { standard: { maxMessages: 100, periodDays: 7 }, preferredHour: { enabled: false } } });
const NOW = new Date('2026-06-10T16:00:00Z');

describe('two dispatchers on one PostgreSQL', () => {
  it('send each message at most once and never past a cap', async () => {
    database = await createTestDatabase('outbound_race');
    const a = await openRecordsStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
    stores.push(a);
    const b = await openRecordsStore({ databaseUrl: database.url, dataDir: '/nonexistent' });
    stores.push(b);

    // Massachusetts: 2 texts in 7 days. Texas: the federal electronic cap of 7 in 7 days.
    const plans = [
      ...Array.from({ length: 20 }, (_, i) => ({ id: `MA-${i}`, cap: 2, messages: 4, account: makeAccount({ accountId: `MA-${i}`, phones: [`+1617555${String(100 + i).padStart(4, '0')}`] }) })),
      ...Array.from({ length: 20 }, (_, i) => ({
        id: `TX-${i}`,
        cap: 7,
        messages: 9,
        account: makeAccount({ accountId: `TX-${i}`, region: 'TX', postalCode: '75201', city: 'Dallas', phones: [`+1214555${String(100 + i).padStart(4, '0')}`] }),
      })),
    ];
    await a.accounts.upsertMany(plans.map((p) => p.account));
    const scheduler = createOutboundRecords(a.sql).scheduler;
    let total = 0;
    for (const plan of plans) {
      for (let m = 0; m < plan.messages; m++) {
        await scheduleOutbound(scheduler, { accountId: plan.id, kind: 'check-in', speechAct: 'reminder.check-in', dueAt: new Date(NOW.getTime() - m * 1000), channel: 'sms', source: 'test' });
        total += 1;
      }
    }

    const events: DispatchEvent[] = [];
    const smsA = new FakeSms();
    const smsB = new FakeSms();
    const dispatcher = (store: SqlRecordsStore, sms: FakeSms, instanceId: string) =>
      new OutboundDispatcher({
        store: createOutboundRecords(store.sql, { instanceId }).dispatch,
        senders: { sms },
        company,
        pacing,
        clock: () => NOW,
        concurrency: 4,
        onProcessed: (event) => events.push(event),
      });
    const [summaryA, summaryB] = await Promise.all([dispatcher(a, smsA, 'a').runOnce(), dispatcher(b, smsB, 'b').runOnce()]);

    expect(summaryA.errors + summaryB.errors).toBe(0);
    expect(summaryA.processed + summaryB.processed).toBe(total);
    expect(summaryA.processed).toBeGreaterThan(0);
    expect(summaryB.processed).toBeGreaterThan(0);

    const sentIds = events.filter((e) => e.status === 'sent').map((e) => e.messageId);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    const calls = [...smsA.calls, ...smsB.calls];
    expect(calls).toHaveLength(sentIds.length);

    for (const plan of plans) {
      const sent = calls.filter((call) => call.accountId === plan.id).length;
      expect({ account: plan.id, sent }).toEqual({ account: plan.id, sent: Math.min(plan.cap, plan.messages) });
      const [row] = await database.sql<{ n: number }>('SELECT count(*)::int AS n FROM contact_attempts WHERE account_id = $1', [plan.id]);
      expect(row?.n).toBe(sent);
    }
    const statuses = await database.sql<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM scheduled_messages GROUP BY status ORDER BY status');
    expect(statuses).toEqual([
      { status: 'deferred', n: 20 * 2 + 20 * 2 },
      { status: 'sent', n: 20 * 2 + 20 * 7 },
    ]);
    expect(await a.audit.verify()).toMatchObject({ ok: true });
  });
});
