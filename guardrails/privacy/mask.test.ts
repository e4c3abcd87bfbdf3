import { describe, expect, it } from 'vitest';
import { maskForLog, maskForRecord, maskSensitiveNumbers } from './mask.js';

describe('maskSensitiveNumbers', () => {
  it.each([
    ['my card is 4111 1111 1111 1111 thanks', 'my card is [card ••••1111] thanks'],
    ['4111-1111-1111-1111', '[card ••••1111]'],
    ['ssn 123-45-6789', 'ssn [ssn •••-••-6789]'],
    ['my social security number is 123456789', 'my social security number is [ssn •••-••-6789]'],
  ])('masks %j', (input, expected) => {
    expect(maskSensitiveNumbers(input)).toBe(expected);
  });

  it.each([
    'I can pay $1,250.00 on 2026-12-01',
    'my account number is 1234567890123', // 13 digits that fail Luhn are not a card
    'call me at +1 617 555 0123',
    'last four 6789',
  ])('leaves %j alone', (input) => {
    expect(maskSensitiveNumbers(input)).toBe(input);
  });
});

describe('maskForLog', () => {
  it('masks emails, phones and dates as well', () => {
    const masked = maskForLog('Jane jane.doe@example.com +16175550123 born 1980-04-02');
    expect(masked).not.toContain('jane.doe@example.com');
    expect(masked).not.toContain('6175550123');
    expect(masked).not.toContain('1980-04-02');
    expect(masked).toContain('[phone ••23]');
    expect(masked).toContain('born [date]');
  });
});

describe('maskForRecord: what an inbound message becomes in the audit trail', () => {
  it.each([
    ['April 12 1985 1234', '[date] [number]'],
    ['06/15/1979 2468', '[date] [number]'],
    ['born 12 de abril de 1985, los ultimos 4 son 1234', 'born [date], los ultimos 4 son [number]'],
    ['my ssn last 4 is 6789', 'my ssn last 4 is [number]'],
    ['ssn 123-45-6789', 'ssn [ssn]'],
    ['zip 02108', 'zip [number]'],
    ['call me at (617) 555-0123 or jane.doe@example.com', 'call me at [phone ••23] or j•••@•••'],
  ])('masks %j', (input, expected) => {
    expect(maskForRecord(input)).toBe(expected);
  });

  it.each(['I can pay $1250 on Friday', 'I can pay 1250 a month', 'burst message 12', 'my reference is T-DANA-a4821b0'])('keeps %j as it is', (input) => {
    expect(maskForRecord(input)).toBe(input);
  });
});

describe('maskForLog keeps no SSN digit and masks a bracketed phone whole', () => {
  it('masks them', () => {
    expect(maskForLog('ssn 123-45-6789, phone (617) 555-0123')).toBe('ssn [ssn], phone [phone ••23]');
  });
});
