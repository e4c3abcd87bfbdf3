import { describe, expect, it } from 'vitest';
import { evaluateWindow, type WindowRequest } from './window.js';
import { designatedInconvenience } from './window.js';
import { candidateZones } from './zones.js';

const BOSTON = '+16175550123';
const CHICAGO = '+13125550123';
const LOS_ANGELES = '+12135550123';
const PHOENIX = '+16025550123';
const HONOLULU = '+18085550123';
const SAN_JUAN = '+17875550123';
const LONDON = '+442079460000';

function at(iso: string, request: Omit<WindowRequest, 'at'>) {
  return evaluateWindow({ ...request, at: new Date(iso) });
}

describe('Regulation F commentary examples (comment 6(b)(1)(i))', () => {
  const easternPhonePacificAddress = { phones: [BOSTON], postalCode: '90012' };
  it.each([
    ['2026-06-01T14:59:00Z', false, '10:59 Eastern is 07:59 Pacific'],
    ['2026-06-01T15:00:00Z', true, '11:00 Eastern is 08:00 Pacific'],
    ['2026-06-02T01:00:00Z', true, '21:00 Eastern is the end of the window'],
    ['2026-06-02T01:01:00Z', false, '21:01 Eastern is past it'],
  ])('Eastern phone + Pacific address at %s → permitted %s (%s)', (instant, permitted) => {
    const result = at(instant, easternPhonePacificAddress);
    expect(result.zones).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(result.permitted).toBe(permitted);
  });

  it('Eastern phone + Pacific address at 09:00 Eastern: next permitted 11:00 Eastern', () => {
    const result = at('2026-06-01T13:00:00Z', easternPhonePacificAddress);
    expect(result.permitted).toBe(false);
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-06-01T15:00:00.000Z');
    expect(result.localTimes).toEqual({ 'America/Los_Angeles': '2026-06-01T06:00:00-07:00', 'America/New_York': '2026-06-01T09:00:00-04:00' });
    expect(result.rules.find((r) => r.ruleId === 'time-of-day')?.reason).toContain('America/Los_Angeles 06:00');
    expect(result.rules.find((r) => r.ruleId === 'ambiguous-location')?.citation).toBe('12 CFR 1006, comment 6(b)(1)(i)');
  });

  it.each([
    ['2026-06-01T12:59:00Z', false],
    ['2026-06-01T13:00:00Z', true],
    ['2026-06-02T01:00:00Z', true],
    ['2026-06-02T01:01:00Z', false],
  ])('Eastern + Central phones at %s → permitted %s (09:00–21:00 Eastern)', (instant, permitted) => {
    const result = at(instant, { phones: [BOSTON, CHICAGO] });
    expect(result.zones).toEqual(['America/Chicago', 'America/New_York']);
    expect(result.permitted).toBe(permitted);
  });

  it('Eastern + Central phones late in the evening: next permitted 09:00 Eastern the next day', () => {
    const result = at('2026-06-02T02:00:00Z', { phones: [BOSTON, CHICAGO] });
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-06-02T13:00:00.000Z');
  });
});

describe('no location information', () => {
  it('assumes no zone: not permitted, no next instant, and says why', () => {
    const result = at('2026-06-01T16:00:00Z', { phones: [] });
    expect(result.permitted).toBe(false);
    expect(result.zones).toEqual([]);
    expect(result.nextPermittedAt).toBeNull();
    expect(result.rules.find((r) => r.ruleId === 'ambiguous-location')?.reason).toMatch(/no location information.*no time zone is assumed/);
  });

  it('an unknown ZIP alone is no location information either', () => {
    const result = at('2026-06-01T16:00:00Z', { postalCode: '99999', country: 'US' });
    expect(result.permitted).toBe(false);
    expect(result.rules[0]?.reason).toContain('postal code 99999');
  });

  it('a non-geographic +1 number makes every NANP zone a candidate', () => {
    const result = at('2026-06-01T16:00:00Z', { phones: ['+18005550123'] });
    expect(result.zones.length).toBeGreaterThan(20);
    expect(result.zones).toEqual(expect.arrayContaining(['America/New_York', 'Pacific/Honolulu', 'Pacific/Guam']));
    // 16:00Z is 02:00 in Guam: not permitted anywhere until every zone is awake.
    expect(result.permitted).toBe(false);
  });
});

