import { describe, expect, it } from 'vitest';
import { evaluateCapsWith } from '../frequency/caps.js';
import { evaluateWindowWith } from '../contact-window/window.js';
import { candidateZones } from '../contact-window/zones.js';
import { citationOf, combinedWindow, expandJurisdiction, rulesInForce, ruleSetFor } from './combine.js';
import { RULE_PACKS } from './registry.js';
import { loadPack } from './validate.js';

const federal = RULE_PACKS[0]!;

/** A state pack stricter than the federal one: a narrower window and a smaller text cap. */
const strict = loadPack(
  {
    id: 'us-zz',
    version: '2026.1.0',
    jurisdiction: 'US-ZZ',
    title: 'A stricter test state',
    rules: [
      { id: 'zz-window', kind: 'contact-window', title: 'Narrower hours', citation: 'ZZ Code 1', jurisdiction: 'US-ZZ', channels: ['sms'], effectiveFrom: null, effectiveTo: null, verified: true, parameters: { start: '09:00', end: '20:00' } },
      { id: 'zz-cap', kind: 'frequency-cap', title: 'Fewer texts', citation: 'ZZ Code 2', jurisdiction: 'US-ZZ', channels: ['sms'], effectiveFrom: null, effectiveTo: null, verified: true, parameters: { limit: 1, periodDays: 7 } },
      { id: 'zz-later', kind: 'contact-window', title: 'A window not yet in force', citation: 'ZZ Code 3', jurisdiction: 'US-ZZ', channels: ['sms'], effectiveFrom: '2027-01-01', effectiveTo: null, verified: true, parameters: { start: '10:00', end: '19:00' } },
    ],
  },
  'us-zz.json',
);

const AT = new Date('2026-06-10T16:00:00Z');

describe('stricter wins when packs combine', () => {
  const rules = [...federal.rules, ...strict.rules].filter((r) => r.channels.includes('sms') && r.fromMs <= AT.getTime() && AT.getTime() < r.toMs);

  it('the narrowest window binds', () => {
    expect(combinedWindow(rules)).toMatchObject({ start: '09:00', end: '20:00' });
    const zones = candidateZones({ phones: ['+16175550123'] });
    // 08:30 EDT: inside the federal window, outside the state one.
    const result = evaluateWindowWith(rules, zones, [], new Date('2026-06-10T12:30:00Z'));
    expect(result.permitted).toBe(false);
    expect(result.nextPermittedAt?.toISOString()).toBe('2026-06-10T13:00:00.000Z');
    expect(result.violations.map((v) => v.ruleId)).toEqual(['zz-window']);
    expect(result.rules.find((r) => r.ruleId === 'time-of-day')?.reason).toContain('inside 08:00–21:00 (combined window 09:00–20:00)');
  });

  it('the smallest cap binds', () => {
    const attempts = [{ accountId: 'A', channel: 'sms' as const, at: '2026-06-09T16:00:00Z', initiatedBy: 'parley' as const, outcome: 'delivered' as const }];
    const result = evaluateCapsWith(rules, { accountId: 'A', channel: 'sms', at: AT, attempts });
    expect(result.allowed).toBe(false);
    expect(result.violations.map((v) => v.ruleId)).toEqual(['zz-cap']);
  });

  it('a rule not yet in force does not bind', () => {
    expect(rules.map((r) => r.id)).not.toContain('zz-later');
  });
});

describe('rule sets for an account\'s jurisdictions', () => {
  it('expands a jurisdiction id into its parents', () => {
    expect(expandJurisdiction('US-NY-NYC')).toEqual(['US', 'US-NY', 'US-NY-NYC']);
  });

  it.each([
    [['US'], 'us-federal@2026.11.0', true],
    [['US', 'US-TX'], 'us-federal@2026.11.0', true],
    [['US', 'US-MA'], 'us-federal@2026.11.0+us-ma@2026.11.0', true],
    [['US', 'US-NY', 'US-NY-NYC'], 'us-federal@2026.11.0+us-nyc@2026.11.0', true],
    [['GB'], 'gb@2026.11.0', true],
    [['FR'], 'none', false],
  ])('%j → %s (covered: %s)', (jurisdictions, version, covered) => {
    const set = ruleSetFor(jurisdictions);
    expect(set.version).toBe(version);
    expect(set.covered).toBe(covered);
  });

  it('in-force rules follow the effective dates', () => {
    const set = ruleSetFor(['US']);
    expect(rulesInForce(set, new Date('2025-04-10T12:00:00Z'), 'sms').map((r) => r.id)).not.toContain('revocation');
    expect(rulesInForce(set, new Date('2025-04-11T00:00:00Z'), 'sms').map((r) => r.id)).toContain('revocation');
    expect(rulesInForce(set, new Date('2021-11-29T12:00:00Z'), 'sms').map((r) => r.id)).not.toContain('time-of-day');
  });

  it('citations come from the account\'s packs first, then any pack, and are never invented', () => {
    expect(citationOf(ruleSetFor(['GB']), 'false-urgency')).toBe('CONC 7.3.10');
    expect(citationOf(ruleSetFor(['US']), 'false-urgency')).toBe('12 CFR 1006.18(b)–(c)');
    expect(citationOf(ruleSetFor(['US']), 'uk-misleading')).toBe('CONC 7.3.10, 7.11');
    expect(citationOf(ruleSetFor(['US']), 'made-up')).toBe('no rule pack defines made-up');
  });
});
