import { describe, expect, it } from 'vitest';
import { findAmounts } from './money.js';
import { findDates } from './dates.js';
import { passesLuhn } from './numbers.js';
import { prepare } from './text.js';

const amounts = (text: string) => findAmounts(prepare(text).folded).map((found) => [found.value, found.currency ?? null]);
const dates = (text: string, dayFirst = false) => findDates(prepare(text).folded, dayFirst).map((found) => found.iso ?? `--${found.month}-${found.day}`);

describe('money amounts in a draft', () => {
  it.each([
    ['$1,234.56', [[123456, 'USD']]],
    ['1234.56 dollars', [[123456, 'USD']]],
    ['£50', [[5000, 'GBP']]],
    ['$1.2k', [[120000, 'USD']]],
    ['1.234,56 $', [[123456, 'USD']]],
    ['USD 40', [[4000, 'USD']]],
    ['€12,50', [[1250, 'EUR']]],
    ['five hundred dollars', [[50000, 'USD']]],
    ['two thousand three hundred and forty pounds', [[234000, 'GBP']]],
    ['quinientos dólares', [[50000, 'USD']]],
    ['mil doscientos cuarenta dólares', [[124000, 'USD']]],
    ['your balance is 1240.00', [[124000, null]]],
    ['pay 150 a month', [[15000, null]]],
    ['saldo de 1.240,00', [[124000, null]]],
  ] as const)('%s', (text, expected) => {
    expect(amounts(text)).toEqual(expected);
  });

  it('does not read phone numbers, times, counts or dates as money', () => {
    expect(amounts('Call 1-800-555-0100 between 8:00 and 20:00, 17 payments, 30 days, on 2025-03-15, version 2.1')).toEqual([]);
    expect(amounts('pay over 12 months')).toEqual([]);
  });
});

describe('calendar dates in a draft', () => {
  it.each([
    ['2026-03-03', false, ['2026-03-03']],
    ['March 3, 2026', false, ['2026-03-03']],
    ['Mar. 3rd 2026', false, ['2026-03-03']],
    ['3 March 2026', false, ['2026-03-03']],
    ['3/3/2026', false, ['2026-03-03']],
    ['4/3/2026', false, ['2026-04-03']],
    ['4/3/2026', true, ['2026-03-04']],
    ['3 de marzo de 2026', true, ['2026-03-03']],
    ['el 3 de marzo', true, ['--3-3']],
    ['by March 20', false, ['--3-20']],
  ] as const)('%s (day first: %s)', (text, dayFirst, expected) => {
    expect(dates(text, dayFirst)).toEqual(expected);
  });

  it('does not read "may" the verb as the month', () => {
    expect(dates('You may 2 times a month pay online')).toEqual([]);
  });
});

describe('card numbers', () => {
  it('checks the Luhn digit', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
  });
});
