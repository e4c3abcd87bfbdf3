import { describe, expect, it } from 'vitest';
import { pacingPolicySchema, type ConsumerFlags, type ContactAttempt } from '../../guardrails/index.js';
import { makeAccount, makeFlags } from '../../guardrails/gate/test-fixtures.js';
import type { StoredConversationReference } from '../ports.js';
import { planOutbound, type PlanInput, type PlanMessage } from './plan.js';

const company = { collectorName: 'Northwind Recovery Services', contactPhone: '1-800-555-0100', hours: 'Monday to Friday, 8 a.m. to 8 p.m. Eastern' };
// Wednesday 2026-06-10, noon in Boston (EDT).
const NOON = new Date('2026-06-10T16:00:00Z');
const LEARNED = '2026-06-01T12:00:00Z';
const DAY = 86_400_000;

const checkIn = (overrides: Partial<PlanMessage> = {}): PlanMessage => ({
  kind: 'check-in',
  speechAct: 'reminder.check-in',
  slots: {},
  channel: 'sms',
  status: 'deferred',
  createdAt: new Date('2026-06-01T00:00:00Z'),
  ...overrides,
});

const paymentDue = (overrides: Partial<PlanMessage> = {}): PlanMessage =>
  checkIn({ kind: 'payment-due', speechAct: 'reminder.payment-due', slots: { amount: { amount: 10_288, currency: 'USD' }, dueDate: '2026-06-12' }, ...overrides });

function plan(overrides: Partial<PlanInput> = {}) {
  return planOutbound({ message: checkIn(), account: makeAccount(), flags: makeFlags(), attempts: [], company, at: NOON, ...overrides });
}

function sms(daysAgo: number, initiatedBy: 'parley' | 'consumer' = 'parley', at = NOON): ContactAttempt {
  return { accountId: 'ACC-1001', channel: 'sms', at: new Date(at.getTime() - daysAgo * DAY).toISOString(), initiatedBy, outcome: 'delivered', address: '+16175550123', addressType: 'mobile' };
}

function teamsReference(userId = 'aad-user-1', audience: 'private' | 'shared' = 'private'): StoredConversationReference {
  return {
    accountId: 'ACC-1001',
    channel: 'teams',
    userId,
    conversationId: 'a:1',
    reference: { serviceUrl: 'https://smba.example/', conversation: { id: 'a:1' }, user: { id: userId } },
    audience,
    updatedAt: new Date('2026-06-01T00:00:00Z'),
  };
}

describe('the Massachusetts frequency cap (940 CMR 7.04(1)(f))', () => {
  it('lets a second text in 7 days go', () => {
    const decided = plan({ attempts: [sms(3)] });
    expect(decided.verdict).toBe('send');
    expect(decided.channel).toBe('sms');
  });

  it('holds a third text in 7 days until the oldest turns 7 days old', () => {
    const decided = plan({ attempts: [sms(5), sms(2)] });
    expect(decided.verdict).toBe('defer');
    expect(decided.reasonId).toBe('ma-frequency');
    expect(decided.deferUntil).toEqual(new Date(NOON.getTime() + 2 * DAY));
    expect(decided.decision?.violations.map((v) => v.ruleId)).toContain('ma-frequency');
  });
});

describe('the contact window in every candidate zone (12 CFR 1006.6(b)(1)(i))', () => {
  const account = makeAccount({ phones: ['+16175550123'], region: 'CA', postalCode: '94105', city: 'San Francisco' });

  it('sends nothing to an Eastern phone with a Pacific address before 11:00 Eastern, and names 11:00 Eastern as the first permitted instant', () => {
    const tenEastern = new Date('2026-06-10T14:00:00Z');
    const decided = plan({ account, at: tenEastern });
    expect(decided.verdict).toBe('defer');
    expect(decided.deferUntil).toEqual(new Date('2026-06-10T15:00:00Z'));
    expect(decided.reason).toContain('America/Los_Angeles 07:00');
  });

  it('sends at 11:00 Eastern', () => {
    expect(plan({ account, at: new Date('2026-06-10T15:00:00Z') }).verdict).toBe('send');
  });
});

