import { describe, expect, it } from 'vitest';
import { DOB_MASK, Redactor, maskIdentifiers, placeholdersIn } from './redact.js';

const YEAR = 2026;

describe('maskIdentifiers', () => {
  it.each([
    ['my card is 4111 1111 1111 1111', '4111 1111 1111 1111'],
    ['ssn 123-45-6789', '123-45-6789'],
    ['I was born 04/02/1980', '04/02/1980'],
    ['DOB: 1980-04-02', '1980-04-02'],
    ['fecha de nacimiento 2 de abril de 1980', '2 de abril de 1980'],
    ['April 2, 1980', 'April 2, 1980'],
    ['04/02/80', '04/02/80'],
    ['the last 4 of my social are 6789', '6789'],
    ['my zip is 02139', '02139'],
  ])('masks %j', (text, secret) => {
    expect(maskIdentifiers(text, YEAR)).not.toContain(secret);
  });

  it('masks the bare SSN last four and ZIP in an identity answer that holds a birth date', () => {
    const masked = maskIdentifiers('04/02/1980 6789', YEAR);
    expect(masked).toBe(`${DOB_MASK} [number]`);
  });

  it.each([
    'Your balance is $1,250.00 as of March 5, 2026.',
    'I can pay $50 on 2026-12-01',
    'Amount on January 15, 2023: $900.00',
    '3 payments of $100.00, every month',
  ])('keeps debt amounts and recent dates in %j', (text) => {
    expect(maskIdentifiers(text, YEAR)).toBe(text);
  });
});

describe('Redactor', () => {
  it('swaps links, emails and phones for placeholders and puts them back', () => {
    const redactor = new Redactor(YEAR);
    const text = 'Pay at https://pay.example.com/l/abc123, or call 1-800-555-0100 or write to help@example.com.';
    const redacted = redactor.redact(text);
    expect(redacted).toBe('Pay at [[LINK_1]], or call [[PHONE_1]] or write to [[EMAIL_1]].');
    expect(redactor.restore(redacted)).toBe(text);
  });

  it('gives the same value the same placeholder across texts', () => {
    const redactor = new Redactor(YEAR);
    expect(redactor.redact('call 617-555-0123')).toBe('call [[PHONE_1]]');
    expect(redactor.redact('again: 617-555-0123')).toBe('again: [[PHONE_1]]');
    expect(placeholdersIn('a [[PHONE_1]] b [[LINK_2]]')).toEqual(['[[PHONE_1]]', '[[LINK_2]]']);
  });

  it('never restores a placeholder it did not hand out, nor what it masked for good', () => {
    const redactor = new Redactor(YEAR);
    const redacted = redactor.redact('ssn 123-45-6789, card 4111111111111111');
    expect(redactor.restore(`${redacted} [[PHONE_9]]`)).toBe(`${redacted} [[PHONE_9]]`);
    expect(redactor.restore(redacted)).not.toMatch(/6789.*|4111111111111111/);
  });

  it('leaves dates and amounts that look like numbers alone', () => {
    const redactor = new Redactor(YEAR);
    const text = 'On 2026-03-05 you paid $12,500.00; plan: 12 payments.';
    expect(redactor.redact(text)).toBe(text);
  });
});
