// The outbound path against real PostgreSQL and against PGlite, with a pinned clock and fake channels:
// what is sent, deferred (and when it then goes), suppressed, and what the records and the audit trail show.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage } from '../../dialogs/index.js';
import { scheduleFollowUp, scheduleForArrangement, scheduleOutbound } from '../../dialogs/index.js';
import { pacingConfigSchema } from '../../guardrails/index.js';
import { makeAccount, type AccountOptions } from '../../guardrails/gate/test-fixtures.js';
import type { ConsumerFlags } from '../../guardrails/index.js';
import { OutboundDispatcher } from '../../bot/outbound/dispatcher.js';
import { FakeSms, FakeTeams, company, openOutboundHarness, type OutboundHarness } from '../support/outbound.js';

const LEARNED = '2026-06-01T12:00:00Z';

describe.each(['PostgreSQL', 'PGlite'] as const)('outbound on %s', (kind) => {
  let h: OutboundHarness;
  let opening: Promise<OutboundHarness> | undefined;
  let now: Date;
  let sms: FakeSms;
  let teams: FakeTeams;
  let dispatcher: OutboundDispatcher;

  beforeEach(async () => {
    h = await (opening ??= openOutboundHarness(kind, 'outbound'));
    now = new Date('2026-06-10T16:00:00Z');
    sms = new FakeSms();
    teams = new FakeTeams();
    dispatcher = new OutboundDispatcher({ store: h.outbound.dispatch, senders: { sms, teams }, company, clock: () => now, concurrency: 1 });
  });
  afterEach(async () => {
    // Each test's leftovers must not become due in the next one.
    await h.records.sql.query(`UPDATE scheduled_messages SET status = 'cancelled' WHERE status IN ('pending', 'deferred')`);
  });
  afterAll(async () => {
    await opening?.then((harness) => harness.close());
  });

  async function account(id: string, options: AccountOptions = {}, flags?: Partial<ConsumerFlags>) {
    const created = makeAccount({ accountId: id, ...options });
    await h.records.accounts.upsertMany([created]);
    if (flags) await h.records.flags.update(id, (current) => ({ ...current, ...flags }));
    return created;
  }

  function checkIn(accountId: string, dueAt: Date, channel: 'sms' | 'auto' = 'sms') {
    return scheduleOutbound(h.outbound.scheduler, { accountId, kind: 'check-in', speechAct: 'reminder.check-in', dueAt, channel, source: 'test' }).then((r) => r.message);
  }

  async function run(at: string) {
    now = new Date(at);
    return dispatcher.runOnce();
  }

  async function message(id: string): Promise<OutboundMessage> {
    const found = await h.outbound.scheduler.get(id);
    if (!found) throw new Error(`no message ${id}`);
    return found;
  }

  it('a Massachusetts consumer gets no third text in 7 days; the third goes when the first is 7 days old', async () => {
    await account('MA-1');
    const monday = await checkIn('MA-1', new Date('2026-06-08T16:00:00Z'));
    const tuesday = await checkIn('MA-1', new Date('2026-06-09T16:00:00Z'));
    const wednesday = await checkIn('MA-1', new Date('2026-06-10T16:00:00Z'));
    await run('2026-06-08T16:00:00Z');
    await run('2026-06-09T16:00:00Z');
    const third = await run('2026-06-10T16:00:00Z');
    expect(sms.calls).toHaveLength(2);
    expect(third).toMatchObject({ processed: 1, deferred: 1, sent: 0 });
    expect((await message(monday.id)).status).toBe('sent');
    expect((await message(tuesday.id)).status).toBe('sent');
    const held = await message(wednesday.id);
    expect(held.status).toBe('deferred');
    expect(held.dueAt).toEqual(new Date('2026-06-15T16:00:00Z'));
    expect(held.reason).toMatch(/^ma-frequency: /);

    await run('2026-06-14T16:00:00Z');
    expect(sms.calls).toHaveLength(2);
    await run('2026-06-15T16:00:00Z');
    expect(sms.calls).toHaveLength(3);
    expect((await message(wednesday.id)).status).toBe('sent');

    const chain = await h.records.audit.listChain('outbound:MA-1');
    const decision = chain.find((e) => e.kind === 'decision');
    expect(decision?.payload).toMatchObject({ speechAct: 'reminder.check-in', outcome: 'deferred', deferUntil: '2026-06-15T16:00:00.000Z' });
    expect((decision?.payload.decision as { violations: { ruleId: string; citation: string }[] }).violations).toContainEqual(expect.objectContaining({ ruleId: 'ma-frequency', citation: '940 CMR 7.04(1)(f)' }));
    expect(chain.filter((e) => e.kind === 'outbound')).toHaveLength(3);
    const attempts = await h.records.contacts.listSince('MA-1', new Date('2026-06-01T00:00:00Z'));
    expect(attempts.map((a) => [a.at, a.outcome])).toEqual([
      ['2026-06-08T16:00:00.000Z', 'delivered'],
      ['2026-06-09T16:00:00.000Z', 'delivered'],
      ['2026-06-15T16:00:00.000Z', 'delivered'],
    ]);
  });

  it('an Eastern phone with a Pacific address gets nothing before 11:00 Eastern, and the deferred message goes at 11:00', async () => {
    await account('EP-1', { phones: ['+16175550123'], region: 'CA', postalCode: '94105', city: 'San Francisco' });
    const queued = await checkIn('EP-1', new Date('2026-06-10T13:00:00Z'));
    await run('2026-06-10T13:00:00Z');
    expect((await message(queued.id)).dueAt).toEqual(new Date('2026-06-10T15:00:00Z'));
    await run('2026-06-10T14:59:59Z');
    expect(sms.calls).toHaveLength(0);
    await run('2026-06-10T15:00:00Z');
    expect(sms.calls).toHaveLength(1);
    expect(sms.calls[0]?.to).toBe('+16175550123');
  });

  it('a consumer who said "not before noon" hears nothing at 10:00 and hears from Parley at noon', async () => {
    await account('NOON-1', {}, { inconvenientTimes: [{ at: LEARNED, notBefore: '12:00', said: 'not before noon' }] });
    const queued = await checkIn('NOON-1', new Date('2026-06-10T14:00:00Z'));
    await run('2026-06-10T14:00:00Z');
    const held = await message(queued.id);
    expect(held.status).toBe('deferred');
    expect(held.dueAt).toEqual(new Date('2026-06-10T16:00:00Z'));
    expect(held.reason).toMatch(/^consumer-designated: .*not before 12:00/);
    await run('2026-06-10T16:00:00Z');
    expect(sms.calls).toHaveLength(1);
  });

  it('STOP, cease, attorney, a dispute within the validation period and crisis suppress everything pending', async () => {
    const rights: [string, Partial<ConsumerFlags>, string][] = [
      ['R-STOP', { optOuts: [{ medium: 'sms', at: LEARNED, confirmationSent: true }] }, 'medium-restriction'],
      ['R-CEASE', { cease: { at: LEARNED, kind: 'cease' } }, 'cease'],
      ['R-ATTY', { attorney: { at: LEARNED, name: 'A. Counsel' } }, 'attorney'],
      ['R-DISPUTE', { dispute: { at: LEARNED, scope: 'all', withinValidationPeriod: true } }, 'dispute'],
      ['R-CRISIS', { crisis: { at: LEARNED } }, 'crisis'],
    ];
    const queued: OutboundMessage[] = [];
    for (const [id, flags] of rights) {
      await account(id, {}, flags);
      queued.push(await checkIn(id, new Date('2026-06-10T15:00:00Z')));
      queued.push(
        (
          await scheduleOutbound(h.outbound.scheduler, {
            accountId: id,
            kind: 'payment-due',
            speechAct: 'reminder.payment-due',
            slots: { amount: { amount: 5_000, currency: 'USD' }, dueDate: '2026-06-12' },
            dueAt: new Date('2026-06-10T15:30:00Z'),
            channel: 'auto',
            source: 'test',
          })
        ).message,
      );
    }
    const summary = await run('2026-06-10T16:00:00Z');
    expect(summary).toMatchObject({ processed: 10, suppressed: 10, sent: 0 });
    expect(sms.calls).toHaveLength(0);
    for (const [id, , ruleId] of rights) {
      for (const m of queued.filter((q) => q.accountId === id)) {
        const after = await message(m.id);
        expect(after.status).toBe('suppressed');
        expect(after.reason).toMatch(new RegExp(`^${ruleId}: `));
      }
      expect(await h.records.contacts.listSince(id, new Date(0))).toEqual([]);
      const decisions = (await h.records.audit.listChain(`outbound:${id}`)).filter((e) => e.kind === 'decision');
      expect(decisions).toHaveLength(2);
      for (const event of decisions) expect((event.payload.decision as { verdict: string }).verdict).toBe('suppress');
    }
  });

  it('on the spring-forward day, a message due at 07:30 EDT goes at 08:00 EDT', async () => {
    await account('DST-1');
    const queued = await checkIn('DST-1', new Date('2026-03-08T11:30:00Z'));
    await run('2026-03-08T11:30:00Z');
    expect((await message(queued.id)).dueAt).toEqual(new Date('2026-03-08T12:00:00Z'));
    await run('2026-03-08T12:00:00Z');
    expect(sms.calls).toHaveLength(1);
  });

  it('writes the decision and the attempt before the channel is called', async () => {
    await account('WBS-1');
    const queued = await checkIn('WBS-1', now);
    const seen: string[] = [];
    sms.before = async () => {
      const [row] = await h.records.sql.query<{ status: string }>('SELECT status FROM scheduled_messages WHERE id = $1', [queued.id]);
      seen.push(`message:${row?.status}`);
      seen.push(`attempts:${(await h.records.contacts.listSince('WBS-1', new Date(0))).length}`);
      seen.push(`events:${(await h.records.audit.listChain('outbound:WBS-1')).map((e) => e.kind).join(',')}`);
    };
    await run(now.toISOString());
    expect(seen).toEqual(['message:sending', 'attempts:1', 'events:outbound']);
    const [event] = await h.records.audit.listChain('outbound:WBS-1');
    expect(event?.payload).toMatchObject({ replyTo: null, speechAct: 'reminder.check-in', text: sms.calls[0]?.text, channel: 'sms', target: '+1617…23', verified: false });
    expect(event?.payload.decision).toMatchObject({ verdict: 'send', disclosures: ['sms-opt-out'], packVersion: 'us-federal@2026.11.0+us-ma@2026.11.0' });
    expect((event?.payload.choice as { why: string }).why).toContain('sms');
    expect((await message(queued.id)).status).toBe('sent');
  });

  it('a number that replied STOP to the carrier (21610) is recorded as an SMS opt-out, and nothing more goes to it', async () => {
    await account('OPT-1');
    const first = await checkIn('OPT-1', now);
    sms.respond = () => ({ status: 'opted-out', code: 21610, messageSids: [], parts: 1 });
    await run(now.toISOString());
    expect((await message(first.id)).status).toBe('failed');
    const flags = await h.records.flags.get('OPT-1');
    expect(flags.optOuts).toEqual([{ medium: 'sms', at: now.toISOString(), address: '+16175550123', confirmationSent: true }]);
    const kinds = (await h.records.audit.listChain('outbound:OPT-1')).map((e) => e.kind);
    expect(kinds).toEqual(['outbound', 'delivery-status', 'flag-change']);

    const second = await checkIn('OPT-1', new Date('2026-06-12T16:00:00Z'));
    await run('2026-06-12T16:00:00Z');
    expect(sms.calls).toHaveLength(1);
    expect((await message(second.id)).reason).toMatch(/^medium-restriction: /);
  });

  it('a channel failure is audited as a delivery status and the message is not retried', async () => {
    await account('FAIL-1');
    const queued = await checkIn('FAIL-1', now);
    sms.respond = () => ({ status: 'failed', code: 30003, httpStatus: 400, reason: 'Unreachable destination handset', messageSids: [], parts: 1 });
    await run(now.toISOString());
    const after = await message(queued.id);
    expect(after.status).toBe('failed');
    const status = (await h.records.audit.listChain('outbound:FAIL-1')).find((e) => e.kind === 'delivery-status');
    expect(status?.payload).toMatchObject({ status: 'failed', errorCode: 30003, scheduledMessageId: queued.id });
    await run(now.toISOString());
    expect(sms.calls).toHaveLength(1);
  });

  it('in the Teams conversation of the verified consumer the payment reminder itself goes, with the initial disclosure once', async () => {
    await account('TEAMS-1', {}, { linkedIdentities: [{ channel: 'teams', id: 'aad-1', at: LEARNED }] });
    await h.outbound.references.save({
      accountId: 'TEAMS-1',
      channel: 'teams',
      userId: 'aad-1',
      conversationId: 'a:conv-1',
      reference: { serviceUrl: 'https://smba.example/amer/', conversation: { id: 'a:conv-1' }, user: { id: 'aad-1' } },
      audience: 'private',
      updatedAt: new Date(LEARNED),
    });
    const reminders = await scheduleForArrangement(
      h.outbound.scheduler,
      { id: 'arr-1', accountId: 'TEAMS-1', kind: 'plan', amount: 10_000, currency: 'USD', dates: ['2026-06-12', '2026-07-12'], createdAt: new Date('2026-06-01T00:00:00Z') },
      await account('TEAMS-1'),
    );
    expect(reminders).toBe(2);
    await run('2026-06-11T16:00:00Z');
    expect(teams.calls).toHaveLength(1);
    expect(teams.calls[0]?.text).toContain('$100.00');
    expect(teams.calls[0]?.text).toMatch(/trying to collect a debt/i);
    expect(teams.calls[0]?.reference).toMatchObject({ conversation: { id: 'a:conv-1' } });
    expect((await h.records.flags.get('TEAMS-1')).initialDisclosureAt).toBe('2026-06-11T16:00:00.000Z');

    teams.respond = () => ({ status: 'blocked', reason: 'blocked-by-user', httpStatus: 403 });
    await run('2026-07-11T16:00:00Z');
    const flags = await h.records.flags.get('TEAMS-1');
    expect(flags.optOuts.map((o) => o.medium)).toEqual(['teams']);
    expect(teams.calls[1]?.text).toMatch(/^This message is from a debt collector/);
  });

  it('a follow-up the consumer answered in the meantime is cancelled, and an event delivered twice schedules once', async () => {
    await account('FU-1');
    const askedAt = new Date('2026-06-08T16:00:00Z');
    const first = await scheduleFollowUp(h.outbound.scheduler, { accountId: 'FU-1', conversationId: 'conv-9', askedAt });
    const again = await scheduleFollowUp(h.outbound.scheduler, { accountId: 'FU-1', conversationId: 'conv-9', askedAt });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, message: { id: first.message.id } });
    await h.records.contacts.record({ accountId: 'FU-1', channel: 'sms', at: '2026-06-09T18:00:00Z', initiatedBy: 'consumer', outcome: 'delivered' });
    await run('2026-06-10T16:00:00Z');
    expect(sms.calls).toHaveLength(0);
    expect(await message(first.message.id)).toMatchObject({ status: 'cancelled' });
  });

  it('a message left mid-send by a stopped dispatcher is marked failed and never sent again', async () => {
    await account('CRASH-1');
    const queued = await checkIn('CRASH-1', now);
    // A dispatcher that recorded its decision and stopped before the channel call.
    await h.outbound.dispatch.processNext(now, (context) => ({
      status: 'sending',
      channel: 'sms',
      attempt: { accountId: context.account.accountId, channel: 'sms', at: now.toISOString(), initiatedBy: 'parley', outcome: 'attempted' },
      reason: 'test',
      audit: { kind: 'outbound', payload: { text: 'x', speechAct: 'reminder.check-in', decision: { verdict: 'send', rules: [], violations: [], disclosures: [] } } },
    }));
    expect((await message(queued.id)).status).toBe('sending');
    now = new Date(now.getTime() + 11 * 60_000);
    expect(await dispatcher.recoverStale()).toBe(1);
    await dispatcher.runOnce();
    expect(sms.calls).toHaveLength(0);
    expect(await message(queued.id)).toMatchObject({ status: 'failed', reason: expect.stringContaining('not sent again') });
  });

  it('a hardship holds reminders to the portfolio pace, and the audit trail stays verifiable', async () => {
    const pacing = pacingConfigSchema.parse({ portfolios: [{ name: 'acme-gentle', match: { creditor: 'Acme Bank' }, policy: { hardship: { maxMessages: 1, periodDays: 30 } } }] });
    const gentle = new OutboundDispatcher({ store: h.outbound.dispatch, senders: { sms }, company, clock: () => now, pacing });
    await account('HARD-1', {}, { hardship: { at: LEARNED } });
    await checkIn('HARD-1', new Date('2026-06-10T16:00:00Z'));
    const second = await checkIn('HARD-1', new Date('2026-06-13T16:00:00Z'));
    now = new Date('2026-06-10T16:00:00Z');
    await gentle.runOnce();
    now = new Date('2026-06-13T16:00:00Z');
    await gentle.runOnce();
    expect(sms.calls).toHaveLength(1);
    const held = await message(second.id);
    expect(held.dueAt).toEqual(new Date('2026-07-10T16:00:00Z'));
    expect(held.reason).toMatch(/^pacing-hardship: /);
    expect(await h.records.audit.verify()).toMatchObject({ ok: true });
  });
});
