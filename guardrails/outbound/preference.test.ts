import { describe, expect, it } from 'vitest';
import type { ContactAttempt } from '../domain/index.js';
import { nextLocalHour } from './local-time.js';
import { contactPreference } from './preference.js';

const AT = new Date('2026-06-10T16:00:00Z');

function wrote(at: string, channel: ContactAttempt['channel'] = 'sms', initiatedBy: 'consumer' | 'parley' = 'consumer'): ContactAttempt {
  return { accountId: 'A', channel, at, initiatedBy, outcome: 'delivered' };
}

describe('contactPreference', () => {
  it('counts what the consumer wrote, by channel and local hour, in the lookback only', () => {
    const preference = contactPreference(
      [
        wrote('2026-06-08T23:05:00Z'),
        wrote('2026-06-05T23:40:00Z'),
        wrote('2026-06-01T14:00:00Z', 'teams'),
        wrote('2026-06-09T23:00:00Z', 'sms', 'parley'),
        wrote('2026-01-01T23:00:00Z'),
      ],
      'America/New_York',
      AT,
    );
    expect(preference.answers).toEqual({ sms: 2, teams: 1 });
    expect(preference.channel).toBe('sms');
    expect(preference.hour).toEqual({ zone: 'America/New_York', hour: 19, answers: 2 });
  });

  it('says nothing without messages from the consumer', () => {
    const preference = contactPreference([wrote('2026-06-09T23:00:00Z', 'sms', 'parley')], 'America/New_York', AT);
    expect(preference.channel).toBeUndefined();
    expect(preference.hour).toBeUndefined();
  });
});

describe('nextLocalHour', () => {
  it('is the next time the local clock reads the hour, across a DST change', () => {
    expect(nextLocalHour('America/New_York', 19, AT)).toEqual(new Date('2026-06-10T23:00:00Z'));
    expect(nextLocalHour('America/New_York', 12, AT)).toEqual(AT);
    // 2026-03-08: clocks go from 02:00 EST to 03:00 EDT; 09:00 that day is 13:00 UTC.
    expect(nextLocalHour('America/New_York', 9, new Date('2026-03-08T06:00:00Z'))).toEqual(new Date('2026-03-08T13:00:00Z'));
  });
});
