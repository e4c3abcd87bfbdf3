import { describe, expect, it } from 'vitest';
import { compareFacts, extractAmounts, extractDates, extractTimes } from './facts.js';

describe('extractAmounts', () => {
  it.each([
    ['$1,250.00', 125000],
    ['US$1,250.50', 125050],
    ['£80.00', 8000],
    ['GBP 1,250.50', 125050],
    ['1.250,50 €', 125050],
    ['1250 dollars', 125000],
    ['50 dólares', 5000],
    ['$0', 0],
    ['$12.5', 1250],
  ])('reads %j', (text, minor) => {
    expect(extractAmounts(text)).toEqual([minor]);
  });

  it('ignores counts, times and bare numbers', () => {
    expect(extractAmounts('6 payments, 8:00 AM, 12 months, tries left: 2')).toEqual([]);
  });
});

describe('extractDates', () => {
  it.each([
    ['March 5, 2026', { month: 3, day: 5, year: 2026 }],
    ['5 March 2026', { month: 3, day: 5, year: 2026 }],
    ['5 de marzo de 2026', { month: 3, day: 5, year: 2026 }],
    ['2026-03-05', { month: 3, day: 5, year: 2026 }],
    ['March 5th', { month: 3, day: 5 }],
  ])('reads %j', (text, fact) => {
    expect(extractDates(text)[0]).toContainEqual(fact);
  });

  it('reads a numeric date both ways and does not take "may" the verb for May', () => {
    expect(extractDates('03/05/2026')).toEqual([[{ month: 3, day: 5, year: 2026 }, { month: 5, day: 3, year: 2026 }]]);
    expect(extractDates('you may 2 times')).toEqual([]);
    expect(extractDates('on Friday, tomorrow')).toEqual([]);
  });
});

describe('extractTimes', () => {
  it.each([
    ['8:00 AM', 480],
    ['8 pm', 1200],
    ['8:30 p.m.', 1230],
    ['12:00 PM', 720],
    ['12:15 a.m.', 15],
    ['20:00', 1200],
    ['noon', 720],
  ])('reads %j', (text, minutes) => {
    expect(extractTimes(text)).toEqual([minutes]);
  });

  it('does not take amounts, dates or counts for times', () => {
    expect(extractTimes('$1,250.00 on 2026-03-05, 3 payments, tries left: 2')).toEqual([]);
  });
});

describe('compareFacts', () => {
  const template = 'Your plan is set: 3 payments of $100.00, every month, from March 5, 2026 to May 5, 2026.';

  it('accepts a rewrite that keeps every amount and date in other words', () => {
    const result = compareFacts(template, "All set! You'll pay $100 each month, 3 times, from March 5 through May 5, 2026.");
    expect(result).toEqual({ ok: true, missingAmounts: [], addedAmounts: [], missingDates: [], addedDates: [], missingTimes: [], addedTimes: [] });
  });

  it('names a changed balance as missing and added', () => {
    const result = compareFacts('Your current balance is $1,250.00.', 'You owe $1,000.00.');
    expect(result.ok).toBe(false);
    expect(result.missingAmounts).toEqual(['1250.00']);
    expect(result.addedAmounts).toEqual(['1000.00']);
  });

  it('names a dropped date', () => {
    const result = compareFacts(template, 'Your plan is set: 3 payments of $100.00 every month.');
    expect(result.missingDates).toEqual(['2026-03-05', '2026-05-05']);
  });

  it('names changed opening hours', () => {
    const result = compareFacts('Call 1-800-555-0100, Monday to Friday, 8:00 AM to 8:00 PM Eastern Time.', 'Call us weekdays from 8 a.m. to 6 p.m. Eastern.');
    expect(result.missingTimes).toEqual(['20:00']);
    expect(result.addedTimes).toEqual(['18:00']);
    expect(compareFacts('8:00 AM to 8:00 PM', 'from 8 in the morning, 8 AM, until 20:00').ok).toBe(true);
  });

  it('names an added date and takes the renderer facts when given', () => {
    const result = compareFacts('Pay {x}', 'Please pay $20.00 by June 1, 2026.', { amounts: [2000], dates: [] });
    expect(result.missingAmounts).toEqual([]);
    expect(result.addedDates).toEqual(['2026-06-01']);
  });
});
