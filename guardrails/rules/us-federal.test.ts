import { describe, expect, it, vi } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { evaluate } from '../gate/evaluate.js';
import { makeAccount, makeFlags, makeRequest, pastAttempts } from '../gate/test-fixtures.js';
import { checkAllow, checkDeny, citationIn, type PackCase } from './pack-table.js';
import { retentionYears, smsKeywords } from './policy.js';
import { validationPeriod } from './validation-period.js';

// The draft checks belong to guardrails/content; a stand-in flags "[[rule-id]]" so this table pins
// down that every content rule id exists in the pack with its citation and blocks a template.
vi.mock('../content/index.js', () => ({
  checkDraft: (text: string) => {
    const marker = /\[\[([a-z-]+)\]\]/.exec(text);
    return marker ? [{ ruleId: marker[1], reason: `the draft says ${marker[0]}` }] : [];
  },
}));

// A Texas account (federal rules only): Dallas phone and ZIP, Central time. Wednesday 2026-06-10, 12:00 CDT.
const AT = new Date('2026-06-10T17:00:00Z');
const PARLEY: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'parley' };
const CONSUMER: ConversationFacts = { ...PARLEY, initiatedBy: 'consumer' };
const UNVERIFIED: ConversationFacts = { firstCommunication: true, identityVerified: false, initiatedBy: 'parley' };
const BEFORE = '2026-06-01T12:00:00Z';
const texas = makeAccount({ region: 'TX', postalCode: '75201', city: 'Dallas', phones: [{ number: '+12145550123', type: 'mobile' }, { number: '+12145550177', type: 'work' }] });
const base = makeRequest({ account: texas, at: AT, facts: PARLEY, purpose: 'reminder' });
const at = (iso: string) => ({ at: new Date(iso) });
const flags = (values: Parameters<typeof makeFlags>[0]) => ({ flags: makeFlags(values) });

