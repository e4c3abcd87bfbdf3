import { describe, expect, it } from 'vitest';
import { RulePackError } from './errors.js';
import { RULE_PACKS } from './registry.js';
import { loadPack } from './validate.js';

function rule(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'ma-frequency',
    kind: 'frequency-cap',
    title: 'At most 2 calls or texts in 7 days',
    citation: '940 CMR 7.04(1)(f)',
    jurisdiction: 'US-MA',
    channels: ['voice', 'sms'],
    effectiveFrom: null,
    effectiveTo: null,
    verified: true,
    parameters: { limit: 2, periodDays: 7 },
    ...overrides,
  };
}

function pack(rules: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'us-ma', version: '2026.11.0', jurisdiction: 'US-MA', title: 'Massachusetts', rules, ...overrides };
}

function refusal(raw: unknown): RulePackError {
  try {
    loadPack(raw, 'test.json');
  } catch (error) {
    if (error instanceof RulePackError) return error;
    throw error;
  }
  throw new Error('the pack was accepted');
}

describe('loadPack refuses a pack that contradicts itself, naming the pack, the rule and the fix', () => {
  it('accepts a sound pack', () => {
    const loaded = loadPack(pack([rule()]), 'test.json');
    expect(loaded.rules[0]?.pack).toBe('us-ma@2026.11.0');
  });

  it('a duplicate rule id', () => {
    const error = refusal(pack([rule(), rule()]));
    expect(error.message).toContain('Rule pack us-ma@2026.11.0 refused');
    expect(error.problems).toEqual([{ rule: 'ma-frequency', problem: 'the id appears twice (entries #1 and #2).', fix: 'give each rule its own id, or merge the two entries.' }]);
  });

  it('a window that starts after it ends', () => {
    const error = refusal(pack([rule({ id: 'ma-window', kind: 'contact-window', parameters: { start: '21:00', end: '08:00' } })]));
    expect(error.problems[0]?.rule).toBe('ma-window');
    expect(error.problems[0]?.problem).toContain('starts at 21:00, after it ends at 08:00');
    expect(error.problems[0]?.fix).toContain('start earlier than the end');
  });

  it('two windows in one pack that never overlap', () => {
    const error = refusal(
      pack([
        rule({ id: 'morning', kind: 'contact-window', parameters: { start: '08:00', end: '11:00' } }),
        rule({ id: 'evening', kind: 'contact-window', parameters: { start: '18:00', end: '21:00' } }),
      ]),
    );
    expect(error.problems[0]?.rule).toBe('morning and evening');
    expect(error.problems[0]?.problem).toContain('do not overlap');
  });

  it('effectiveTo before effectiveFrom', () => {
    const error = refusal(pack([rule({ effectiveFrom: '2026-01-01', effectiveTo: '2025-01-01' })]));
    expect(error.problems[0]).toMatchObject({ rule: 'ma-frequency', fix: 'correct the dates, or set effectiveTo to null while the rule is in force.' });
    expect(error.problems[0]?.problem).toContain('effectiveTo 2025-01-01 is not after effectiveFrom 2026-01-01');
  });

  it('a cap of 0 with a period', () => {
    const error = refusal(pack([rule({ parameters: { limit: 0, periodDays: 7 } })]));
    expect(error.problems[0]?.problem).toContain('a cap of 0 attempts per 7 days');
    expect(error.problems[0]?.fix).toContain('flag-stop');
  });

  it('a cap over a period of 0 days', () => {
    expect(refusal(pack([rule({ parameters: { limit: 2, periodDays: 0 } })])).problems[0]?.fix).toBe('set periodDays to 1 or more.');
  });

  it('an unknown parameter (a typo must not lift a cap)', () => {
    const error = refusal(pack([rule({ parameters: { limt: 2, periodDays: 7 } })]));
    const messages = error.problems.map((p) => `${p.rule}: ${p.problem} ${p.fix}`);
    expect(messages).toContain('ma-frequency: "limt" is not a parameter of a frequency-cap rule (it takes limit, periodDays, addressTypes). remove it or rename it to one of the parameters a frequency-cap rule takes.');
    expect(messages.some((m) => m.includes('parameters.limit is missing'))).toBe(true);
  });

  it('an unknown field on a rule', () => {
    const error = refusal(pack([rule({ severity: 'high' })]));
    expect(error.problems[0]?.problem).toContain('"severity" is not known');
    expect(error.problems[0]?.fix).toContain('move it under "parameters"');
  });

  it('an unknown kind', () => {
    const error = refusal(pack([rule({ kind: 'quiet-hours' })]));
    expect(error.problems[0]?.problem).toContain('kind: must be one of: contact-window');
  });

  it('a rule for another jurisdiction', () => {
    const error = refusal(pack([rule({ jurisdiction: 'US-WA' })]));
    expect(error.problems[0]?.fix).toBe('move it to the US-WA pack or set its jurisdiction to US-MA.');
  });

  it('a disclosure text that does not exist', () => {
    const error = refusal(pack([rule({ id: 'ma-notice', kind: 'state-notice', channels: ['sms'], parameters: { textId: 'ma-notice', when: 'first-communication', licence: false } })]));
    expect(error.problems[0]?.problem).toBe('text "ma-notice" is not a disclosure text.');
    expect(error.problems[0]?.fix).toContain('guardrails/disclosures/texts.json');
  });

  it('an opt-out notice for a channel without its text', () => {
    const error = refusal(pack([rule({ id: 'e-opt-out', kind: 'opt-out-notice', channels: ['sms', 'email'], parameters: { textIds: { sms: 'sms-opt-out' } } })]));
    expect(error.problems[0]?.fix).toBe('add parameters.textIds.email.');
  });

  it('an identity check that waits for verification', () => {
    const error = refusal(pack([rule({ id: 'third-party', kind: 'verification-required', parameters: { purposes: ['identity-check', 'collection'] } })]));
    expect(error.problems[0]?.fix).toBe('remove identity-check from purposes.');
  });

  it('a keyword that both opts out and opts in', () => {
    const error = refusal(pack([rule({ id: 'kw', kind: 'sms-keywords', channels: ['sms'], parameters: { optOut: ['STOP'], help: [], optIn: ['stop'] } })]));
    expect(error.problems[0]?.problem).toContain('stop would both opt out and opt in');
  });

  it('a missing citation and a missing version', () => {
    expect(refusal(pack([rule({ citation: '' })])).problems[0]?.problem).toContain('citation');
    expect(refusal(pack([rule()], { version: 'latest' })).problems[0]?.problem).toContain('version: must be YEAR.MONTH.PATCH');
  });

  it('reports every problem at once', () => {
    const error = refusal(pack([rule({ parameters: { limit: 0, periodDays: 7 } }), rule({ id: 'ma-window', kind: 'contact-window', parameters: { start: '22:00', end: '21:00' } })]));
    expect(error.problems.map((p) => p.rule)).toEqual(['ma-frequency', 'ma-window']);
  });
});

