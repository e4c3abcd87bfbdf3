import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { smsUnits } from '../disclosures/index.js';
import { smsBodyBudget } from './budget.js';
import { evaluate } from './evaluate.js';
import { makeAccount, makeFlags, makeRequest } from './test-fixtures.js';
import type { GateRequest } from './types.js';

// Wednesday 2026-06-10, 12:00 in Boston (EDT).
const NOON = new Date('2026-06-10T16:00:00Z');
const EARLY = new Date('2026-06-10T11:00:00Z'); // 07:00 EDT
const BEFORE = '2026-06-01T12:00:00Z';
const AFTER = '2026-06-11T12:00:00Z';
const PARLEY: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'parley' };
const CONSUMER: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' };

function decide(overrides: Partial<GateRequest>) {
  return evaluate(makeRequest({ at: NOON, ...overrides }));
}

function ruleIds(list: readonly { ruleId: string }[]): string[] {
  return list.map((r) => r.ruleId);
}

describe('a clean message', () => {
  it('is sent with its disclosures, every rule named, and the pack version', () => {
    const decision = decide({ facts: PARLEY, purpose: 'reminder' });
    expect(decision.verdict).toBe('send');
    expect(decision.text).toBe('This message is from a debt collector. Your balance is $1,234.56. You can pay by the secure link we sent. Reply STOP to opt out.');
    expect(decision.disclosures).toEqual(['later-disclosure', 'sms-opt-out']);
    expect(decision.violations).toEqual([]);
    expect(decision.packVersion).toBe('us-federal@2026.11.0+us-ma@2026.11.0');
    expect(decision.at).toEqual(NOON);
    expect(decision.sms).toEqual({ encoding: 'GSM-7', units: decision.text?.length, segments: 1, maxSegments: 10 });
    expect(ruleIds(decision.rules)).toEqual(expect.arrayContaining(['time-of-day', 'ambiguous-location', 'electronic-frequency', 'ma-frequency', 'disclosures', 'e-opt-out', 'sms-length', 'draft-checks', 'third-party']));
    for (const rule of decision.rules) expect(rule.citation).not.toBe('');
  });
});

describe('cease (12 CFR 1006.6(c))', () => {
  const flags = makeFlags({ cease: { at: BEFORE, kind: 'cease' } });
  it.each([
    ['cease-notice-ending', PARLEY, 'send'],
    ['cease-notice-remedy', PARLEY, 'send'],
    ['cease-notice-specific-remedy', PARLEY, 'send'],
    ['reminder', PARLEY, 'suppress'],
    ['collection', PARLEY, 'suppress'],
    ['reply', CONSUMER, 'suppress'],
    ['crisis-support', CONSUMER, 'send'],
  ] as const)('%s (%s-initiated) → %s', (purpose, facts, verdict) => {
    const decision = decide({ flags, purpose, facts });
    expect(decision.verdict).toBe(verdict);
    if (verdict === 'suppress') {
      expect(decision.violations[0]).toMatchObject({ ruleId: 'cease', citation: '12 CFR 1006.6(c)' });
      expect(decision.text).toBeNull();
    }
  });

  it('a cease learned after the instant decided does not change a replayed decision', () => {
    expect(decide({ flags: makeFlags({ cease: { at: AFTER, kind: 'cease' } }), purpose: 'reminder', facts: PARLEY }).verdict).toBe('send');
  });
});

describe('attorney (12 CFR 1006.6(b)(2))', () => {
  const flags = makeFlags({ attorney: { at: BEFORE, name: 'A. Lawyer' } });
  it.each([
    ['collection', PARLEY, 'suppress'],
    ['rights-confirmation', PARLEY, 'suppress'],
    ['reply', CONSUMER, 'suppress'],
    ['rights-confirmation', CONSUMER, 'send'],
  ] as const)('%s (%s) → %s', (purpose, facts, verdict) => {
    const decision = decide({ flags, purpose, facts });
    expect(decision.verdict).toBe(verdict);
    expect(decision.rules.find((r) => r.ruleId === 'attorney')?.reason).toContain('A. Lawyer');
  });
});

