import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { makeRequest } from './test-fixtures.js';

// Wednesday 2026-06-10, 12:00 in Boston (EDT).
const NOON = new Date('2026-06-10T16:00:00Z');
const UNVERIFIED = { firstCommunication: true, identityVerified: false, initiatedBy: 'parley' } as const;
const CHECK_IN = 'Hello, this is Northwind Recovery Services. I have a personal business matter for Jane. Please reply here to continue, or call 1-800-555-0100.';

describe('a Parley-initiated message before identity is verified (12 CFR 1006.6(d))', () => {
  it('goes out when the act is written to reveal no debt, without the debt-collector disclosure', () => {
    const decision = evaluate(makeRequest({ at: NOON, purpose: 'reminder', facts: UNVERIFIED, draft: CHECK_IN, revealsDebt: false }));
    expect(decision.verdict).toBe('send');
    expect(decision.disclosures).toEqual(['sms-opt-out']);
    expect(decision.rules.find((r) => r.ruleId === 'third-party')?.reason).toContain('written to reveal no debt');
  });

  it('is blocked when the act may reveal the debt, or says nothing about it', () => {
    for (const revealsDebt of [true, undefined]) {
      const decision = evaluate(makeRequest({ at: NOON, purpose: 'reminder', facts: UNVERIFIED, draft: CHECK_IN, ...(revealsDebt === undefined ? {} : { revealsDebt }) }));
      expect(decision.verdict).toBe('block');
      expect(decision.violations.map((v) => v.ruleId)).toContain('third-party');
    }
  });

  it('is still blocked when words marked as revealing nothing do reveal the debt', () => {
    const decision = evaluate(makeRequest({ at: NOON, purpose: 'reminder', facts: UNVERIFIED, draft: 'Your balance of $1,234.56 with Acme Bank is overdue.', revealsDebt: false }));
    expect(decision.verdict).toBe('block');
    expect(decision.violations.map((v) => v.ruleId)).toContain('third-party-disclosure');
  });
});