const cases: PackCase[] = [
  { rule: 'time-of-day', about: '08:00 local is permitted, 07:59 deferred to 08:00', allow: at('2026-06-10T13:00:00Z'), deny: at('2026-06-10T12:59:00Z'), denyVerdict: 'defer', deferUntil: '2026-06-10T13:00:00.000Z' },
  { rule: 'time-of-day', about: '21:00 local is permitted, 21:01 deferred to the next morning', allow: at('2026-06-11T02:00:00Z'), deny: at('2026-06-11T02:01:00Z'), denyVerdict: 'defer', deferUntil: '2026-06-11T13:00:00.000Z' },
  {
    rule: 'ambiguous-location',
    about: 'Central phone + Pacific address: 10:00 Central permitted, 09:59 not',
    allow: { account: makeAccount({ jurisdiction: 'US-TX', region: 'CA', postalCode: '90012', phones: ['+12145550123'] }), at: new Date('2026-06-10T15:00:00Z') },
    deny: { account: makeAccount({ jurisdiction: 'US-TX', region: 'CA', postalCode: '90012', phones: ['+12145550123'] }), at: new Date('2026-06-10T14:59:00Z') },
    denyVerdict: 'defer',
    denyRule: 'time-of-day',
    deferUntil: '2026-06-10T15:00:00.000Z',
  },
  {
    rule: 'consumer-designated',
    about: '"not before noon": 12:00 permitted, 11:59 deferred',
    allow: { ...flags({ inconvenientTimes: [{ at: BEFORE, notBefore: '12:00' }] }), ...at('2026-06-10T17:00:00Z') },
    deny: { ...flags({ inconvenientTimes: [{ at: BEFORE, notBefore: '12:00' }] }), ...at('2026-06-10T16:59:00Z') },
    denyVerdict: 'defer',
    deferUntil: '2026-06-10T17:00:00.000Z',
  },
  { rule: 'attorney', about: 'a rights confirmation in reply, not a collection message', allow: { ...flags({ attorney: { at: BEFORE } }), facts: CONSUMER, purpose: 'rights-confirmation' }, deny: { ...flags({ attorney: { at: BEFORE } }), purpose: 'collection' }, denyVerdict: 'suppress' },
  {
    rule: 'workplace',
    about: 'the mobile, not the work number the employer forbids',
    allow: { ...flags({ workplaceProhibited: true }), target: { address: '+12145550177' }, facts: CONSUMER },
    deny: { ...flags({ workplaceProhibited: true }), target: { address: '+12145550177' } },
    denyVerdict: 'suppress',
  },
  { rule: 'cease', about: 'a notice that efforts are ending, not a reminder', allow: { ...flags({ cease: { at: BEFORE, kind: 'cease' } }), purpose: 'cease-notice-ending' }, deny: { ...flags({ cease: { at: BEFORE, kind: 'refusal' } }) }, denyVerdict: 'suppress' },
  {
    rule: 'medium-restriction',
    about: 'email after a text opt-out, not another text',
    allow: { ...flags({ optOuts: [{ medium: 'sms', at: BEFORE, confirmationSent: true }] }), channel: 'email' },
    deny: { ...flags({ optOuts: [{ medium: 'sms', at: BEFORE, confirmationSent: true }] }) },
    denyVerdict: 'suppress',
  },
  {
    rule: 'revocation',
    about: 'the confirmation 4 minutes after the opt-out, not 6',
    allow: { ...flags({ optOuts: [{ medium: 'sms', at: '2026-06-10T16:56:00Z', confirmationSent: false }] }), purpose: 'opt-out-confirmation', facts: CONSUMER },
    deny: { ...flags({ optOuts: [{ medium: 'sms', at: '2026-06-10T16:54:00Z', confirmationSent: false }] }), purpose: 'opt-out-confirmation', facts: CONSUMER },
    denyVerdict: 'suppress',
  },
  { rule: 'call-frequency', about: 'a 7th call attempt in 7 days, not an 8th', allow: { channel: 'voice', attempts: pastAttempts(AT, [10, 30, 50, 70, 90, 110], { channel: 'voice' }) }, deny: { channel: 'voice', attempts: pastAttempts(AT, [10, 30, 50, 70, 90, 110, 130], { channel: 'voice' }) }, denyVerdict: 'defer', deferUntil: '2026-06-12T13:00:00.000Z' },
  { rule: 'call-cooldown', about: 'a call 8 days after a conversation, not 2', allow: { channel: 'voice', attempts: pastAttempts(AT, [192], { channel: 'voice', outcome: 'conversation' }) }, deny: { channel: 'voice', attempts: pastAttempts(AT, [48], { channel: 'voice', outcome: 'conversation' }) }, denyVerdict: 'defer', deferUntil: '2026-06-15T17:00:00.000Z' },
  { rule: 'electronic-frequency', about: 'a 7th text or email in 7 days, not an 8th', allow: { attempts: pastAttempts(AT, [10, 20, 30, 40, 50, 60]) }, deny: { attempts: pastAttempts(AT, [10, 20, 30, 40, 50, 60, 70]) }, denyVerdict: 'defer', deferUntil: '2026-06-14T19:00:00.000Z' },
  { rule: 'dispute', about: 'a rights confirmation, not a collection message, while a dispute is unanswered', allow: { ...flags({ dispute: { at: BEFORE, scope: 'all', withinValidationPeriod: true } }), purpose: 'rights-confirmation' }, deny: { ...flags({ dispute: { at: BEFORE, scope: 'all', withinValidationPeriod: true } }), purpose: 'collection' }, denyVerdict: 'suppress' },
  { rule: 'third-party', about: 'a collection message to a verified consumer, not to an unverified reader', allow: { purpose: 'collection' }, deny: { purpose: 'collection', facts: UNVERIFIED }, denyVerdict: 'block' },
  { rule: 'wrong-person', about: 'no collection message to a wrong person', allow: { ...flags({ wrongPerson: { at: BEFORE, numbers: [] } }), purpose: 'reply', facts: CONSUMER }, deny: { ...flags({ wrongPerson: { at: BEFORE, numbers: [] } }), purpose: 'collection' }, denyVerdict: 'suppress' },
  { rule: 'deceased', about: 'no collection message about a deceased consumer', allow: { ...flags({ deceased: { at: BEFORE } }), purpose: 'handoff', facts: CONSUMER }, deny: { ...flags({ deceased: { at: BEFORE } }) }, denyVerdict: 'suppress' },
  { rule: 'bankruptcy', about: 'no collection in bankruptcy', allow: { ...flags({ bankruptcy: { at: BEFORE } }), purpose: 'rights-confirmation' }, deny: { ...flags({ bankruptcy: { at: BEFORE } }), purpose: 'collection' }, denyVerdict: 'suppress' },
  { rule: 'crisis', about: 'crisis resources, no collection', allow: { ...flags({ crisis: { at: BEFORE } }), purpose: 'crisis-support', facts: CONSUMER }, deny: { ...flags({ crisis: { at: BEFORE } }) }, denyVerdict: 'suppress' },
  { rule: 'legal-hold', about: 'no collection on legal hold', allow: { ...flags({ legalHold: { at: BEFORE, reason: 'litigation' } }), purpose: 'handoff' }, deny: { ...flags({ legalHold: { at: BEFORE, reason: 'litigation' } }) }, denyVerdict: 'suppress' },
  { rule: 'social-media', about: 'a private Teams chat, not a shared channel', allow: { channel: 'teams' }, deny: { channel: 'teams', audience: 'shared' }, denyVerdict: 'suppress' },
  { rule: 'sms-length', about: '300 characters fit, 1,600 do not', allow: { draft: 'a'.repeat(300) }, deny: { draft: 'a'.repeat(1600) }, denyVerdict: 'block' },
  ...[
    'threat-criminal',
    'threat-unintended-action',
    'time-barred-suit',
    'impersonation',
    'abusive-language',
    'overshadowing',
    'false-urgency',
    'amount-not-on-account',
    'date-not-on-account',
    'outside-authority',
    'unauthorized-fee',
    'third-party-disclosure',
    'sensitive-number',
    'leaked-instructions',
  ].map(
    (rule): PackCase => ({ rule: 'draft-checks', about: `a finding of ${rule} blocks the template`, allow: {}, deny: { draft: `Hello [[${rule}]]` }, denyVerdict: 'block', denyRule: rule }),
  ),
];