describe('medium opt-out (12 CFR 1006.14(h)) and revocation of text consent (47 CFR 64.1200(a)(10)–(12))', () => {
  const optedOutAt = '2026-06-10T15:58:00Z';
  const flags = makeFlags({ optOuts: [{ medium: 'sms', at: optedOutAt, confirmationSent: false }] });
  it('nothing Parley-initiated on the medium', () => {
    const decision = decide({ flags, purpose: 'reminder', facts: PARLEY });
    expect(decision.verdict).toBe('suppress');
    expect(decision.violations[0]).toMatchObject({ ruleId: 'medium-restriction', citation: '12 CFR 1006.14(h)' });
  });

  it('another medium is still open', () => {
    expect(decide({ flags, channel: 'email', purpose: 'reminder', facts: PARLEY }).verdict).toBe('send');
  });

  it('one confirmation within 5 minutes, containing nothing else', () => {
    const decision = decide({ flags, purpose: 'opt-out-confirmation', facts: CONSUMER, draft: 'You will not get more texts from us at this number.' });
    expect(decision.verdict).toBe('send');
    expect(decision.text).toBe('You will not get more texts from us at this number.');
    expect(decision.disclosures).toEqual([]);
  });

  it('no confirmation after 5 minutes', () => {
    const decision = decide({ flags, purpose: 'opt-out-confirmation', facts: CONSUMER, at: new Date('2026-06-10T16:03:01Z') });
    expect(decision.verdict).toBe('suppress');
    expect(decision.violations[0]).toMatchObject({ ruleId: 'revocation', citation: 'FCC 24-24; 47 CFR 64.1200(a)(10)–(12)' });
  });

  it('no second confirmation', () => {
    const sent = makeFlags({ optOuts: [{ medium: 'sms', at: optedOutAt, confirmationSent: true }] });
    expect(decide({ flags: sent, purpose: 'opt-out-confirmation', facts: CONSUMER }).violations[0]?.reason).toContain('already been sent');
  });

  it('no confirmation of an opt-out that was never made', () => {
    expect(decide({ purpose: 'opt-out-confirmation', facts: CONSUMER }).verdict).toBe('suppress');
  });

  it('a reply when the consumer writes in on the opted-out medium', () => {
    const decision = decide({ flags, purpose: 'reply', facts: CONSUMER });
    expect(decision.verdict).toBe('send');
    expect(decision.rules.find((r) => r.ruleId === 'medium-restriction')?.reason).toContain('the consumer wrote in on it');
  });

  it('an opt-out of one number leaves another number open', () => {
    const one = makeFlags({ optOuts: [{ medium: 'sms', at: optedOutAt, address: '+16175550123', confirmationSent: true }] });
    expect(decide({ flags: one, purpose: 'reminder', facts: PARLEY, target: { address: '+16175550123' } }).verdict).toBe('suppress');
    expect(decide({ flags: one, purpose: 'reminder', facts: PARLEY, target: { address: '+16175550199', type: 'mobile' } }).verdict).toBe('send');
  });
});