describe('consumer-designated times (12 CFR 1006.6(b)(1))', () => {
  const flags = makeFlags({ inconvenientTimes: [{ at: LEARNED, notBefore: '12:00', said: 'not before noon' }] });

  it('holds a message at 10:00 until noon for a consumer who said "not before noon"', () => {
    const decided = plan({ flags, at: new Date('2026-06-10T14:00:00Z') });
    expect(decided.verdict).toBe('defer');
    expect(decided.deferUntil).toEqual(new Date('2026-06-10T16:00:00Z'));
    expect(decided.reasonId).toBe('consumer-designated');
  });

  it('sends at noon', () => {
    expect(plan({ flags, at: NOON }).verdict).toBe('send');
  });
});

describe('daylight saving time changes', () => {
  it('on the spring-forward day, 07:30 EDT waits until 08:00 EDT (12:00 UTC), not 08:00 EST', () => {
    const decided = plan({ at: new Date('2026-03-08T11:30:00Z') });
    expect(decided.verdict).toBe('defer');
    expect(decided.deferUntil).toEqual(new Date('2026-03-08T12:00:00Z'));
    expect(plan({ at: new Date('2026-03-08T12:00:00Z') }).verdict).toBe('send');
  });

  it('on the fall-back day, 07:30 EST waits until 08:00 EST (13:00 UTC)', () => {
    const decided = plan({ at: new Date('2026-11-01T12:30:00Z') });
    expect(decided.verdict).toBe('defer');
    expect(decided.deferUntil).toEqual(new Date('2026-11-01T13:00:00Z'));
  });

  it('at 20:30 EST after the change, waits for 08:00 the next morning', () => {
    const decided = plan({ at: new Date('2026-11-02T02:30:00Z') });
    expect(decided.deferUntil).toEqual(new Date('2026-11-02T13:00:00Z'));
  });
});

describe('rights suppress everything pending', () => {
  const cases: [string, Partial<ConsumerFlags>, string][] = [
    ['STOP (an SMS opt-out)', { optOuts: [{ medium: 'sms', at: LEARNED, confirmationSent: true }] }, 'medium-restriction'],
    ['a cease request', { cease: { at: LEARNED, kind: 'cease' } }, 'cease'],
    ['attorney representation', { attorney: { at: LEARNED, name: 'A. Counsel' } }, 'attorney'],
    ['a dispute within the validation period', { dispute: { at: LEARNED, scope: 'all', withinValidationPeriod: true } }, 'dispute'],
    ['a crisis', { crisis: { at: LEARNED } }, 'crisis'],
    ['a bankruptcy', { bankruptcy: { at: LEARNED } }, 'bankruptcy'],
    ['a death reported', { deceased: { at: LEARNED } }, 'deceased'],
    ['a wrong person at the number', { wrongPerson: { at: LEARNED, numbers: ['+16175550123'] } }, 'wrong-person'],
  ];
  it.each(cases)('%s suppresses a check-in and a payment reminder', (_label, flags, ruleId) => {
    for (const message of [checkIn(), paymentDue(), checkIn({ channel: 'auto' })]) {
      const decided = plan({ message, flags: makeFlags(flags) });
      expect(decided.verdict).toBe('suppress');
      expect(decided.reasonId).toBe(ruleId);
      expect(decided.text).toBeUndefined();
    }
  });

  it('the same flags learned after the instant decided do not change a replayed plan', () => {
    expect(plan({ flags: makeFlags({ cease: { at: '2026-06-11T00:00:00Z', kind: 'cease' } }) }).verdict).toBe('send');
  });

  it('a dispute answered with verification no longer holds reminders', () => {
    const flags = makeFlags({ dispute: { at: LEARNED, scope: 'all', withinValidationPeriod: true, verificationSentAt: '2026-06-05T00:00:00Z' } });
    expect(plan({ flags }).verdict).toBe('send');
  });

  it('an SMS opt-out leaves a linked Teams conversation open for an auto-channel message', () => {
    const flags = makeFlags({ optOuts: [{ medium: 'sms', at: LEARNED, confirmationSent: true }], linkedIdentities: [{ channel: 'teams', id: 'aad-user-1', at: LEARNED }] });
    const decided = plan({ message: checkIn({ channel: 'auto' }), flags, references: [teamsReference()] });
    expect(decided.verdict).toBe('send');
    expect(decided.channel).toBe('teams');
  });
});