describe('the shipped packs', () => {
  it('all load, one per jurisdiction, all at a version', () => {
    expect(RULE_PACKS.map((p) => `${p.id}@${p.version}:${p.jurisdiction}`)).toEqual([
      'us-federal@2026.11.0:US',
      'us-ma@2026.11.0:US-MA',
      'us-wa@2026.11.0:US-WA',
      'us-ca@2026.11.0:US-CA',
      'us-nyc@2026.11.0:US-NY-NYC',
      'gb@2026.11.0:GB',
    ]);
  });

  const federal = RULE_PACKS[0];
  it.each([
    ['time-of-day', '12 CFR 1006.6(b)(1)(i)'],
    ['ambiguous-location', '12 CFR 1006, comment 6(b)(1)(i)'],
    ['consumer-designated', '12 CFR 1006.6(b)(1), comments 6(b)(1)-1, -2'],
    ['attorney', '12 CFR 1006.6(b)(2)'],
    ['workplace', '12 CFR 1006.6(b)(3)'],
    ['cease', '12 CFR 1006.6(c)'],
    ['e-opt-out', '12 CFR 1006.6(e)'],
    ['medium-restriction', '12 CFR 1006.14(h)'],
    ['call-frequency', '12 CFR 1006.14(b)(2); comment 14(a)-1'],
    ['disclosures', '12 CFR 1006.18(e)'],
    ['validation', '12 CFR 1006.34'],
    ['dispute', '12 CFR 1006.38'],
    ['third-party', '12 CFR 1006.6(d)'],
    ['social-media', '12 CFR 1006.22(f)(4)'],
    ['retention', '12 CFR 1006.100'],
    ['sms-keywords', 'CTIA Messaging Principles; carrier practice'],
    ['revocation', 'FCC 24-24; 47 CFR 64.1200(a)(10)–(12)'],
    ['threat-criminal', '12 CFR 1006.18(b)–(c)'],
    ['threat-unintended-action', '12 CFR 1006.18(b)–(c)'],
    ['time-barred-suit', '12 CFR 1006.26(b)'],
    ['impersonation', '12 CFR 1006.18(b)–(c)'],
    ['abusive-language', '12 CFR 1006.14'],
    ['overshadowing', '12 CFR 1006.38'],
    ['false-urgency', '12 CFR 1006.18(b)–(c)'],
    ['amount-not-on-account', '12 CFR 1006.18(b)–(c)'],
    ['date-not-on-account', '12 CFR 1006.18(b)–(c)'],
    ['outside-authority', '12 CFR 1006.18(b)–(c)'],
    ['unauthorized-fee', '12 CFR 1006.18(b)–(c)'],
    ['third-party-disclosure', '12 CFR 1006.6(d)'],
    ['sensitive-number', 'Parley policy (DESIGN.md principle 7; CFPB chatbot report 2023)'],
    ['leaked-instructions', 'Parley policy (CFPB chatbot report 2023)'],
  ])('US federal has %s citing %s', (id, citation) => {
    expect(federal?.rules.find((r) => r.id === id)?.citation).toBe(citation);
  });

  it.each([
    ['us-ma', 'ma-frequency', '940 CMR 7.04(1)(f)', true],
    ['us-wa', 'wa-frequency', 'RCW 19.16.250', false],
    ['us-nyc', 'nyc-frequency', 'NYC DCWP rules', false],
    ['us-nyc', 'nyc-consent', 'NYC DCWP rules', false],
    ['us-ca', 'ca-notice', 'Cal. Civ. Code 1812.700, 1788.11', true],
    ['gb', 'uk-times', 'CONC 7.9', false],
    ['gb', 'uk-misleading', 'CONC 7.3.10, 7.11', true],
    ['gb', 'uk-vulnerability', 'FG21/1; Consumer Duty', true],
    ['gb', 'false-urgency', 'CONC 7.3.10', true],
  ])('%s has %s citing %s, verified %s', (packId, id, citation, verified) => {
    const found = RULE_PACKS.find((p) => p.id === packId)?.rules.find((r) => r.id === id);
    expect(found?.citation).toBe(citation);
    expect(found?.verified).toBe(verified);
  });
});
