import { describe, expect, it } from 'vitest';
import type { ConversationFacts } from '../domain/index.js';
import { evaluate } from '../gate/evaluate.js';
import { makeAccount, makeRequest, pastAttempts } from '../gate/test-fixtures.js';
import { checkAllow, checkDeny, type PackCase } from './pack-table.js';

// A Boston account; Wednesday 2026-06-10, 12:00 EDT.
const AT = new Date('2026-06-10T16:00:00Z');
const PARLEY: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'parley' };
const account = makeAccount({ phones: [{ number: '+16175550123', type: 'mobile' }, { number: '+16175550177', type: 'work' }] });
const base = makeRequest({ account, at: AT, facts: PARLEY, purpose: 'reminder', target: { address: '+16175550123' } });
const toWork = { target: { address: '+16175550177' } };

const cases: PackCase[] = [
  {
    rule: 'ma-frequency',
    about: 'a 2nd text in 7 days to a cell number, not a 3rd (even though the federal electronic cap would allow 7)',
    allow: { attempts: pastAttempts(AT, [30], { addressType: 'mobile' }) },
    deny: { attempts: pastAttempts(AT, [30, 100], { addressType: 'mobile' }) },
    denyVerdict: 'defer',
    deferUntil: '2026-06-13T12:00:00.000Z',
  },
  {
    rule: 'ma-frequency',
    about: 'calls and texts count together',
    allow: { attempts: pastAttempts(AT, [30, 50], { channel: 'email' }) },
    deny: { attempts: [...pastAttempts(AT, [30], { channel: 'voice', addressType: 'home' }), ...pastAttempts(AT, [50], { addressType: 'mobile' })] },
    denyVerdict: 'defer',
  },
  {
    rule: 'ma-frequency-other-numbers',
    about: 'a 2nd text in 30 days to a work number, not a 3rd',
    allow: { ...toWork, attempts: pastAttempts(AT, [24 * 20], { addressType: 'work' }) },
    deny: { ...toWork, attempts: pastAttempts(AT, [24 * 20, 24 * 10], { addressType: 'work' }) },
    denyVerdict: 'defer',
    deferUntil: '2026-06-20T16:00:00.000Z',
  },
];

describe('us-ma pack: allow and deny, clock pinned to Wednesday 2026-06-10 12:00 EDT', () => {
  describe.each(cases)('$rule: $about', (c) => {
    it('allow', () => {
      checkAllow('us-ma', c, base);
    });
    it('deny', () => {
      checkDeny('us-ma', c, base);
    });
  });

  it('combines with the federal pack and names both versions', () => {
    expect(evaluate(base).packVersion).toBe('us-federal@2026.11.0+us-ma@2026.11.0');
  });

  it('does not cap email (the rule covers calls and texts)', () => {
    expect(evaluate({ ...base, channel: 'email', attempts: pastAttempts(AT, [10, 20, 30], { channel: 'email' }) }).verdict).toBe('send');
  });
});
