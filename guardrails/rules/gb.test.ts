import { describe, expect, it, vi } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { evaluate } from '../gate/evaluate.js';
import { makeAccount, makeFlags, makeRequest, pastAttempts } from '../gate/test-fixtures.js';
import { checkAllow, checkDeny, citationIn, type PackCase } from './pack-table.js';
import { smsKeywords } from './policy.js';

vi.mock('../content/index.js', () => ({
  checkDraft: (text: string) => {
    const marker = /\[\[([a-z-]+)\]\]/.exec(text);
    return marker ? [{ ruleId: marker[1], reason: `the draft says ${marker[0]}` }] : [];
  },
}));

// A London account; Wednesday 2026-06-10, 13:00 BST.
const AT = new Date('2026-06-10T12:00:00Z');
const PARLEY: ConversationFacts = { firstCommunication: true, identityVerified: true, initiatedBy: 'parley' };
const CONSUMER: ConversationFacts = { ...PARLEY, initiatedBy: 'consumer' };
const BEFORE = '2026-06-01T12:00:00Z';
const account = makeAccount({ country: 'GB', postalCode: 'SW1A 1AA', city: 'London', phones: ['+447911123456'], currency: 'GBP' });
const base = makeRequest({ account, at: AT, facts: PARLEY, purpose: 'reminder', draft: 'Your balance is £1,234.56.' });
const at = (iso: string) => ({ at: new Date(iso) });

const cases: PackCase[] = [
  { rule: 'uk-times', about: '08:00 BST permitted, 07:59 deferred', allow: at('2026-06-10T07:00:00Z'), deny: at('2026-06-10T06:59:00Z'), denyVerdict: 'defer', deferUntil: '2026-06-10T07:00:00.000Z' },
  { rule: 'uk-times', about: 'the day BST starts (2026-03-29): 08:00 is 07:00Z', allow: at('2026-03-29T07:00:00Z'), deny: at('2026-03-28T07:30:00Z'), denyVerdict: 'defer', deferUntil: '2026-03-28T08:00:00.000Z' },
  { rule: 'uk-times', about: 'the day BST ends (2026-10-25): 08:00 is 08:00Z', allow: at('2026-10-25T08:00:00Z'), deny: at('2026-10-25T07:30:00Z'), denyVerdict: 'defer', deferUntil: '2026-10-25T08:00:00.000Z' },
  { rule: 'consumer-designated', about: 'a shift worker\'s "not before 14:00"', allow: { flags: makeFlags({ inconvenientTimes: [{ at: BEFORE, notBefore: '14:00' }] }), ...at('2026-06-10T13:00:00Z') }, deny: { flags: makeFlags({ inconvenientTimes: [{ at: BEFORE, notBefore: '14:00' }] }) }, denyVerdict: 'defer', deferUntil: '2026-06-10T13:00:00.000Z' },
  { rule: 'uk-vulnerability', about: 'crisis support, no collection, for a customer in crisis', allow: { flags: makeFlags({ crisis: { at: BEFORE } }), purpose: 'crisis-support', facts: CONSUMER }, deny: { flags: makeFlags({ crisis: { at: BEFORE } }), purpose: 'collection' }, denyVerdict: 'suppress' },
  { rule: 'cease', about: 'a notice that efforts end, not a reminder', allow: { flags: makeFlags({ cease: { at: BEFORE, kind: 'cease' } }), purpose: 'cease-notice-ending' }, deny: { flags: makeFlags({ cease: { at: BEFORE, kind: 'cease' } }) }, denyVerdict: 'suppress' },
  { rule: 'medium-restriction', about: 'email after a text opt-out, not another text', allow: { flags: makeFlags({ optOuts: [{ medium: 'sms', at: BEFORE, confirmationSent: true }] }), channel: 'email' }, deny: { flags: makeFlags({ optOuts: [{ medium: 'sms', at: BEFORE, confirmationSent: true }] }) }, denyVerdict: 'suppress' },
  { rule: 'electronic-frequency', about: 'a 7th text in 7 days, not an 8th', allow: { attempts: pastAttempts(AT, [10, 20, 30, 40, 50, 60]) }, deny: { attempts: pastAttempts(AT, [10, 20, 30, 40, 50, 60, 70]) }, denyVerdict: 'defer', deferUntil: '2026-06-14T14:00:00.000Z' },
  { rule: 'third-party', about: 'no collection message to an unverified reader', allow: { purpose: 'collection' }, deny: { purpose: 'collection', facts: { ...PARLEY, identityVerified: false } }, denyVerdict: 'block' },
];

describe('gb pack: allow and deny, clock pinned to Wednesday 2026-06-10 13:00 BST', () => {
  describe.each(cases)('$rule: $about', (c) => {
    it('allow', () => {
      checkAllow('gb', c, base);
    });
    it('deny', () => {
      checkDeny('gb', c, base);
    });
  });

  it.each([
    ['uk-misleading', 'CONC 7.3.10, 7.11'],
    ['false-urgency', 'CONC 7.3.10'],
    ['threat-criminal', 'CONC 7.3.10'],
    ['impersonation', 'CONC 7.3.10'],
    ['amount-not-on-account', 'CONC 7.3.10'],
    ['sensitive-number', 'Parley policy (DESIGN.md principle 7; CFPB chatbot report 2023)'],
  ])('content finding %s cites %s and blocks; a clean draft is sent', (ruleId, citation) => {
    expect(citationIn('gb', ruleId)).toBe(citation);
    const decision = evaluate({ ...base, draft: `Hello [[${ruleId}]]` });
    expect(decision.verdict).toBe('block');
    expect(decision.violations).toEqual([{ ruleId, citation, reason: `the draft says [[${ruleId}]]` }]);
    expect(evaluate(base).verdict).toBe('send');
  });

  it('no US debt-collector disclosure; the opt-out notice as Parley policy', () => {
    const decision = evaluate(base);
    expect(decision.text).toBe('Your balance is £1,234.56. Reply STOP to opt out.');
    expect(decision.packVersion).toBe('gb@2026.11.0');
    expect(decision.rules.find((r) => r.ruleId === 'e-opt-out')?.citation).toBe('Parley policy');
  });

  it('SMS keywords apply to UK numbers too', () => {
    expect(smsKeywords(['GB'], AT)?.optOut).toContain('STOP');
  });
});
