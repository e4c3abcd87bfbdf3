// The account the draft benchmarks and the adversarial drafts are written about (Dana Whitfield, $1,240.00).
import { parseAccount, type Account } from '../../guardrails/index.js';

export function danaAccount(): Account {
  const parsed = parseAccount({
    accountId: 'BENCH-1',
    consumer: { firstName: 'Dana', lastName: 'Whitfield', dateOfBirth: '1985-04-12', phones: [{ number: '+16175550123' }], address: { line1: '12 Harbor St', city: 'Boston', region: 'MA', postalCode: '02118', country: 'US' } },
    currentCreditor: 'Acme Funding LLC',
    originalCreditor: 'First Example Bank',
    debt: { itemizationDate: '2024-11-15', amountAtItemization: 1150, interestSinceItemization: 75, feesSinceItemization: 25, paymentsSinceItemization: 10, creditsSinceItemization: 0, currentBalance: 1240 },
    validationNoticeSentAt: '2025-02-10',
    authority: { minInstalment: 50, maxPlanMonths: 24, lowestSettlement: 744, allowsHardshipPause: true, maxPauseMonths: 3 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}
