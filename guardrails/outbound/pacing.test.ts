import { describe, expect, it } from 'vitest';
import type { ContactAttempt } from '../domain/index.js';
import { makeAccount, makeFlags } from '../gate/test-fixtures.js';
import { DEFAULT_PACING, evaluatePacing, pacingFor, parsePacingConfig, situationsOf } from './pacing.js';

const AT = new Date('2026-06-10T16:00:00Z');
const DAY = 86_400_000;

function sent(daysAgo: number, initiatedBy: 'parley' | 'consumer' = 'parley'): ContactAttempt {
  return { accountId: 'A', channel: 'sms', at: new Date(AT.getTime() - daysAgo * DAY).toISOString(), initiatedBy, outcome: 'delivered' };
}

describe('pacing policy files', () => {
  it('fills what a file leaves out from the defaults and matches portfolios by creditor or account prefix', () => {
    const parsed = parsePacingConfig({
      default: { hardship: { maxMessages: 1, periodDays: 30 } },
      portfolios: [{ name: 'acme', match: { creditor: 'Acme Bank' }, policy: { standard: { maxMessages: 2, periodDays: 7 } } }],
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const acme = pacingFor(parsed.config, makeAccount());
    expect(acme.name).toBe('acme');
    expect(acme.standard).toEqual({ maxMessages: 2, periodDays: 7, minHoursBetween: 0 });
    expect(acme.hardship.periodDays).toBe(30);
    expect(pacingFor(parsed.config, { ...makeAccount(), currentCreditor: 'Other' }).standard).toEqual(DEFAULT_PACING.standard);
  });

  it('refuses a file that could not mean anything, saying where', () => {
    const parsed = parsePacingConfig({ default: { hardship: { maxMessages: 0, periodDays: 7 } }, portfolios: [{ name: 'x', match: {} }] });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.join('\n')).toMatch(/default\.hardship\.maxMessages: must be at least 1/);
    expect(parsed.errors.join('\n')).toMatch(/portfolios\.0\.match: needs creditor or accountIdPrefix/);
  });
});

describe('situations', () => {
  it('hardship, a promise not yet due and a plan with dates to come, from the local date', () => {
    const flags = makeFlags({ hardship: { at: '2026-06-01T00:00:00Z' } });
    const commitments = [
      { kind: 'promise' as const, dueDate: '2026-06-10' },
      { kind: 'plan' as const, dueDate: '2026-06-09' },
    ];
    expect(situationsOf(flags, commitments, AT, '2026-06-10')).toEqual(['hardship', 'promisePending', 'standard']);
    expect(situationsOf(makeFlags(), commitments, AT, '2026-06-11')).toEqual(['standard']);
  });
});

describe('evaluatePacing', () => {
  it('the strictest situation decides; consumer messages do not count', () => {
    const result = evaluatePacing({ policy: DEFAULT_PACING, situations: ['hardship', 'standard'], attempts: [sent(4), sent(1, 'consumer')], at: AT, arrangementReminder: false });
    expect(result.situation).toBe('hardship');
    expect(result.notBefore).toEqual(new Date(AT.getTime() + 10 * DAY));
  });

  it('allows a message when every situation does', () => {
    const result = evaluatePacing({ policy: DEFAULT_PACING, situations: ['standard'], attempts: [sent(4)], at: AT, arrangementReminder: false });
    expect(result.notBefore).toBeNull();
    expect(result.rule.reason).toContain('1 sent in the last 7 days');
  });

  it('keeps messages apart by the minimum gap', () => {
    const result = evaluatePacing({ policy: DEFAULT_PACING, situations: ['standard'], attempts: [sent(0.5)], at: AT, arrangementReminder: false });
    expect(result.notBefore).toEqual(new Date(AT.getTime() + 0.5 * DAY));
  });
});
