import { describe, expect, it } from 'vitest';
import type { Channel, ContactAttempt } from '../domain/index.js';
import { evaluateCaps, type AddressType } from './caps.js';

const AT = new Date('2026-06-10T16:00:00Z');
const DAY = 86_400_000;

function attempt(daysAgo: number, channel: Channel, extra: Partial<ContactAttempt> = {}): ContactAttempt {
  return { accountId: 'ACC-1', channel, at: new Date(AT.getTime() - daysAgo * DAY).toISOString(), initiatedBy: 'parley', outcome: 'attempted', ...extra };
}

function caps(jurisdictions: string[], channel: Channel, attempts: ContactAttempt[], targetType?: AddressType) {
  return evaluateCaps({ accountId: 'ACC-1', channel, at: AT, attempts, jurisdictions, ...(targetType ? { targetType } : {}) });
}

const US = ['US'];

describe('Regulation F call frequency (12 CFR 1006.14(b)(2))', () => {
  const six = [1, 2, 3, 4, 5, 6].map((d) => attempt(d - 0.5, 'voice'));
  it('allows a 7th call attempt in 7 days', () => {
    const result = caps(US, 'voice', six);
    expect(result.allowed).toBe(true);
    expect(result.rules.find((r) => r.ruleId === 'call-frequency')?.reason).toContain('6 Parley-initiated attempts');
  });

  it('refuses an 8th, and frees up when the oldest counted attempt turns 7 days old', () => {
    const seven = [...six, attempt(6.9, 'voice')];
    const result = caps(US, 'voice', seven);
    expect(result.allowed).toBe(false);
    expect(result.violations.map((v) => v.ruleId)).toEqual(['call-frequency']);
    expect(result.violations[0]?.citation).toBe('12 CFR 1006.14(b)(2); comment 14(a)-1');
    expect(result.freesAt?.toISOString()).toBe(new Date(AT.getTime() + 0.1 * DAY).toISOString());
  });

  it('counts only Parley-initiated attempts on this debt within the rolling 7 days', () => {
    const noise = [
      ...[1, 2, 3, 4].map((d) => attempt(d, 'voice', { initiatedBy: 'consumer' })),
      ...[1, 2, 3, 4].map((d) => attempt(d, 'voice', { accountId: 'ACC-2' })),
      ...[7, 8, 9, 10].map((d) => attempt(d, 'voice')),
      attempt(-1, 'voice'),
    ];
    expect(caps(US, 'voice', [...six, ...noise]).allowed).toBe(true);
  });

  it('does not count texts toward the call presumption', () => {
    expect(caps(US, 'voice', [...six, attempt(1, 'sms'), attempt(2, 'email')]).allowed).toBe(true);
  });
});

describe('the 7-day call cooldown after a telephone conversation', () => {
  it('refuses a call 3 days after a conversation, until 7 days have passed', () => {
    const result = caps(US, 'voice', [attempt(3, 'voice', { outcome: 'conversation', initiatedBy: 'consumer' })]);
    expect(result.allowed).toBe(false);
    expect(result.violations[0]?.ruleId).toBe('call-cooldown');
    expect(result.freesAt?.toISOString()).toBe(new Date(AT.getTime() + 4 * DAY).toISOString());
  });

  it('allows a call 7 days after, and a text at any time', () => {
    expect(caps(US, 'voice', [attempt(7, 'voice', { outcome: 'conversation' })]).allowed).toBe(true);
    expect(caps(US, 'sms', [attempt(1, 'voice', { outcome: 'conversation' })]).allowed).toBe(true);
  });
});

describe('Parley\'s electronic cap (texts and emails)', () => {
  it('allows the 7th and refuses the 8th text or email in 7 days', () => {
    const six = [1, 2, 3].map((d) => attempt(d, 'sms')).concat([1, 2, 3].map((d) => attempt(d, 'email')));
    expect(caps(US, 'sms', six).allowed).toBe(true);
    const result = caps(US, 'email', [...six, attempt(4, 'sms')]);
    expect(result.allowed).toBe(false);
    expect(result.violations[0]?.ruleId).toBe('electronic-frequency');
  });

  it('does not count calls', () => {
    expect(caps(US, 'sms', [1, 2, 3, 4, 5, 6, 6.5].map((d) => attempt(d, 'voice'))).allowed).toBe(true);
  });
});