describe('us-federal pack: allow and deny, clock pinned to Wednesday 2026-06-10 12:00 CDT', () => {
  describe.each(cases)('$rule: $about', (c) => {
    it('allow', () => {
      if (c.rule === 'draft-checks') {
        const decision = evaluate({ ...base, ...c.allow });
        expect(decision.verdict).toBe('send');
        expect(decision.rules.find((r) => r.ruleId === 'draft-checks')?.citation).toContain('12 CFR 1006.18(b)–(c)');
        return;
      }
      checkAllow('us-federal', c, base);
    });
    it('deny', () => {
      if (c.rule === 'draft-checks') {
        const decision = evaluate({ ...base, ...c.deny });
        expect(decision.verdict).toBe('block');
        expect(decision.violations).toEqual([{ ruleId: c.denyRule, citation: citationIn('us-federal', c.denyRule ?? ''), reason: `the draft says [[${c.denyRule}]]` }]);
        return;
      }
      checkDeny('us-federal', c, base);
    });
  });

  it('e-opt-out: every text carries the opt-out notice; the opt-out confirmation alone carries nothing', () => {
    expect(evaluate(base).text).toMatch(/Reply STOP to opt out\.$/);
    expect(evaluate({ ...base, channel: 'email' }).text).toMatch(/reply with the word STOP\.$/);
    const confirmation = evaluate({ ...base, ...flags({ optOuts: [{ medium: 'sms', at: '2026-06-10T16:58:00Z', confirmationSent: false }] }), purpose: 'opt-out-confirmation', facts: CONSUMER, draft: 'Done: no more texts.' });
    expect(confirmation.text).toBe('Done: no more texts.');
    expect(confirmation.rules.find((r) => r.ruleId === 'e-opt-out')?.citation).toBe('12 CFR 1006.6(e)');
  });

  it('disclosures: the first verified message gets the initial disclosure; before verification it is withheld', () => {
    const first = evaluate({ ...base, facts: { ...PARLEY, firstCommunication: true } });
    expect(first.text).toMatch(/^This message is from a debt collector\. We are trying to collect a debt/);
    const later = evaluate(base);
    expect(later.text).toMatch(/^This message is from a debt collector\. Your balance/);
    const unverified = evaluate({ ...base, facts: UNVERIFIED, purpose: 'identity-check', draft: 'This is Parley with a personal business matter for Jane. Is this Jane?' });
    expect(unverified.text).toBe('This is Parley with a personal business matter for Jane. Is this Jane? Reply STOP to opt out.');
    expect(unverified.rules.find((r) => r.ruleId === 'disclosures')).toMatchObject({ citation: '12 CFR 1006.18(e)' });
  });

  it('validation: a collection message notes the running validation period, and when it has ended', () => {
    const account = makeAccount({ region: 'TX', postalCode: '75201', phones: ['+12145550123'] });
    const running = evaluate({ ...base, account: { ...account, validationNoticeSentAt: '2026-06-01' }, purpose: 'collection' });
    expect(running.rules.find((r) => r.ruleId === 'validation')).toEqual({
      ruleId: 'validation',
      citation: '12 CFR 1006.34',
      reason: 'validation period running (notice sent 2026-06-01, assumed received 2026-06-08, ends 2026-07-08): nothing may overshadow the right to dispute',
    });
    expect(evaluate({ ...base, account, purpose: 'collection' }).rules.find((r) => r.ruleId === 'validation')?.reason).toContain('ended');
  });

  it('validation: receipt skips weekends and federal holidays', () => {
    const account = makeAccount({ region: 'TX', postalCode: '75201', phones: ['+12145550123'] });
    // Sent Thursday 2026-06-18: Juneteenth (Friday) and the weekend do not count.
    expect(validationPeriod({ ...account, validationNoticeSentAt: '2026-06-18' }, AT)).toMatchObject({ receivedOn: '2026-06-26', endsOn: '2026-07-26', running: true });
    // Sent Wednesday 2026-12-23: Christmas (Friday) does not count.
    expect(validationPeriod({ ...account, validationNoticeSentAt: '2026-12-23' }, AT)).toMatchObject({ receivedOn: '2026-12-31' });
  });

  it('retention and SMS keywords come from the pack', () => {
    expect(retentionYears(['US'], AT)).toEqual({ years: 3, ruleId: 'retention', citation: '12 CFR 1006.100' });
    expect(smsKeywords(['US'], AT)).toMatchObject({ optOut: expect.arrayContaining(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT']), help: ['HELP', 'INFO'], optIn: ['START', 'YES', 'UNSTOP'] });
  });

  it('the revocation rule is not in force before its effective date (2025-04-11)', () => {
    const early = evaluate({ ...base, at: new Date('2025-04-10T17:00:00Z'), ...flags({ optOuts: [{ medium: 'sms', at: '2025-04-10T16:50:00Z', confirmationSent: false }] }), purpose: 'opt-out-confirmation', facts: CONSUMER });
    expect(early.rules.map((r) => r.ruleId)).not.toContain('revocation');
    expect(early.verdict).toBe('send');
  });

  it('names the combined version', () => {
    expect(evaluate(base).packVersion).toBe('us-federal@2026.11.0');
  });
});