describe('wrong person, deceased, dispute, bankruptcy, crisis, legal hold stop collection', () => {
  it.each([
    ['wrongPerson', { wrongPerson: { at: BEFORE, numbers: [] } }, 'wrong-person', '12 CFR 1006.6(d)'],
    ['deceased', { deceased: { at: BEFORE } }, 'deceased', '12 CFR 1006.6(d); Parley policy'],
    ['dispute', { dispute: { at: BEFORE, scope: 'all', withinValidationPeriod: true } }, 'dispute', '12 CFR 1006.38'],
    ['bankruptcy', { bankruptcy: { at: BEFORE } }, 'bankruptcy', '11 U.S.C. 362'],
    ['crisis', { crisis: { at: BEFORE } }, 'crisis', 'Parley policy (CFPB chatbot report 2023)'],
    ['legalHold', { legalHold: { at: BEFORE, reason: 'litigation' } }, 'legal-hold', 'Parley policy'],
  ] as const)('%s: a collection message is suppressed, a reply is not', (_, flagValues, ruleId, citation) => {
    const flags = makeFlags(flagValues as Parameters<typeof makeFlags>[0]);
    const blocked = decide({ flags, purpose: 'collection', facts: PARLEY });
    expect(blocked.verdict).toBe('suppress');
    expect(blocked.violations[0]).toMatchObject({ ruleId, citation });
    expect(decide({ flags, purpose: 'reply', facts: CONSUMER }).verdict).toBe('send');
  });

  it('a dispute stops pausing collection once verification is sent, or outside the validation period', () => {
    const verified = makeFlags({ dispute: { at: BEFORE, scope: 'all', withinValidationPeriod: true, verificationSentAt: '2026-06-05T12:00:00Z' } });
    expect(decide({ flags: verified, purpose: 'collection', facts: PARLEY }).verdict).toBe('send');
    const late = makeFlags({ dispute: { at: BEFORE, scope: 'part', withinValidationPeriod: false } });
    expect(decide({ flags: late, purpose: 'collection', facts: PARLEY }).verdict).toBe('send');
  });

  it('a wrong-number report for another number does not stop messages to this one', () => {
    const flags = makeFlags({ wrongPerson: { at: BEFORE, numbers: ['+16175550199'] } });
    expect(decide({ flags, purpose: 'collection', facts: PARLEY, target: { address: '+16175550123' } }).verdict).toBe('send');
    expect(decide({ flags, purpose: 'collection', facts: PARLEY, target: { address: '+16175550199' } }).verdict).toBe('suppress');
  });

  it('crisis resources go out even in crisis', () => {
    expect(decide({ flags: makeFlags({ crisis: { at: BEFORE } }), purpose: 'crisis-support', facts: CONSUMER, draft: 'You can call or text 988 at any time.' }).verdict).toBe('send');
  });
});

describe('identity before anything that reveals the debt (12 CFR 1006.6(d))', () => {
  const unverified: ConversationFacts = { firstCommunication: true, identityVerified: false, initiatedBy: 'parley' };
  it('a collection message to an unverified reader is blocked', () => {
    const decision = decide({ facts: unverified, purpose: 'collection' });
    expect(decision.verdict).toBe('block');
    expect(decision.violations[0]).toMatchObject({ ruleId: 'third-party', citation: '12 CFR 1006.6(d)' });
  });

  it('an identity check goes out with no debt-collector disclosure', () => {
    const decision = decide({ facts: unverified, purpose: 'identity-check', draft: 'Hi, this is Parley with a personal business matter for Jane Doe. Reply YES if this is Jane.' });
    expect(decision.verdict).toBe('send');
    expect(decision.disclosures).toEqual(['sms-opt-out']);
  });

  it('the first message after verification carries the initial disclosure', () => {
    const decision = decide({ facts: { firstCommunication: true, identityVerified: true, initiatedBy: 'consumer' } });
    expect(decision.disclosures).toEqual(['initial-disclosure', 'sms-opt-out']);
  });
});

