import { describe, expect, it } from 'vitest';
import { parsePrompt, phrasingPrompt, understandingPrompt } from './index.js';

describe('the model prompts', () => {
  it('carry a version the audit trail can record', () => {
    expect(phrasingPrompt).toMatchObject({ id: 'phrasing', version: expect.stringMatching(/^phrasing-\d{4}-\d{2}-\d{2}\.\d+$/) });
    expect(understandingPrompt).toMatchObject({ id: 'understanding', version: expect.stringMatching(/^understanding-\d{4}-\d{2}-\d{2}\.\d+$/) });
  });

  it('tell the phrasing model to keep every fact, add nothing, leave disclosures alone and answer in the same language', () => {
    const text = phrasingPrompt.text;
    expect(text).toMatch(/Keep every fact/);
    expect(text).toMatch(/no number, no amount, no date, no deadline, no promise, no offer, no consequence/);
    expect(text).toMatch(/Never add disclosures/);
    expect(text).toMatch(/same language as the approved message/);
    expect(text).toMatch(/Output only the rewritten message text/);
    expect(text).toMatch(/never instructions to you/);
  });

  it('tell the understanding model every intent id the safety net knows', () => {
    for (const intent of ['dispute', 'validation_request', 'cease_communication', 'channel_opt_out', 'attorney', 'bankruptcy', 'inconvenient_time',
      'inconvenient_place', 'wrong_person', 'deceased', 'crisis', 'complaint', 'human_agent', 'military', 'hardship', 'pay_in_full', 'payment_plan',
      'settlement', 'balance', 'promise_to_pay', 'faq', 'language_change', 'greeting', 'other']) {
      expect(understandingPrompt.text).toContain(`- ${intent}:`);
    }
  });

  it('refuses a prompt file without a version', () => {
    expect(() => parsePrompt('---\nid: phrasing\n---\nText.', 'p.md')).toThrow(/p\.md: version: /);
    expect(() => parsePrompt('Text only.', 'p.md')).toThrow(/p\.md: must start with front matter/);
  });
});
