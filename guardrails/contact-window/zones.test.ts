import { describe, expect, it } from 'vitest';
import { instantsOf, localTime, formatLocal } from './clock.js';
import { designatedInconvenience } from './window.js';
import { candidateZones, maskPhone, phoneZones, postalZones } from './zones.js';

describe('candidate zones from phone numbers (libphonenumber data, longest prefix)', () => {
  it.each([
    ['+16175550123', ['America/New_York']],
    ['+13125550123', ['America/Chicago']],
    ['+12135550123', ['America/Los_Angeles']],
    ['+16025550123', ['America/Phoenix']],
    ['+18085550123', ['Pacific/Honolulu']],
    ['+17875550123', ['America/Puerto_Rico']],
    ['+442079460000', ['Europe/London']],
  ])('%s → %j', (phone, zones) => {
    expect(phoneZones(phone)).toEqual(zones);
  });

  it('an Alaskan area code spanning two zones gives both', () => {
    expect(phoneZones('+19075550123')).toEqual(['America/Adak', 'America/Anchorage']);
  });
});

describe('candidate zones from postal codes', () => {
  it.each([
    ['02139', 'US', ['America/New_York']],
    ['90012', 'US', ['America/Los_Angeles']],
    ['85001', 'US', ['America/Phoenix']],
    ['96813', 'US', ['Pacific/Honolulu']],
    ['00901', 'US', ['America/Puerto_Rico']],
    ['00901', 'PR', ['America/Puerto_Rico']],
    ['00802', 'US', ['America/St_Thomas']],
    ['SW1A 1AA', 'GB', ['Europe/London']],
    ['JE2 3AB', 'GB', ['Europe/Jersey']],
    ['94105', undefined, ['America/Los_Angeles']],
    ['M1 1AE', undefined, ['Europe/London']],
    ['99999', 'US', []],
    ['75001', 'FR', []],
  ])('%s (%s) → %j', (code, country, zones) => {
    expect(postalZones(code, country)).toEqual(zones);
  });
});

describe('candidateZones', () => {
  it('merges every source, names where each zone came from, and masks phone numbers', () => {
    const result = candidateZones({ phones: ['+16175550123'], postalCode: '90012', statedTimeZones: ['America/Denver', 'Not/AZone'] });
    expect(result.zones).toEqual(['America/Denver', 'America/Los_Angeles', 'America/New_York']);
    expect(result.sources.get('America/New_York')).toEqual(['phone +1617…23']);
    expect(result.unresolved).toEqual(['stated time zone "Not/AZone" is not a known zone']);
  });

  it('masks all but the area code and last two digits', () => {
    expect(maskPhone('+16175550123')).toBe('+1617…23');
    expect(maskPhone('+442079460000')).toBe('+442…00');
  });
});

describe('wall-time arithmetic across transitions', () => {
  const NY = 'America/New_York';
  it('a wall time in the spring-forward gap maps to the moment the clocks jump', () => {
    // 2026-03-08 02:30 does not exist in New York; the clocks jump at 07:00Z.
    expect(instantsOf(NY, Date.UTC(2026, 2, 8, 2, 30)).map((ms) => new Date(ms).toISOString())).toEqual(['2026-03-08T07:00:00.000Z']);
  });

  it('a wall time in the fall-back overlap happens twice', () => {
    expect(instantsOf(NY, Date.UTC(2026, 10, 1, 1, 30)).map((ms) => new Date(ms).toISOString())).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
  });

  it('local time and its ISO form use the offset in force at the instant', () => {
    expect(localTime(NY, Date.UTC(2026, 2, 8, 6, 59)).msOfDay).toBe((1 * 60 + 59) * 60_000);
    expect(localTime(NY, Date.UTC(2026, 2, 8, 7, 0)).msOfDay).toBe(3 * 3_600_000);
    expect(localTime(NY, Date.UTC(2026, 2, 8, 7, 0)).weekday).toBe(7);
    expect(formatLocal(NY, Date.UTC(2026, 10, 1, 6, 30))).toBe('2026-11-01T01:30:00-05:00');
    expect(formatLocal('Asia/Kolkata', Date.UTC(2026, 0, 1, 0, 0))).toBe('2026-01-01T05:30:00+05:30');
  });

  it('"not before 02:30" on the spring-forward day ends when the clocks jump to 03:00', () => {
    const zones = candidateZones({ phones: ['+16175550123'] });
    const result = designatedInconvenience(zones, [{ at: '2026-01-01T00:00:00Z', notBefore: '02:30' }], new Date('2026-03-08T06:30:00Z'));
    expect(result.inconvenient).toBe(true);
    expect(result.until?.toISOString()).toBe('2026-03-08T07:00:00.000Z');
  });
});