describe('contact window and caps: collector-initiated only', () => {
  it('a Parley-initiated message at 07:00 local is deferred to 08:00', () => {
    const decision = decide({ facts: PARLEY, purpose: 'reminder', at: EARLY });
    expect(decision.verdict).toBe('defer');
    expect(decision.deferUntil?.toISOString()).toBe('2026-06-10T12:00:00.000Z');
    expect(decision.violations).toEqual([expect.objectContaining({ ruleId: 'time-of-day', citation: '12 CFR 1006.6(b)(1)(i)' })]);
    expect(decision.text).toContain('Reply STOP to opt out.');
  });

  it.each([
    ['2026-03-08T12:30:00Z', 'send', undefined],
    ['2026-03-07T12:30:00Z', 'defer', '2026-03-07T13:00:00.000Z'],
    ['2026-11-01T12:30:00Z', 'defer', '2026-11-01T13:00:00.000Z'],
    ['2026-10-31T12:30:00Z', 'send', undefined],
  ] as const)('on the US DST change days, a reminder at %s → %s', (instant, verdict, until) => {
    const decision = decide({ facts: PARLEY, purpose: 'reminder', at: new Date(instant) });
    expect(decision.verdict).toBe(verdict);
    expect(decision.deferUntil?.toISOString()).toBe(until);
  });

  it('a reply to a consumer who writes in at 07:00 is sent', () => {
    const decision = decide({ facts: CONSUMER, at: EARLY });
    expect(decision.verdict).toBe('send');
    expect(ruleIds(decision.rules)).toContain('consumer-initiated');
    expect(ruleIds(decision.rules)).not.toContain('time-of-day');
  });

  it('an account with no location information gets no collector-initiated message, but replies', () => {
    const account = makeAccount({ phones: [], postalCode: '99999' });
    const decision = decide({ account, channel: 'email', facts: PARLEY, purpose: 'reminder' });
    expect(decision.verdict).toBe('suppress');
    expect(decision.violations[0]?.reason).toContain('no time zone is assumed');
    expect(decide({ account, channel: 'email', facts: CONSUMER }).verdict).toBe('send');
  });

  it('a full cap defers to the first instant the cap has freed and the window is open', () => {
    // Massachusetts: 2 texts in 7 days to a personal number. The older one turns 7 days old at 23:00 EDT on 06-12.
    const attempts = [
      { accountId: 'ACC-1001', channel: 'sms' as const, at: '2026-06-06T03:00:00Z', initiatedBy: 'parley' as const, outcome: 'delivered' as const, addressType: 'mobile' as const },
      { accountId: 'ACC-1001', channel: 'sms' as const, at: '2026-06-09T15:00:00Z', initiatedBy: 'parley' as const, outcome: 'delivered' as const, addressType: 'mobile' as const },
    ];
    const decision = decide({ facts: PARLEY, purpose: 'reminder', attempts, target: { address: '+16175550123' } });
    expect(decision.verdict).toBe('defer');
    expect(decision.violations.map((v) => v.ruleId)).toEqual(['ma-frequency']);
    expect(decision.deferUntil?.toISOString()).toBe('2026-06-13T12:00:00.000Z');
    expect(decide({ facts: CONSUMER, attempts }).verdict).toBe('send');
  });
});

describe('consumer-designated inconvenient times (12 CFR 1006.6(b)(1))', () => {
  const flags = makeFlags({ inconvenientTimes: [{ at: BEFORE, notBefore: '12:00', said: 'not before noon' }] });
  const nine = new Date('2026-06-10T13:00:00Z');
  it('a Parley-initiated message at 09:00 waits until noon', () => {
    const decision = decide({ flags, facts: PARLEY, purpose: 'reminder', at: nine });
    expect(decision.verdict).toBe('defer');
    expect(decision.deferUntil?.toISOString()).toBe('2026-06-10T16:00:00.000Z');
    expect(decision.violations[0]?.ruleId).toBe('consumer-designated');
  });

  it('a consumer who writes in at 09:00 gets one reply, and the next waits', () => {
    expect(decide({ flags, facts: CONSUMER, at: nine, repliesSinceInbound: 0 }).verdict).toBe('send');
    const second = decide({ flags, facts: CONSUMER, at: nine, repliesSinceInbound: 1 });
    expect(second.verdict).toBe('defer');
    expect(second.deferUntil?.toISOString()).toBe('2026-06-10T16:00:00.000Z');
    expect(second.violations[0]).toMatchObject({ ruleId: 'consumer-designated', citation: '12 CFR 1006.6(b)(1), comments 6(b)(1)-1, -2' });
  });

  it('replies at a convenient time are not limited', () => {
    expect(decide({ flags, facts: CONSUMER, repliesSinceInbound: 5 }).verdict).toBe('send');
  });
});

describe('workplace (12 CFR 1006.6(b)(3))', () => {
  const account = makeAccount({ phones: [{ number: '+16175550123', type: 'mobile' }, { number: '+16175550177', type: 'work' }] });
  it('no Parley-initiated text to a work number the employer forbids; the mobile is fine', () => {
    const flags = makeFlags({ workplaceProhibited: true });
    const decision = decide({ account, flags, facts: PARLEY, purpose: 'reminder', target: { address: '+16175550177' } });
    expect(decision.verdict).toBe('suppress');
    expect(decision.violations[0]).toMatchObject({ ruleId: 'workplace', citation: '12 CFR 1006.6(b)(3)' });
    expect(decide({ account, flags, facts: PARLEY, purpose: 'reminder', target: { address: '+16175550123' } }).verdict).toBe('send');
  });

  it('the consumer saying work is inconvenient binds the same way; their own text from work gets a reply', () => {
    const flags = makeFlags({ inconvenientPlaces: [{ at: BEFORE, place: 'work' }] });
    expect(decide({ account, flags, facts: PARLEY, purpose: 'reminder', target: { address: '+16175550177' } }).verdict).toBe('suppress');
    expect(decide({ account, flags, facts: CONSUMER, target: { address: '+16175550177' } }).verdict).toBe('send');
  });
});

