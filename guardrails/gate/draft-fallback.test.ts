import { describe, expect, it, vi } from 'vitest';
import type { DraftContext } from '../content/index.js';
import { evaluate } from './evaluate.js';
import { makeAccount, makeRequest } from './test-fixtures.js';

// The draft checks are another module's; here they are replaced by a stand-in with known findings so
// these tests pin down what the gate does with findings: fall back, block, and cite.
const seen: DraftContext[] = [];
vi.mock('../content/index.js', () => ({
  checkDraft: (text: string, ctx: DraftContext) => {
    seen.push(ctx);
    const findings = [];
    if (/arrest/i.test(text)) findings.push({ ruleId: 'threat-criminal', reason: 'threatens arrest: "arrested"' });
    if (/today only/i.test(text)) findings.push({ ruleId: 'false-urgency', reason: 'invented deadline: "today only"' });
    if (/remortgage/i.test(text)) findings.push({ ruleId: 'uk-misleading', reason: 'pressure to borrow: "remortgage"' });
    if (/mystery/i.test(text)) findings.push({ ruleId: 'mystery-rule', reason: 'a rule no pack defines' });
    return findings;
  },
}));

const AT = new Date('2026-06-10T16:00:00Z');
const FACTS = { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' } as const;
const TEMPLATE = 'Your balance is $1,234.56.';

describe('model drafts and their templates (DESIGN.md principle 1)', () => {
  it('a model draft with a finding is replaced by the template, which is checked again', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, draft: 'Pay now or you will be arrested.', draftSource: 'model', fallback: TEMPLATE }));
    expect(decision.verdict).toBe('send');
    expect(decision.text).toBe('This message is from a debt collector. Your balance is $1,234.56. Reply STOP to opt out.');
    expect(decision.replacedDraft).toEqual({
      text: 'Pay now or you will be arrested.',
      violations: [{ ruleId: 'threat-criminal', citation: '12 CFR 1006.18(b)–(c)', reason: 'threatens arrest: "arrested"' }],
    });
    expect(decision.violations).toEqual([]);
    expect(decision.rules.find((r) => r.ruleId === 'threat-criminal')?.reason).toContain('model draft replaced by the template');
  });

  it('a clean model draft is sent as written', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, draft: 'Your balance today is $1,234.56.', draftSource: 'model', fallback: TEMPLATE }));
    expect(decision.text).toContain('Your balance today is $1,234.56.');
    expect(decision.replacedDraft).toBeUndefined();
  });

  it('a template with a finding is blocked, citing the rule', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, draft: 'Today only: settle for less.' }));
    expect(decision.verdict).toBe('block');
    expect(decision.text).toBeNull();
    expect(decision.violations).toEqual([{ ruleId: 'false-urgency', citation: '12 CFR 1006.18(b)–(c)', reason: 'invented deadline: "today only"' }]);
  });

  it('a failing model draft whose template also fails is blocked', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, draft: 'You will be arrested.', draftSource: 'model', fallback: 'Today only!' }));
    expect(decision.verdict).toBe('block');
    expect(decision.violations.map((v) => v.ruleId)).toEqual(['false-urgency']);
    expect(decision.replacedDraft?.violations.map((v) => v.ruleId)).toEqual(['threat-criminal']);
  });

  it('a failing model draft without a template is blocked', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, draft: 'You will be arrested.', draftSource: 'model' }));
    expect(decision.verdict).toBe('block');
    expect(decision.violations[0]?.ruleId).toBe('template-fallback');
  });

  it('UK findings carry the UK citations', () => {
    const account = makeAccount({ country: 'GB', postalCode: 'SW1A 1AA', city: 'London', phones: ['+447911123456'], currency: 'GBP' });
    const decision = evaluate(makeRequest({ account, at: AT, facts: FACTS, draft: 'Today only. You could remortgage to pay.' }));
    expect(decision.packVersion).toBe('gb@2026.11.0');
    expect(decision.violations).toEqual([
      { ruleId: 'false-urgency', citation: 'CONC 7.3.10', reason: 'invented deadline: "today only"' },
      { ruleId: 'uk-misleading', citation: 'CONC 7.3.10, 7.11', reason: 'pressure to borrow: "remortgage"' },
    ]);
  });

  it('a finding no pack defines is still blocked and says so', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, draft: 'A mystery.' }));
    expect(decision.violations[0]).toEqual({ ruleId: 'mystery-rule', citation: 'no rule pack defines mystery-rule', reason: 'a rule no pack defines' });
  });

  it('passes the account, facts, allowed amounts and dates and the instant to the checks', () => {
    seen.length = 0;
    evaluate(makeRequest({ at: AT, facts: FACTS, allowedAmounts: [10_000], allowedDates: ['2026-07-01'] }));
    expect(seen[0]).toMatchObject({ language: 'en', facts: FACTS, allowedAmounts: [10_000], allowedDates: ['2026-07-01'], at: AT });
    expect(seen[0]?.account?.accountId).toBe('ACC-1001');
  });
});

describe('messages whose words the law fixes', () => {
  it('an opt-out confirmation always goes out in the template\'s words, even when the model\'s phrasing passes', () => {
    const flags = { ...makeRequest().flags, optOuts: [{ medium: 'sms' as const, at: '2026-06-10T15:58:00Z', confirmationSent: false }] };
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, flags, purpose: 'opt-out-confirmation', draft: 'Sure thing! You are opted out. By the way, your balance is $1,234.56.', draftSource: 'model', fallback: 'You will not get more texts from us at this number.' }));
    expect(decision.verdict).toBe('send');
    expect(decision.text).toBe('You will not get more texts from us at this number.');
    expect(decision.replacedDraft?.violations.map((v) => v.ruleId)).toEqual(['fixed-wording']);
  });

  it('a cease notice without its template is blocked', () => {
    const decision = evaluate(makeRequest({ at: AT, facts: FACTS, purpose: 'cease-notice-ending', draft: 'We are done here.', draftSource: 'model' }));
    expect(decision.verdict).toBe('block');
  });
});
