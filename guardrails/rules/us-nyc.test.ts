import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { evaluate } from '../gate/evaluate.js';
import { makeAccount, makeFlags, makeRequest, pastAttempts } from '../gate/test-fixtures.js';
import { checkAllow, checkDeny, type PackCase } from './pack-table.js';

// A Manhattan account; Wednesday 2026-06-10, 12:00 EDT.
const AT = new Date('2026-06-10T16:00:00Z');
const PARLEY: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'parley' };
const account = makeAccount({ region: 'NY', postalCode: '10001', city: 'New York', phones: ['+12125550123'] });
const consent = makeFlags({ electronicConsent: { at: '2026-05-01T12:00:00Z', media: ['sms', 'email'] } });
const base = makeRequest({ account, flags: consent, at: AT, facts: PARLEY, purpose: 'reminder' });

const cases: PackCase[] = [
  {
    rule: 'nyc-frequency',
    about: 'a 3rd contact in 7 days, not a 4th, across all channels',
    allow: { attempts: [...pastAttempts(AT, [10], { channel: 'voice' }), ...pastAttempts(AT, [20], { channel: 'email' })] },
    deny: { attempts: [...pastAttempts(AT, [10], { channel: 'voice' }), ...pastAttempts(AT, [20], { channel: 'email' }), ...pastAttempts(AT, [30], { channel: 'teams' })] },
    denyVerdict: 'defer',
    deferUntil: '2026-06-16T12:00:00.000Z',
  },
  { rule: 'nyc-consent', about: 'texts with written consent, none without', allow: {}, deny: { flags: makeFlags() }, denyVerdict: 'suppress' },
  { rule: 'nyc-consent', about: 'email consent is separate from text consent', allow: { channel: 'email' }, deny: { channel: 'email', flags: makeFlags({ electronicConsent: { at: '2026-05-01T12:00:00Z', media: ['sms'] } }) }, denyVerdict: 'suppress' },
];

describe('us-nyc pack: allow and deny, clock pinned to Wednesday 2026-06-10 12:00 EDT', () => {
  describe.each(cases)('$rule: $about', (c) => {
    it('allow', () => {
      checkAllow('us-nyc', c, base);
    });
    it('deny', () => {
      checkDeny('us-nyc', c, base);
    });
  });

  it('a consumer who texts in without consent still gets a reply', () => {
    const decision = evaluate({ ...base, flags: makeFlags(), facts: { ...PARLEY, initiatedBy: 'consumer' }, purpose: 'reply' });
    expect(decision.verdict).toBe('send');
    expect(decision.rules.find((r) => r.ruleId === 'nyc-consent')?.reason).toContain('the consumer wrote in');
  });

  it('consent given after the instant decided does not count', () => {
    expect(evaluate({ ...base, flags: makeFlags({ electronicConsent: { at: '2026-06-11T00:00:00Z', media: ['sms'] } }) }).verdict).toBe('suppress');
  });

  it('chat needs no consent and names the combined version', () => {
    const decision = evaluate({ ...base, flags: makeFlags(), channel: 'webchat' });
    expect(decision.verdict).toBe('send');
    expect(decision.packVersion).toBe('us-federal@2026.11.0+us-nyc@2026.11.0');
  });
});
