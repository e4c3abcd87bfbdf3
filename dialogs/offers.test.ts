import { describe, expect, it } from 'vitest';
import { parseAccount, type Account } from '../guardrails/index.js';
import { checkPlan, checkSettlement, lowestInstalment, lowestMonthlyInstalment } from './offers.js';

const parsed = parseAccount({
  accountId: 'T-1',
  consumer: {
    firstName: 'Ada',
    lastName: 'Tester',
    dateOfBirth: '1980-04-02',
    phones: [{ number: '+16175550123' }],
    address: { line1: '1 Main St', city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' },
  },
  currentCreditor: 'Acme Bank',
  originalCreditor: 'Acme Bank',
  debt: { itemizationDate: '2026-01-01', amountAtItemization: 1000, currentBalance: 1000 },
  authority: { minInstalment: 50, maxPlanMonths: 12, lowestSettlement: 600 },
});
if (!parsed.ok) throw new Error(parsed.errors.join('; '));
const account: Account = parsed.value;
const now = new Date('2026-11-24T15:00:00Z');

describe('plans within the creditor authority', () => {
  it('accepts $100 a month: ten instalments, the first a week from today', () => {
    const check = checkPlan(account, 10_000, 'monthly', now, 'America/New_York');
    expect(check).toMatchObject({ ok: true, terms: { count: 10, instalment: 10_000 } });
    if (check.ok) expect(check.terms.dates.slice(0, 2)).toEqual(['2026-12-01', '2027-01-01']);
  });

  it('gives an uneven last instalment', () => {
    const check = checkPlan(account, 30_000, 'monthly', now, 'America/New_York');
    expect(check).toMatchObject({ ok: true, terms: { count: 4, finalInstalment: 10_000 } });
  });

  it('refuses an instalment below the minimum and a plan longer than the maximum', () => {
    expect(checkPlan(account, 4_000, 'monthly', now, 'UTC')).toEqual({ ok: false, reason: 'below-minimum' });
    expect(checkPlan(account, 6_000, 'monthly', now, 'UTC')).toEqual({ ok: false, reason: 'too-long' });
    expect(checkPlan(account, 6_000, 'weekly', now, 'UTC')).toMatchObject({ ok: true });
  });

  it('offers the lowest monthly instalment that fits in the maximum length', () => {
    expect(lowestMonthlyInstalment(account)).toBe(8_334);
    expect(checkPlan(account, lowestMonthlyInstalment(account), 'monthly', now, 'UTC').ok).toBe(true);
  });
});

describe('the lowest instalment offered back after a proposal out of bounds', () => {
  it('is one the plan check accepts, at every frequency, and one cent less is refused', () => {
    for (const frequency of ['weekly', 'biweekly', 'monthly'] as const) {
      const lowest = lowestInstalment(account, frequency);
      expect(checkPlan(account, lowest, frequency, now, 'UTC').ok, frequency).toBe(true);
      expect(checkPlan(account, lowest - 1, frequency, now, 'UTC').ok, frequency).toBe(false);
    }
  });

  it('takes 52 weekly payments in 12 months (no floating-point shortfall)', () => {
    const small = { ...account, authority: { ...account.authority, minInstalment: 1_000 } };
    expect(lowestInstalment(small, 'weekly')).toBe(1_924);
    expect(checkPlan(small, 1_924, 'weekly', now, 'UTC')).toMatchObject({ ok: true, terms: { count: 52 } });
  });
});

describe('settlements within the creditor authority', () => {
  it('accepts at or above the lowest settlement, refuses below', () => {
    expect(checkSettlement(account, 60_000)).toEqual({ ok: true, amount: 60_000 });
    expect(checkSettlement(account, 59_999)).toEqual({ ok: false, lowestSettlement: 60_000 });
    expect(checkSettlement(account, 200_000)).toEqual({ ok: true, amount: 100_000 });
  });
});
