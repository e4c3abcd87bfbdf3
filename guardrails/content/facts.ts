import type { Account, MinorUnits } from '../domain/index.js';
import { validationPeriod } from '../rules/index.js';

/**
 * Amounts a message about this account may state: the record's own figures, and what follows from
 * them within the creditor's authority (an equal instalment of the balance or of the lowest
 * settlement over any plan length allowed, and the final instalment that makes up the rest).
 * Computed once per account object.
 */
const amountCache = new WeakMap<Account, ReadonlySet<MinorUnits>>();

export function accountAmounts(account: Account): ReadonlySet<MinorUnits> {
  const cached = amountCache.get(account);
  if (cached) return cached;
  const d = account.debt;
  const a = account.authority;
  const set = new Set<MinorUnits>([
    0,
    d.currentBalance,
    d.amountAtItemization,
    d.interestSinceItemization,
    d.feesSinceItemization,
    d.paymentsSinceItemization,
    d.creditsSinceItemization,
    a.lowestSettlement,
    a.minInstalment,
  ]);
  for (const total of [d.currentBalance, a.lowestSettlement]) {
    for (let months = 2; months <= a.maxPlanMonths; months += 1) {
      const down = Math.floor(total / months);
      const up = Math.ceil(total / months);
      if (up < a.minInstalment) continue;
      set.add(down);
      set.add(up);
      const finalUp = total - up * (months - 1);
      if (finalUp > 0) set.add(finalUp);
      const finalDown = total - down * (months - 1);
      if (finalDown > 0) set.add(finalDown);
    }
  }
  amountCache.set(account, set);
  return set;
}

/**
 * Dates a message about this account may state: itemization, validation notice, and the notice's
 * assumed receipt and validation period end from the rule packs' one derivation
 * (rules/validation-period.ts), which depends on the packs in force at `at`.
 */
export function accountDates(account: Account, at: Date): string[] {
  const dates = [account.debt.itemizationDate];
  if (account.validationNoticeSentAt) {
    dates.push(account.validationNoticeSentAt);
    const period = validationPeriod(account, at);
    if (period) dates.push(period.receivedOn, period.endsOn);
  }
  return dates;
}