describe('US daylight-saving change days', () => {
  it.each([
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT; 08:00 is 12:00Z that day, 13:00Z the day before.
    ['2026-03-07T12:30:00Z', false, '07:30 EST'],
    ['2026-03-08T12:30:00Z', true, '08:30 EDT (a fixed -5 offset would say 07:30)'],
    ['2026-03-09T01:00:00Z', true, '21:00 EDT'],
    ['2026-03-09T01:01:00Z', false, '21:01 EDT'],
    // 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST; 08:00 is 13:00Z that day.
    ['2026-10-31T12:30:00Z', true, '08:30 EDT'],
    ['2026-11-01T12:30:00Z', false, '07:30 EST (a fixed -4 offset would say 08:30)'],
    ['2026-11-01T13:00:00Z', true, '08:00 EST'],
    ['2026-11-02T02:00:00Z', true, '21:00 EST'],
    ['2026-11-02T02:01:00Z', false, '21:01 EST'],
  ])('Boston at %s → permitted %s (%s)', (instant, permitted) => {
    expect(at(instant, { phones: [BOSTON] }).permitted).toBe(permitted);
  });

  it('the night before spring-forward: next permitted is 08:00 EDT = 12:00Z', () => {
    const result = at('2026-03-08T02:30:00Z', { phones: [BOSTON] });
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(result.localTimes['America/New_York']).toBe('2026-03-07T21:30:00-05:00');
  });

  it('the night before fall-back: next permitted is 08:00 EST = 13:00Z', () => {
    const result = at('2026-11-01T01:30:00Z', { phones: [BOSTON] });
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('Eastern + Pacific across spring-forward: 11:00 EDT = 15:00Z on the change day', () => {
    const result = at('2026-03-08T03:00:00Z', { phones: [BOSTON], postalCode: '90012' });
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-03-08T15:00:00.000Z');
  });
});

describe('zones without daylight saving', () => {
  it.each([
    ['2026-01-15T14:59:00Z', false],
    ['2026-01-15T15:00:00Z', true],
    ['2026-07-15T14:59:00Z', false],
    ['2026-07-15T15:00:00Z', true],
    ['2026-03-08T15:00:00Z', true],
  ])('Arizona (+1602, MST all year) at %s → permitted %s', (instant, permitted) => {
    const result = at(instant, { phones: [PHOENIX] });
    expect(result.zones).toEqual(['America/Phoenix']);
    expect(result.permitted).toBe(permitted);
  });

  it.each([
    ['2026-07-15T17:59:00Z', false],
    ['2026-07-15T18:00:00Z', true],
    ['2026-07-16T07:00:00Z', true],
    ['2026-07-16T07:01:00Z', false],
  ])('Hawaii (+1808, UTC-10) at %s → permitted %s', (instant, permitted) => {
    expect(at(instant, { phones: [HONOLULU] }).permitted).toBe(permitted);
  });

  it.each([
    ['2026-01-15T11:59:00Z', false],
    ['2026-01-15T12:00:00Z', true],
    ['2026-07-15T12:00:00Z', true],
  ])('Puerto Rico (+1787, AST all year) at %s → permitted %s', (instant, permitted) => {
    const result = at(instant, { phones: [SAN_JUAN] });
    expect(result.zones).toEqual(['America/Puerto_Rico']);
    expect(result.permitted).toBe(permitted);
  });

  it('a Puerto Rico ZIP gives America/Puerto_Rico', () => {
    expect(at('2026-01-15T12:00:00Z', { postalCode: '00901', country: 'US' }).zones).toEqual(['America/Puerto_Rico']);
  });

  it('Puerto Rico phone + New York address in winter: 13:00Z–01:00Z (08:00 EST to 21:00 AST)', () => {
    const request = { phones: [SAN_JUAN], postalCode: '10001' };
    expect(at('2026-01-15T12:30:00Z', request).permitted).toBe(false);
    expect(at('2026-01-15T13:00:00Z', request).permitted).toBe(true);
    expect(at('2026-01-16T01:00:00Z', request).permitted).toBe(true);
    expect(at('2026-01-16T01:30:00Z', request).permitted).toBe(false);
  });
});

describe('United Kingdom', () => {
  const uk = { phones: [LONDON], jurisdictions: ['GB'] };
  it.each([
    // 2026-03-29: GMT → BST at 01:00Z; 08:00 local is 07:00Z that day, 08:00Z the day before.
    ['2026-03-28T07:30:00Z', false],
    ['2026-03-29T07:30:00Z', true],
    // 2026-10-25: BST → GMT at 01:00Z; 08:00 local is 08:00Z that day.
    ['2026-10-24T07:30:00Z', true],
    ['2026-10-25T07:30:00Z', false],
    ['2026-10-25T08:00:00Z', true],
    ['2026-10-25T21:00:00Z', true],
    ['2026-10-25T21:01:00Z', false],
  ])('London at %s → permitted %s', (instant, permitted) => {
    const result = at(instant, uk);
    expect(result.zones).toEqual(['Europe/London']);
    expect(result.permitted).toBe(permitted);
    expect(result.rules.find((r) => r.ruleId === 'uk-times')?.citation).toBe('CONC 7.9');
  });

  it('the evening before BST starts: next permitted 07:00Z', () => {
    expect(at('2026-03-28T21:30:00Z', uk).nextPermittedAt?.toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('the evening before BST ends: next permitted 08:00Z', () => {
    expect(at('2026-10-24T20:30:00Z', uk).nextPermittedAt?.toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('a UK postcode gives Europe/London', () => {
    expect(at('2026-06-01T12:00:00Z', { postalCode: 'SW1A 1AA', jurisdictions: ['GB'] }).zones).toEqual(['Europe/London']);
  });
});

describe('consumer-designated inconvenient times', () => {
  const said = '2026-05-01T12:00:00Z';
  it('"not before noon" narrows the window to 12:00–21:00', () => {
    const request = { phones: [BOSTON], inconvenientTimes: [{ at: said, notBefore: '12:00', said: 'not before noon' }] };
    const early = at('2026-06-01T15:00:00Z', request);
    expect(early.permitted).toBe(false);
    expect(early.window).toEqual({ start: '12:00', end: '21:00' });
    expect(early.nextPermittedAt?.toISOString()).toBe('2026-06-01T16:00:00.000Z');
    expect(early.rules.find((r) => r.ruleId === 'consumer-designated')?.reason).toContain('not before noon');
    expect(at('2026-06-01T16:00:00Z', request).permitted).toBe(true);
  });

  it('binds only from when it was said', () => {
    const request = { phones: [BOSTON], inconvenientTimes: [{ at: '2026-06-02T00:00:00Z', notBefore: '12:00' }] };
    expect(at('2026-06-01T15:00:00Z', request).permitted).toBe(true);
    expect(at('2026-06-02T15:00:00Z', request).permitted).toBe(false);
  });

  it('"not after 5 pm" ends the window at 17:00', () => {
    const request = { phones: [BOSTON], inconvenientTimes: [{ at: said, notAfter: '17:00' }] };
    expect(at('2026-06-01T21:00:00Z', request).permitted).toBe(true);
    expect(at('2026-06-01T21:01:00Z', request).permitted).toBe(false);
  });

  it('"not on Sundays" skips the whole day: Sunday 2026-06-07 evening → Monday 08:00', () => {
    const request = { phones: [BOSTON], inconvenientTimes: [{ at: said, days: [7] }] };
    expect(at('2026-06-06T16:00:00Z', request).permitted).toBe(true);
    const sunday = at('2026-06-07T16:00:00Z', request);
    expect(sunday.permitted).toBe(false);
    expect(sunday.nextPermittedAt?.toISOString()).toBe('2026-06-08T12:00:00.000Z');
  });

  it('restrictions apply in every candidate zone', () => {
    const request = { phones: [BOSTON], postalCode: '90012', inconvenientTimes: [{ at: said, notBefore: '10:00' }] };
    // 10:00 Pacific = 13:00 Eastern = 17:00Z.
    expect(at('2026-06-01T16:59:00Z', request).permitted).toBe(false);
    expect(at('2026-06-01T17:00:00Z', request).permitted).toBe(true);
  });

  it('designatedInconvenience ignores the packs\' hours and reports when the restriction ends', () => {
    const zones = candidateZones({ phones: [BOSTON] });
    const entries = [{ at: said, notBefore: '12:00' }];
    expect(designatedInconvenience(zones, entries, new Date('2026-06-01T13:00:00Z')).inconvenient).toBe(true);
    expect(designatedInconvenience(zones, entries, new Date('2026-06-02T02:00:00Z')).inconvenient).toBe(false);
    expect(designatedInconvenience(zones, entries, new Date('2026-06-01T14:00:00Z')).until?.toISOString()).toBe('2026-06-01T16:00:00.000Z');
  });

  it('a window that can never open gives no next instant', () => {
    const request = { phones: [BOSTON], inconvenientTimes: [{ at: said, notBefore: '22:00' }] };
    const result = at('2026-06-01T16:00:00Z', request);
    expect(result.permitted).toBe(false);
    expect(result.nextPermittedAt).toBeNull();
  });
});

describe('jurisdiction windows', () => {
  it('names every window rule of the combined packs (Washington adds its own)', () => {
    const result = at('2026-06-01T20:00:00Z', { phones: ['+12065550123'], jurisdictions: ['US', 'US-WA'] });
    expect(result.permitted).toBe(true);
    expect(result.rules.map((r) => r.ruleId)).toEqual(expect.arrayContaining(['time-of-day', 'wa-time-of-day']));
  });

  it('a jurisdiction without a pack gives no window and permits nothing', () => {
    const result = at('2026-06-01T16:00:00Z', { phones: [BOSTON], jurisdictions: ['FR'] });
    expect(result.permitted).toBe(false);
    expect(result.rules[0]?.ruleId).toBe('no-rule-pack');
  });

  it('stated time zones are candidates too', () => {
    const result = at('2026-06-01T13:30:00Z', { phones: [BOSTON], statedTimeZones: ['America/Denver'] });
    expect(result.zones).toEqual(['America/Denver', 'America/New_York']);
    expect(result.permitted).toBe(false);
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-06-01T14:00:00.000Z');
  });
});

describe('phone numbers outside North America', () => {
  it('a Mexican mobile maps to its zones and a London number to Europe/London', () => {
    expect(at('2026-06-01T16:00:00Z', { phones: [LONDON] }).zones).toEqual(['Europe/London']);
    expect(at('2026-06-01T16:00:00Z', { phones: [LOS_ANGELES] }).zones).toEqual(['America/Los_Angeles']);
  });
});
