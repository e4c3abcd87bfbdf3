import { DateTime } from 'luxon';
import type { Account, MinorUnits } from '../guardrails/index.js';

export type Frequency = 'weekly' | 'biweekly' | 'monthly';

export interface PlanTerms {
  instalment: MinorUnits;
  count: number;
  /** The last instalment when the balance does not divide evenly. */
  finalInstalment?: MinorUnits;
  frequency: Frequency;
  dates: string[];
}

export type PlanCheck = { ok: true; terms: PlanTerms } | { ok: false; reason: 'below-minimum' | 'too-long' };

const PAYMENTS_PER_MONTH: Record<Frequency, number> = { weekly: 52 / 12, biweekly: 26 / 12, monthly: 1 };
const STEP: Record<Frequency, { weeks?: number; months?: number }> = { weekly: { weeks: 1 }, biweekly: { weeks: 2 }, monthly: { months: 1 } };

/**
 * A plan the consumer proposes, checked against the creditor's authority only (minimum instalment,
 * maximum length): Parley never offers terms beyond it. The first instalment is due a week from today.
 */
export function checkPlan(account: Account, instalment: MinorUnits, frequency: Frequency, now: Date, zone: string): PlanCheck {
  const balance = account.debt.currentBalance;
  const { minInstalment, maxPlanMonths } = account.authority;
  const effective = Math.min(instalment, balance);
  if (effective < Math.min(minInstalment, balance)) return { ok: false, reason: 'below-minimum' };
  const count = Math.ceil(balance / effective);
  if (count > maxPayments(maxPlanMonths, frequency)) return { ok: false, reason: 'too-long' };
  const remainder = balance - effective * (count - 1);
  const first = DateTime.fromJSDate(now, { zone }).startOf('day').plus({ days: 7 });
  const step = STEP[frequency];
  const dates = Array.from({ length: count }, (_, index) =>
    first.plus({ weeks: (step.weeks ?? 0) * index, months: (step.months ?? 0) * index }).toISODate() ?? '',
  );
  return {
    ok: true,
    terms: { instalment: effective, count, frequency, dates, ...(remainder !== effective ? { finalInstalment: remainder } : {}) },
  };
}

/** How many payments fit in the longest plan allowed (52 weekly payments in 12 months, not 51.99...). */
function maxPayments(maxPlanMonths: number, frequency: Frequency): number {
  return Math.floor(maxPlanMonths * PAYMENTS_PER_MONTH[frequency] + 1e-9);
}

/**
 * The smallest instalment at this frequency that both meets the creditor's minimum and pays the
 * balance within the longest plan allowed: the lowest Parley may offer back.
 */
export function lowestInstalment(account: Account, frequency: Frequency): MinorUnits {
  const { minInstalment, maxPlanMonths } = account.authority;
  const balance = account.debt.currentBalance;
  return Math.min(balance, Math.max(minInstalment, Math.ceil(balance / maxPayments(maxPlanMonths, frequency))));
}

/** The smallest monthly instalment within authority: what a consumer in hardship is offered. */
export function lowestMonthlyInstalment(account: Account): MinorUnits {
  const { minInstalment, maxPlanMonths } = account.authority;
  return Math.min(account.debt.currentBalance, Math.max(minInstalment, Math.ceil(account.debt.currentBalance / maxPlanMonths)));
}

export type SettlementCheck = { ok: true; amount: MinorUnits } | { ok: false; lowestSettlement: MinorUnits };

export function checkSettlement(account: Account, proposed: MinorUnits): SettlementCheck {
  const lowest = account.authority.lowestSettlement;
  if (proposed < lowest) return { ok: false, lowestSettlement: lowest };
  return { ok: true, amount: Math.min(proposed, account.debt.currentBalance) };
}
