import { describe, expect, it } from 'vitest';
import { makeAccount } from '../../guardrails/gate/test-fixtures.js';
import type { Arrangement, ArrangementRepository, NewOutboundMessage, OutboundScheduler } from '../ports.js';
import type { OutboundRequestError } from './schedule.js';
import { followUpFor, remindersForArrangement, validateOutbound, withArrangementReminders } from './schedule.js';

const boston = makeAccount();
const plan: Arrangement = {
  id: 'arr-1',
  accountId: 'ACC-1001',
  kind: 'plan',
  amount: 10_000,
  currency: 'USD',
  dates: ['2026-03-09', '2026-04-09', '2026-03-09'],
  createdAt: new Date('2026-03-01T15:00:00Z'),
};

describe('reminders for an arrangement', () => {
  it('one per due date, the day before at 10:00 in the consumer’s zone, expiring when the date ends there; DST respected', () => {
    const reminders = remindersForArrangement(plan, boston);
    expect(reminders.map((r) => [r.dueAt.toISOString(), r.expiresAt?.toISOString(), r.dedupeKey])).toEqual([
      // 2026-03-08 is the spring-forward day: 10:00 EDT is 14:00 UTC.
      ['2026-03-08T14:00:00.000Z', '2026-03-10T04:00:00.000Z', 'arrangement:arr-1:2026-03-09'],
      ['2026-04-08T14:00:00.000Z', '2026-04-10T04:00:00.000Z', 'arrangement:arr-1:2026-04-09'],
    ]);
    expect(reminders[0]).toMatchObject({ kind: 'payment-due', speechAct: 'reminder.payment-due', channel: 'auto', slots: { amount: { amount: 10_000, currency: 'USD' }, dueDate: '2026-03-09' }, arrangement: { id: 'arr-1', kind: 'plan' } });
  });

  it('skips a date whose reminder time has already passed, and calls a promise a promise', () => {
    const promise: Arrangement = { ...plan, id: 'p-1', kind: 'promise', dates: ['2026-03-02'], createdAt: new Date('2026-03-01T18:00:00Z') };
    expect(remindersForArrangement(promise, boston)).toEqual([]);
    expect(remindersForArrangement({ ...promise, dates: ['2026-03-05'] }, boston)[0]).toMatchObject({ kind: 'promise-due', arrangement: { kind: 'promise' } });
  });

  it('are scheduled when the arrangement is recorded, and a scheduling failure does not lose the arrangement', async () => {
    const recorded: Arrangement[] = [];
    const scheduled: NewOutboundMessage[] = [];
    const inner: ArrangementRepository = { record: async (a) => void recorded.push(a), listForAccount: async () => recorded };
    const scheduler = { scheduleMany: async (m: readonly NewOutboundMessage[]) => (scheduled.push(...m), m.length) } as unknown as OutboundScheduler;
    const repo = withArrangementReminders(inner, { scheduler, accounts: { get: async () => boston }, flags: { get: async () => ({}) as never } });
    await repo.record(plan);
    expect(recorded).toHaveLength(1);
    expect(scheduled).toHaveLength(2);

    const errors: unknown[] = [];
    const failing = withArrangementReminders(inner, { scheduler, accounts: { get: async () => undefined }, flags: { get: async () => ({}) as never }, onError: (e) => errors.push(e) });
    await failing.record(plan);
    expect(recorded).toHaveLength(2);
    expect(String(errors[0])).toContain('not in the records');
  });
});

describe('a follow-up after an unanswered question', () => {
  it('is a check-in 48 hours later, dated from the question, once per conversation and day', () => {
    const askedAt = new Date('2026-06-08T16:00:00Z');
    expect(followUpFor({ accountId: 'A', conversationId: 'c-1', askedAt })).toMatchObject({
      kind: 'follow-up',
      speechAct: 'reminder.check-in',
      dueAt: new Date('2026-06-10T16:00:00Z'),
      expiresAt: new Date('2026-06-17T16:00:00Z'),
      dedupeKey: 'follow-up:c-1:2026-06-08',
      createdAt: askedAt,
    });
  });
});

describe('validateOutbound', () => {
  const base: NewOutboundMessage = { accountId: 'A', kind: 'manual', speechAct: 'reminder.check-in', dueAt: new Date('2026-06-10T16:00:00Z'), channel: 'auto', source: 'test' };
  it('accepts a check-in with no slots and a payment reminder with its slots', () => {
    expect(() => validateOutbound(base)).not.toThrow();
    expect(() => validateOutbound({ ...base, speechAct: 'reminder.payment-due', slots: { amount: { amount: 1, currency: 'USD' }, dueDate: '2026-07-01' } })).not.toThrow();
  });
  it('refuses reply acts, unknown acts, bad slots and an expiry before the due time, naming each problem', () => {
    const problems = (m: NewOutboundMessage) => {
      try {
        validateOutbound(m);
        return [];
      } catch (error) {
        return (error as OutboundRequestError).problems;
      }
    };
    expect(problems({ ...base, speechAct: 'menu' }).join()).toContain('menu is a reply act');
    expect(problems({ ...base, speechAct: 'nope' })).toEqual(['unknown speech act nope']);
    expect(problems({ ...base, speechAct: 'reminder.payment-due', slots: { dueDate: 'soon' } }).length).toBeGreaterThanOrEqual(2);
    expect(problems({ ...base, expiresAt: new Date('2026-06-09T00:00:00Z') })).toEqual(['expiresAt must be after dueAt']);
  });
});
