import { describe, expect, it } from 'vitest';
import { parseAccount, type Account } from '../../guardrails/index.js';
import { extractIdentityFactors, hasCompleteFactors, matchesAccount, mergeFactors } from './factors.js';

function account(overrides: { ssnLast4?: string; postalCode?: string; country?: string } = {}): Account {
  const parsed = parseAccount({
    accountId: 'T-1',
    consumer: {
      firstName: 'Ada',
      lastName: 'Tester',
      dateOfBirth: '1980-04-02',
      ...(overrides.ssnLast4 === '' ? {} : { ssnLast4: overrides.ssnLast4 ?? '6789' }),
      phones: [{ number: '+16175550123' }],
      address: { line1: '1 Main St', city: 'Boston', region: 'MA', postalCode: overrides.postalCode ?? '02108', country: overrides.country ?? 'US' },
    },
    currentCreditor: 'Acme Bank',
    originalCreditor: 'Acme Bank',
    debt: { itemizationDate: '2026-01-01', amountAtItemization: 100, currentBalance: 100 },
    authority: { minInstalment: 10, maxPlanMonths: 10, lowestSettlement: 60 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

describe('extractIdentityFactors', () => {
  it.each([
    ['04/02/1980 and 6789', ['1980-04-02', '1980-02-04']],
    ['born April 2, 1980', ['1980-04-02']],
    ['2 de abril de 1980', ['1980-04-02']],
    ['1980-04-02', ['1980-04-02']],
  ])('reads dates of birth in %j', (text, dates) => {
    expect(extractIdentityFactors(text).datesOfBirth.sort()).toEqual([...dates].sort());
  });

  it('does not take the year of a date as the last four of an SSN', () => {
    expect(extractIdentityFactors('04/02/1980').ssnLast4).toEqual([]);
    expect(extractIdentityFactors('04/02/1980, last four 6789').ssnLast4).toEqual(['6789']);
    expect(extractIdentityFactors('April 2 1980').ssnLast4).toEqual([]);
    expect(extractIdentityFactors('April 2 1980, ssn ends 1980').ssnLast4).toEqual(['1980', '1980']);
  });

  it('does not read the digits of a reference or a masked card as an SSN or a ZIP code', () => {
    const factors = extractIdentityFactors('my reference is T-DANA-a4821b0, ACC12345X too, card [card ••••1111]');
    expect(factors.ssnLast4).toEqual([]);
    expect(factors.postalCodes).toEqual([]);
    expect(factors.references).toEqual(expect.arrayContaining(['T-DANA-a4821b0', 'ACC12345X']));
    expect(extractIdentityFactors('T-OLIVER-3ab12cd, 08/08/1987 SW1A 9ZZ').postalCodes).toEqual(['SW1A9ZZ']);
  });

  it('reads ZIP codes, UK postcodes, references and phone numbers', () => {
    const factors = extractIdentityFactors('ref MA-1001, zip 02108-1234, call (617) 555-0123');
    expect(factors.postalCodes).toContain('02108');
    expect(factors.references).toContain('MA-1001');
    expect(factors.phones).toEqual(['+16175550123']);
    expect(extractIdentityFactors('my postcode is sw1a 1aa').postalCodes).toEqual(['SW1A1AA']);
  });
});

describe('matchesAccount', () => {
  it('accepts the date of birth with the last four of the SSN, in any order and across messages', () => {
    const factors = mergeFactors(extractIdentityFactors('April 2 1980'), extractIdentityFactors('6789'));
    expect(hasCompleteFactors(factors)).toBe(true);
    expect(matchesAccount(account(), factors)).toBe(true);
  });

  it('refuses a wrong SSN, a wrong date, or a postal code when an SSN is on file', () => {
    expect(matchesAccount(account(), extractIdentityFactors('04/02/1980 1234'))).toBe(false);
    expect(matchesAccount(account(), extractIdentityFactors('05/02/1981 6789'))).toBe(false);
    expect(matchesAccount(account(), extractIdentityFactors('04/02/1980 02108'))).toBe(false);
  });

  it('uses the postal code when no SSN is on file', () => {
    expect(matchesAccount(account({ ssnLast4: '' }), extractIdentityFactors('1980-04-02 02108'))).toBe(true);
    const uk = account({ ssnLast4: '', postalCode: 'SW1A 1AA', country: 'GB' });
    expect(matchesAccount(uk, extractIdentityFactors('2 April 1980, SW1A 1AA'))).toBe(true);
    expect(matchesAccount(uk, extractIdentityFactors('2 April 1980, SW1A 2AA'))).toBe(false);
  });
});