describe('social media and shared conversations (12 CFR 1006.22(f)(4))', () => {
  it('nothing is posted where others can read it', () => {
    const decision = decide({ channel: 'teams', audience: 'shared', facts: CONSUMER });
    expect(decision.verdict).toBe('suppress');
    expect(decision.violations[0]).toMatchObject({ ruleId: 'social-media', citation: '12 CFR 1006.22(f)(4)' });
    expect(decide({ channel: 'teams', audience: 'private', facts: CONSUMER }).verdict).toBe('send');
  });
});

describe('no rule pack', () => {
  it('an account in a country without a pack gets nothing', () => {
    const account = makeAccount({ country: 'FR', postalCode: '75001', region: 'IDF', city: 'Paris', phones: ['+33612345678'] });
    const decision = decide({ account, facts: CONSUMER });
    expect(decision.verdict).toBe('suppress');
    expect(decision.packVersion).toBe('none');
  });
});

describe('SMS length budget', () => {
  it('a template body that cannot fit in 10 segments with its disclosures is blocked, saying by how much', () => {
    const decision = decide({ facts: CONSUMER, draft: 'a'.repeat(1500) });
    expect(decision.verdict).toBe('block');
    expect(decision.violations[0]?.ruleId).toBe('sms-length');
    expect(decision.violations[0]?.reason).toMatch(/needs 11 GSM-7 segments .* shorten the body by \d+ characters/);
  });

  it('a model draft that does not fit gives way to its template', () => {
    const decision = decide({ facts: CONSUMER, draft: 'a'.repeat(1500), draftSource: 'model', fallback: 'Your balance is $1,234.56.' });
    expect(decision.verdict).toBe('send');
    expect(decision.text).toBe('This message is from a debt collector. Your balance is $1,234.56. Reply STOP to opt out.');
    expect(decision.replacedDraft?.violations[0]?.ruleId).toBe('sms-length');
  });

  it('smsBodyBudget tells a renderer exactly how much room is left', () => {
    const request = makeRequest({ at: NOON, facts: CONSUMER });
    const budget = smsBodyBudget(request);
    expect(budget).toMatchObject({ encoding: 'GSM-7', maxSegments: 10, capacity: 1530 });
    expect(budget.overhead).toBe(smsUnits('This message is from a debt collector.  Reply STOP to opt out.'));
    expect(decide({ facts: CONSUMER, draft: 'a'.repeat(budget.remaining) }).verdict).toBe('send');
    expect(decide({ facts: CONSUMER, draft: 'a'.repeat(budget.remaining + 1) }).verdict).toBe('block');
  });

  it('in Spanish the accents make it UCS-2, and the budget says so', () => {
    const request = makeRequest({ at: NOON, facts: CONSUMER, language: 'es' });
    const budget = smsBodyBudget(request, 'Su saldo es $1,234.56.');
    expect(budget.encoding).toBe('UCS-2');
    expect(budget.capacity).toBe(670);
    const fits = 'a'.repeat(smsBodyBudget(request).remaining);
    expect(decide({ facts: CONSUMER, language: 'es', draft: fits }).verdict).toBe('send');
    expect(decide({ facts: CONSUMER, language: 'es', draft: `${fits}a` }).verdict).toBe('block');
  });

  it('a California first message in Spanish cannot go by SMS at all, and the reason says to use email or chat', () => {
    const account = makeAccount({ region: 'CA', postalCode: '94105', phones: ['+14155550123'], stateLicenceNumber: '10012-99' });
    const decision = decide({ account, language: 'es', facts: { ...CONSUMER, firstCommunication: true }, draft: 'Hola.' });
    expect(decision.verdict).toBe('block');
    expect(decision.violations[0]?.reason).toContain('cannot go by SMS: send it by email or chat');
    expect(decide({ account, channel: 'email', language: 'es', facts: { ...CONSUMER, firstCommunication: true }, draft: 'Hola.' }).verdict).toBe('send');
  });
});
