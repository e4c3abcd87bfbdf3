import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { evaluate } from '../gate/evaluate.js';
import { makeAccount, makeRequest } from '../gate/test-fixtures.js';
import { checkDeny, citationIn, type PackCase } from './pack-table.js';

// A San Francisco account; Wednesday 2026-06-10, 12:00 PDT.
const AT = new Date('2026-06-10T19:00:00Z');
const FIRST: ConversationFacts = { firstCommunication: true, identityVerified: true, initiatedBy: 'consumer' };
const LATER: ConversationFacts = { ...FIRST, firstCommunication: false };
const account = makeAccount({ region: 'CA', postalCode: '94105', city: 'San Francisco', phones: ['+14155550123'], stateLicenceNumber: '10012-99' });
const base = makeRequest({ account, at: AT, facts: FIRST, channel: 'email' });

describe('us-ca pack: allow and deny, clock pinned to Wednesday 2026-06-10 12:00 PDT', () => {
  it('ca-notice allow: the first verified written communication carries the state notice', () => {
    const decision = evaluate(base);
    expect(decision.verdict).toBe('send');
    expect(decision.disclosures).toEqual(['initial-disclosure', 'ca-notice', 'ca-licence', 'email-opt-out']);
    expect(decision.text).toContain('you may contact the Federal Trade Commission at 1-877-FTC-HELP or www.ftc.gov.');
    expect(decision.rules).toContainEqual(expect.objectContaining({ ruleId: 'ca-notice', citation: citationIn('us-ca', 'ca-notice') }));
  });

  it('ca-notice deny: not repeated on later communications, not given before verification', () => {
    expect(evaluate({ ...base, facts: LATER }).disclosures).not.toContain('ca-notice');
    const unverified = evaluate({ ...base, facts: { ...FIRST, identityVerified: false }, draft: 'Please confirm your date of birth.' });
    expect(unverified.disclosures).toEqual(['email-opt-out']);
    expect(unverified.rules.find((r) => r.ruleId === 'ca-notice')?.reason).toContain('withheld until identity is verified');
  });

  it('ca-notice in Spanish when the message is in Spanish', () => {
    expect(evaluate({ ...base, language: 'es', draft: 'Su saldo es $1,234.56.' }).text).toContain('los cobradores no se comuniquen con usted antes de las 8 a.m.');
  });

  it('ca-licence allow: every written or digital communication shows the licence number', () => {
    for (const channel of ['webchat', 'teams', 'sms', 'email'] as const) {
      const decision = evaluate({ ...base, channel, facts: LATER });
      expect(decision.verdict).toBe('send');
      expect(decision.text).toContain('California debt collection license no. 10012-99.');
    }
  });

  const noLicence: PackCase = { rule: 'ca-licence', about: 'an account without the licence number', allow: {}, deny: { account: { ...account, stateLicenceNumber: undefined } }, denyVerdict: 'block' };
  it('ca-licence deny: an account without the licence number is blocked', () => {
    checkDeny('us-ca', noLicence, base);
  });

  it('the notice and licence need room: a first SMS in English fits, in Spanish it does not', () => {
    expect(evaluate({ ...base, channel: 'sms', draft: 'a'.repeat(300) }).verdict).toBe('send');
    expect(evaluate({ ...base, channel: 'sms', language: 'es', draft: 'Hola.' }).verdict).toBe('block');
  });

  it('names the combined version', () => {
    expect(evaluate(base).packVersion).toBe('us-federal@2026.11.0+us-ca@2026.11.0');
  });
});
