import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { evaluate } from '../gate/evaluate.js';
import { makeAccount, makeRequest, pastAttempts } from '../gate/test-fixtures.js';
import { checkAllow, checkDeny, type PackCase } from './pack-table.js';

// A Seattle account; Wednesday 2026-06-10, 12:00 PDT.
const AT = new Date('2026-06-10T19:00:00Z');
const PARLEY: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'parley' };
const account = makeAccount({ region: 'WA', postalCode: '98101', city: 'Seattle', phones: [{ number: '+12065550123', type: 'mobile' }, { number: '+12065550177', type: 'work' }] });
const base = makeRequest({ account, at: AT, facts: PARLEY, purpose: 'reminder', target: { address: '+12065550123' } });

const cases: PackCase[] = [
  {
    rule: 'wa-frequency',
    about: 'a 3rd communication in a week, not a 4th, across channels',
    allow: { channel: 'teams', attempts: [...pastAttempts(AT, [10], { channel: 'email' }), ...pastAttempts(AT, [20])] },
    deny: { channel: 'teams', attempts: [...pastAttempts(AT, [10], { channel: 'email' }), ...pastAttempts(AT, [20]), ...pastAttempts(AT, [30], { channel: 'webchat' })] },
    denyVerdict: 'defer',
    deferUntil: '2026-06-16T15:00:00.000Z',
  },
  {
    rule: 'wa-frequency-work',
    about: 'one text a week to the work number, not two',
    allow: { target: { address: '+12065550177' } },
    deny: { target: { address: '+12065550177' }, attempts: pastAttempts(AT, [48], { addressType: 'work' }) },
    denyVerdict: 'defer',
    deferUntil: '2026-06-15T19:00:00.000Z',
  },
  { rule: 'wa-time-of-day', about: '08:00 at home permitted, 07:59 not', allow: { at: new Date('2026-06-10T15:00:00Z') }, deny: { at: new Date('2026-06-10T14:59:00Z') }, denyVerdict: 'defer', deferUntil: '2026-06-10T15:00:00.000Z' },
];

describe('us-wa pack: allow and deny, clock pinned to Wednesday 2026-06-10 12:00 PDT', () => {
  describe.each(cases)('$rule: $about', (c) => {
    it('allow', () => {
      checkAllow('us-wa', c, base);
    });
    it('deny', () => {
      checkDeny('us-wa', c, base);
    });
  });

  it('its rules are marked unverified (the reply exemption must be checked)', () => {
    const decision = evaluate(base);
    expect(decision.packVersion).toBe('us-federal@2026.11.0+us-wa@2026.11.0');
    expect(decision.rules.find((r) => r.ruleId === 'wa-frequency')?.citation).toBe('RCW 19.16.250');
  });

  it('replies to the consumer do not count and are not capped', () => {
    const attempts = pastAttempts(AT, [10, 20, 30], { channel: 'email' });
    expect(evaluate({ ...base, facts: { ...PARLEY, initiatedBy: 'consumer' }, attempts }).verdict).toBe('send');
    expect(evaluate({ ...base, attempts: pastAttempts(AT, [10, 20, 30], { initiatedBy: 'consumer' }) }).verdict).toBe('send');
  });
});