describe('what a reminder says when the reader may not be the consumer (12 CFR 1006.6(d))', () => {
  it('a payment reminder by SMS to a number on file becomes the check-in: no amount, no debt, no debt-collector disclosure', () => {
    const decided = plan({ message: paymentDue() });
    expect(decided.verdict).toBe('send');
    expect(decided.speechAct).toBe('reminder.check-in');
    expect(decided.verified).toBe(false);
    expect(decided.text).toContain('personal business matter for Jane');
    expect(decided.text).not.toMatch(/\$|102\.88|debt/i);
    expect(decided.decision?.disclosures).toEqual(['sms-opt-out']);
    expect(decided.choice.why).toContain('reveal the debt');
  });

  it('in a Teams conversation linked at verification, the payment reminder itself goes, with the initial disclosure the first time', () => {
    const flags = makeFlags({ linkedIdentities: [{ channel: 'teams', id: 'aad-user-1', at: LEARNED }] });
    const decided = plan({ message: paymentDue({ channel: 'teams' }), flags, references: [teamsReference()] });
    expect(decided.verdict).toBe('send');
    expect(decided.verified).toBe(true);
    expect(decided.speechAct).toBe('reminder.payment-due');
    expect(decided.text).toContain('$102.88');
    expect(decided.decision?.disclosures).toContain('initial-disclosure');
    const later = plan({ message: paymentDue({ channel: 'teams' }), flags: { ...flags, initialDisclosureAt: '2026-06-02T00:00:00Z' }, references: [teamsReference()] });
    expect(later.decision?.disclosures).toContain('later-disclosure');
  });

  it('a Teams conversation with a user never linked at verification is not treated as the consumer', () => {
    const decided = plan({ message: paymentDue({ channel: 'teams' }), references: [teamsReference('someone-else')] });
    expect(decided.verified).toBe(false);
    expect(decided.speechAct).toBe('reminder.check-in');
  });

  it('a shared Teams conversation gets nothing', () => {
    const flags = makeFlags({ linkedIdentities: [{ channel: 'teams', id: 'aad-user-1', at: LEARNED }] });
    const decided = plan({ message: paymentDue({ channel: 'teams' }), flags, references: [teamsReference('aad-user-1', 'shared')] });
    expect(decided.verdict).toBe('suppress');
    expect(decided.reasonId).toBe('social-media');
  });
});

describe('choosing when and how from the contact history', () => {
  const flags = makeFlags({ linkedIdentities: [{ channel: 'teams', id: 'aad-user-1', at: LEARNED }] });

  it('prefers the channel the consumer answers on, and says so', () => {
    const attempts = [sms(20, 'consumer'), sms(10, 'consumer'), sms(4, 'consumer')];
    const decided = plan({ message: checkIn({ channel: 'auto' }), flags, references: [teamsReference()], attempts });
    expect(decided.channel).toBe('sms');
    expect(decided.choice.why).toContain('the consumer answers there most (sms 3 of 3)');
    expect(decided.choice.candidates.map((c) => c.channel).sort()).toEqual(['sms', 'teams']);
  });

  it('without history, prefers a conversation that reaches the verified consumer', () => {
    const decided = plan({ message: checkIn({ channel: 'auto' }), flags, references: [teamsReference()] });
    expect(decided.channel).toBe('teams');
    expect(decided.choice.why).toContain('verified consumer');
  });

  it('holds a first-time message for the hour the consumer usually writes at, within the day', () => {
    // The consumer wrote three times around 18:xx Boston time.
    const evening = (daysAgo: number) => ({ ...sms(daysAgo, 'consumer'), at: new Date(Date.parse('2026-06-10T22:15:00Z') - daysAgo * DAY).toISOString() });
    const decided = plan({ message: checkIn({ status: 'pending' }), attempts: [evening(3), evening(9), evening(15)] });
    expect(decided.verdict).toBe('defer');
    expect(decided.reasonId).toBe('preferred-hour');
    expect(decided.deferUntil).toEqual(new Date('2026-06-10T22:00:00Z'));
    expect(decided.reason).toContain('18:00 America/New_York (3 of 3');
    // Once it was held for that hour it goes at the first permitted instant.
    expect(plan({ message: checkIn({ status: 'deferred' }), attempts: [evening(3), evening(9), evening(15)] }).verdict).toBe('send');
  });

  it('does not hold for an hour seen only once', () => {
    const once = { ...sms(3, 'consumer'), at: '2026-06-07T22:15:00Z' };
    expect(plan({ message: checkIn({ status: 'pending' }), attempts: [once] }).verdict).toBe('send');
  });
});

