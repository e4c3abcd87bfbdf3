import { describe, expect, it } from 'vitest';
import { amountAnswer, isBareNo, isBareYes, isGoodbye, isNo, isThanks, isYes, resolvePaymentDate } from './answers.js';

describe('short answers', () => {
  it.each(['yes', 'Yes please', 'ok', 'sure, do it', 'sí', 'de acuerdo', 'that works'])('%j is yes', (text) => {
    expect(isYes(text)).toBe(true);
    expect(isNo(text)).toBe(false);
  });
  it.each(['no', 'nope', 'not now', 'no gracias'])('%j is no', (text) => {
    expect(isNo(text)).toBe(true);
    expect(isYes(text)).toBe(false);
  });
  it.each([
    ['yes please', true, false],
    ['No thanks.', false, true],
    ['no, I mean the weather on mars', false, false],
    ['yes but can we do $150', false, false],
  ])('%j is a bare yes: %s, a bare no: %s', (text, yes, no) => {
    expect(isBareYes(text)).toBe(yes);
    expect(isBareNo(text)).toBe(no);
  });
  it.each(['thanks', 'Thank you!', 'ok', 'gracias', 'perfecto.'])('%j is a bare thanks', (text) => {
    expect(isThanks(text)).toBe(true);
  });
  it.each(['thanks, what do I owe?', 'ok I want to pay', 'thank you for nothing, I want a person'])('%j asks for more than thanks', (text) => {
    expect(isThanks(text)).toBe(false);
  });
  it.each(['bye', "that's all", 'adiós'])('%j says goodbye', (text) => {
    expect(isGoodbye(text)).toBe(true);
  });
  it.each([
    ['$150', 15000],
    ['150', 15000],
    ['I can do 150.50 a month', 15050],
    ['1,200 dollars', 120000],
    ['£80', 8000],
  ])('reads %j as an amount', (text, amount) => {
    expect(amountAnswer(text)).toBe(amount);
  });
  it('finds no amount in a date alone', () => {
    expect(amountAnswer('12/15')).toBeUndefined();
  });
});

describe('resolvePaymentDate', () => {
  const now = new Date('2026-11-24T15:00:00Z'); // a Tuesday
  it.each([
    [{ kind: 'weekday', weekday: 5, said: 'friday' } as const, '2026-11-27'],
    [{ kind: 'day-of-month', day: 15, said: 'the 15th' } as const, '2026-12-15'],
    [{ kind: 'in-days', days: 14, said: 'in two weeks' } as const, '2026-12-08'],
    [{ kind: 'relative', relative: 'tomorrow', said: 'tomorrow' } as const, '2026-11-25'],
    [{ kind: 'calendar', month: 1, day: 5, said: 'jan 5' } as const, '2027-01-05'],
  ])('resolves %j', (date, expected) => {
    expect(resolvePaymentDate(date, now, 'America/New_York')).toBe(expected);
  });
});