describe('Massachusetts (940 CMR 7.04(1)(f))', () => {
  const MA = ['US', 'US-MA'];
  it('allows a 2nd and refuses a 3rd call or text in 7 days to a personal number', () => {
    expect(caps(MA, 'sms', [attempt(2, 'sms', { addressType: 'mobile' })], 'mobile').allowed).toBe(true);
    const result = caps(MA, 'sms', [attempt(2, 'sms', { addressType: 'mobile' }), attempt(5, 'voice', { addressType: 'home' })], 'mobile');
    expect(result.allowed).toBe(false);
    expect(result.violations.map((v) => v.ruleId)).toEqual(['ma-frequency']);
    expect(result.freesAt?.toISOString()).toBe(new Date(AT.getTime() + 2 * DAY).toISOString());
  });

  it('allows 2 and refuses a 3rd in 30 days to another number', () => {
    expect(caps(MA, 'voice', [attempt(20, 'voice', { addressType: 'work' })], 'work').allowed).toBe(true);
    const result = caps(MA, 'voice', [attempt(20, 'voice', { addressType: 'work' }), attempt(10, 'voice', { addressType: 'work' })], 'work');
    expect(result.allowed).toBe(false);
    expect(result.violations[0]?.ruleId).toBe('ma-frequency-other-numbers');
    expect(result.freesAt?.toISOString()).toBe(new Date(AT.getTime() + 10 * DAY).toISOString());
  });

  it('an unknown target number is held to both caps', () => {
    const result = caps(MA, 'sms', [attempt(20, 'sms', { addressType: 'work' }), attempt(10, 'sms', { addressType: 'other' })]);
    expect(result.allowed).toBe(false);
    expect(result.violations[0]?.ruleId).toBe('ma-frequency-other-numbers');
  });

  it('does not cap email', () => {
    expect(caps(MA, 'email', [attempt(1, 'email'), attempt(2, 'email'), attempt(3, 'email')]).allowed).toBe(true);
  });
});

describe('Washington (RCW 19.16.250)', () => {
  const WA = ['US', 'US-WA'];
  it('allows a 3rd and refuses a 4th communication in a week, across channels', () => {
    expect(caps(WA, 'teams', [attempt(1, 'sms'), attempt(2, 'email')], 'app').allowed).toBe(true);
    const result = caps(WA, 'teams', [attempt(1, 'sms'), attempt(2, 'email'), attempt(3, 'webchat')], 'app');
    expect(result.allowed).toBe(false);
    expect(result.violations[0]).toMatchObject({ ruleId: 'wa-frequency', citation: 'RCW 19.16.250' });
  });

  it('allows one and refuses a second communication at work in a week', () => {
    expect(caps(WA, 'sms', [], 'work').allowed).toBe(true);
    const result = caps(WA, 'sms', [attempt(3, 'sms', { addressType: 'work' })], 'work');
    expect(result.violations.map((v) => v.ruleId)).toEqual(['wa-frequency-work']);
    expect(caps(WA, 'sms', [attempt(3, 'sms', { addressType: 'work' })], 'mobile').allowed).toBe(true);
  });
});

describe('New York City (DCWP rules)', () => {
  const NYC = ['US', 'US-NY', 'US-NY-NYC'];
  it('allows a 3rd and refuses a 4th contact in 7 days across all channels', () => {
    expect(caps(NYC, 'email', [attempt(1, 'sms'), attempt(2, 'voice')]).allowed).toBe(true);
    const result = caps(NYC, 'email', [attempt(1, 'sms'), attempt(2, 'voice'), attempt(3, 'webchat')]);
    expect(result.violations.map((v) => v.ruleId)).toEqual(['nyc-frequency']);
    expect(result.freesAt?.toISOString()).toBe(new Date(AT.getTime() + 4 * DAY).toISOString());
  });
});

describe('several caps at once', () => {
  it('frees up when the last of them does', () => {
    const NYC = ['US', 'US-NY', 'US-NY-NYC'];
    const history = [attempt(6, 'voice'), attempt(1, 'sms'), attempt(2, 'sms'), ...[0.5, 1.5, 2.5, 3.5, 4.5, 5.5].map((d) => attempt(d, 'voice'))];
    const result = caps(NYC, 'voice', history);
    expect(result.violations.map((v) => v.ruleId)).toEqual(['call-frequency', 'nyc-frequency']);
    // The call cap frees when the call 6 days ago ages out (+1 day); NYC's needs 7 of its 9 attempts
    // gone, the 7th oldest being the call 1.5 days ago (+5.5 days). The later one wins.
    expect(result.freesAt?.toISOString()).toBe(new Date(AT.getTime() + 5.5 * DAY).toISOString());
  });
});