describe('pacing by situation', () => {
  it('a consumer in hardship gets one message in 14 days, though the caps would allow more', () => {
    const flags = makeFlags({ hardship: { at: LEARNED } });
    const decided = plan({ flags, attempts: [sms(5)] });
    expect(decided.verdict).toBe('defer');
    expect(decided.reasonId).toBe('pacing-hardship');
    expect(decided.deferUntil).toEqual(new Date(NOON.getTime() + 9 * DAY));
    expect(decided.decision?.violations.at(-1)?.citation).toBe('Parley policy (pacing "default")');
    expect(plan({ attempts: [sms(5)] }).verdict).toBe('send');
  });

  it('a promise not yet due holds back check-ins, but not the promise reminder itself', () => {
    const commitments = [{ arrangementId: 'arr-1', kind: 'promise' as const, dueDate: '2026-06-12' }];
    expect(plan({ commitments, attempts: [sms(3)] }).reasonId).toBe('pacing-promisePending');
    const reminder = paymentDue({ kind: 'promise-due', arrangement: { id: 'arr-1', kind: 'promise' } });
    expect(plan({ message: reminder, commitments, attempts: [sms(3)] }).verdict).toBe('send');
  });

  it('a portfolio policy can be stricter for everyone', () => {
    const pacing = pacingPolicySchema.parse({ name: 'gentle', standard: { maxMessages: 1, periodDays: 7 } });
    const decided = plan({ pacing, attempts: [sms(3)] });
    expect(decided.reasonId).toBe('pacing-standard');
    expect(decided.pacing?.citation).toBe('Parley policy (pacing "gentle")');
  });
});

describe('messages that lost their point', () => {
  it('a reminder past its expiry is suppressed', () => {
    const decided = plan({ message: paymentDue({ expiresAt: new Date('2026-06-10T04:00:00Z') }) });
    expect(decided.verdict).toBe('suppress');
    expect(decided.reasonId).toBe('expired');
  });

  it('a reminder that could only go after its expiry is suppressed rather than deferred', () => {
    const decided = plan({ message: paymentDue({ expiresAt: new Date('2026-06-11T04:00:00Z') }), attempts: [sms(5), sms(2)] });
    expect(decided.verdict).toBe('suppress');
    expect(decided.reasonId).toBe('expired');
  });

  it('a follow-up is cancelled once the consumer has written in', () => {
    const decided = plan({ message: checkIn({ kind: 'follow-up', createdAt: new Date(NOON.getTime() - 3 * DAY) }), attempts: [sms(1, 'consumer')] });
    expect(decided.verdict).toBe('cancel');
    expect(decided.reasonId).toBe('answered');
  });

  it('a channel this instance has no sender for waits an hour instead of being dropped', () => {
    const decided = plan({ deliverable: ['teams'] });
    expect(decided.verdict).toBe('defer');
    expect(decided.reasonId).toBe('no-sender');
    expect(decided.deferUntil).toEqual(new Date(NOON.getTime() + 3_600_000));
  });

  it('no mobile number and no conversation: suppressed, saying why', () => {
    const account = makeAccount({ phones: [{ number: '+16175550123', type: 'home' }] });
    const decided = plan({ account, message: checkIn({ channel: 'auto' }) });
    expect(decided.verdict).toBe('suppress');
    expect(decided.reason).toContain('no mobile number on file');
  });
});
