import { describe, expect, it } from 'vitest';
import { checkDraft, parseAccount, type Account, type AccountInput } from '../../guardrails/index.js';
import { articleAnswerSlots, getArticle, listArticles } from '../articles/load.js';
import type { SpeechActId } from '../speech-acts/catalogue.js';
import { describeSpeechAct, speechActIds } from '../speech-acts/describe.js';
import { vocabularies, type VocabularyName } from '../speech-acts/slots.js';
import { approvedTemplates, render } from './load.js';
import { createRenderer, type Rendered } from './render.js';

/**
 * Every approved template, in every variant and language, with realistic slots, must pass the
 * guardrail draft checks: a template the gate would block is a broken template.
 */

const AT = new Date('2025-03-01T15:00:00Z');

function account(input: AccountInput): Account {
  const parsed = parseAccount(input);
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

const usInput: AccountInput = {
  accountId: 'KN-US-1',
  consumer: {
    firstName: 'Dana',
    lastName: 'Whitfield',
    dateOfBirth: '1985-04-12',
    ssnLast4: '1234',
    phones: [{ number: '+16175550123', type: 'mobile' }],
    address: { line1: '12 Harbor St', city: 'Boston', region: 'MA', postalCode: '02118', country: 'US' },
  },
  currentCreditor: 'Acme Funding LLC',
  originalCreditor: 'First Example Bank',
  debt: {
    itemizationDate: '2024-11-15',
    amountAtItemization: 1150,
    interestSinceItemization: 75,
    feesSinceItemization: 25,
    paymentsSinceItemization: 10,
    creditsSinceItemization: 0,
    currentBalance: 1240,
  },
  validationNoticeSentAt: '2025-02-10',
  authority: { minInstalment: 50, maxPlanMonths: 24, lowestSettlement: 744, allowsHardshipPause: true, maxPauseMonths: 3 },
};

const us = account(usInput);
/** The cease notices name remedies; a lawsuit may be named only where one is intended. */
const usSuitIntended = account({ ...usInput, accountId: 'KN-US-2', debt: { ...usInput.debt, suitIntended: true } });
const gb = account({
  ...usInput,
  accountId: 'KN-GB-1',
  consumer: {
    ...usInput.consumer,
    ssnLast4: undefined,
    phones: [{ number: '+447911123456', type: 'mobile' }],
    address: { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' },
  },
  debt: { ...usInput.debt, currency: 'GBP' },
});

const contact = {
  collectorName: 'Northwind Recovery Services',
  contactPhone: '1-800-555-0100',
  hours: { days: 'weekdays', opens: '08:00', closes: '20:00', timeZone: 'America/New_York' } as const,
};

/** Realistic slots for each act, from the fixture account and the configuration (all optional slots given). */
function samplesFor(a: Account): Record<SpeechActId, Record<string, unknown>> {
  const money = (amount: number) => ({ amount, currency: a.debt.currency });
  const d = a.debt;
  const reach = { contactPhone: contact.contactPhone, hours: contact.hours };
  const faq = articleAnswerSlots(getArticle('your-rights', 'en')!, contact);
  return {
    'greeting.automated-assistant': { collectorName: contact.collectorName },
    'pre-verification.business-matter': { firstName: a.consumer.firstName, collectorName: contact.collectorName, ...reach },
    'identity.ask': { factors: 'dob-and-ssn4' },
    'identity.ask-reference': { factors: 'dob-and-ssn4' },
    'identity.failed': { attemptsLeft: 2 },
    'identity.locked': reach,
    'identity.verified': { firstName: a.consumer.firstName },
    menu: {},
    'why-contacting': { collectorName: contact.collectorName, currentCreditor: a.currentCreditor, originalCreditor: a.originalCreditor },
    'balance.current': { currentBalance: money(d.currentBalance), currentCreditor: a.currentCreditor },
    'balance.itemization': {
      itemizationDate: d.itemizationDate,
      amountAtItemization: money(d.amountAtItemization),
      interest: money(d.interestSinceItemization),
      fees: money(d.feesSinceItemization),
      payments: money(d.paymentsSinceItemization),
      credits: money(d.creditsSinceItemization),
      currentBalance: money(d.currentBalance),
      currentCreditor: a.currentCreditor,
      originalCreditor: a.originalCreditor,
      validationEndDate: '2025-03-20',
    },
    'validation.how-to-dispute': { validationEndDate: '2025-03-20' },
    'validation.requested': {},
    'payment.link': { amount: money(d.currentBalance), url: 'https://pay.example.com/l/7f3a9c' },
    'payment.link-unavailable': reach,
    'payment.no-card-in-chat': {},
    'payment.confirmed': { amount: money(d.currentBalance), paidOn: '2025-03-01' },
    'collection.paused-dispute': reach,
    'collection.paused': reach,
    'plan.ask-amount': {},
    // 17 payments of 70.00 and a final 50.00: 1,240.00 over 18 months, within the authority.
    'plan.offer': { instalment: money(7000), count: 17, frequency: 'monthly', finalInstalment: money(5000) },
    'plan.counter-out-of-bounds': { minInstalment: money(a.authority.minInstalment), maxMonths: a.authority.maxPlanMonths },
    'plan.confirmed': { instalment: money(7000), count: 17, frequency: 'monthly', firstDate: '2025-03-15', lastDate: '2026-08-15', finalInstalment: money(5000) },
    'settlement.offer': { amount: money(a.authority.lowestSettlement), currentBalance: money(d.currentBalance) },
    'settlement.counter-out-of-bounds': { lowestSettlement: money(a.authority.lowestSettlement) },
    'settlement.accepted': { amount: money(a.authority.lowestSettlement) },
    'promise.ask-details': {},
    'promise.recorded': { amount: money(20000), date: '2025-03-15' },
    'dispute.confirm-question': {},
    'cease.confirm-question': {},
    'attorney.confirm-question': {},
    'wrong-person.confirm-question': {},
    'deceased.confirm-question': {},
    'possible-right.declined': {},
    'dispute.ask-scope': {},
    'dispute.recorded': { scope: 'all' },
    'dispute.recorded-after-period': { scope: 'part', ...reach },
    'cease.confirmed': {},
    'optout.confirmed': { medium: 'sms' },
    'optout.recorded': { medium: 'email' },
    'inconvenient-time.recorded': { notBefore: '12:00', notAfter: '20:00' },
    'inconvenient-place.recorded': { place: 'work' },
    'attorney.ask-contact': {},
    'attorney.recorded': { attorneyName: 'Jane Ortiz' },
    'bankruptcy.recorded': reach,
    'deceased.recorded': reach,
    'wrong-person.recorded': {},
    'wrong-person.no-details': {},
    'military.recorded': {},
    'hardship.acknowledged': {},
    'hardship.options': { minInstalment: money(a.authority.minInstalment), maxMonths: a.authority.maxPlanMonths, pauseMonths: a.authority.maxPauseMonths },
    'hardship.uk-debt-advice': {},
    'crisis.resources-us': {},
    'crisis.resources-uk': {},
    'handoff.queued': reach,
    'complaint.recorded': { regulator: 'cfpb' },
    'doom-loop.offer-person': reach,
    'faq.answer': faq,
    'faq.not-found': reach,
    'privacy.how-used': articleAnswerSlots(getArticle('privacy', 'en')!, contact),
    'language.switched': {},
    'transcript.copy': { url: 'https://chat.example.com/transcripts/c-81f2' },
    'conversation.anything-else': {},
    goodbye: {},
    'fallback.not-understood': {},
    'fallback.safe': reach,
    'sms.help': { collectorName: contact.collectorName, ...reach },
    'sms.stop-confirmed': { collectorName: contact.collectorName },
    'sms.start-confirmed': { collectorName: contact.collectorName },
    'cease.notice-ending': { currentCreditor: a.currentCreditor },
    'cease.notice-remedy': { currentCreditor: a.currentCreditor, remedy: 'credit-reporting' },
    'cease.notice-specific-remedy': { currentCreditor: a.currentCreditor, remedy: 'credit-reporting' },
    'reminder.check-in': { firstName: a.consumer.firstName, collectorName: contact.collectorName, ...reach },
    'reminder.payment-due': { amount: money(7000), dueDate: '2025-04-15', url: 'https://pay.example.com/l/7f3a9c' },
  };
}

function accountFor(id: SpeechActId): Account {
  if (id === 'hardship.uk-debt-advice' || id === 'crisis.resources-uk') return gb;
  if (id.startsWith('cease.notice-')) return usSuitIntended;
  return us;
}

/** Each vocabulary slot in turn takes every value it can have. */
function slotVariations(id: SpeechActId, base: Record<string, unknown>): Array<Record<string, unknown>> {
  const variations = [base];
  for (const slot of describeSpeechAct(id).slots) {
    if (!slot.kind.startsWith('vocabulary:')) continue;
    const options = vocabularies[slot.kind.slice('vocabulary:'.length) as VocabularyName].options as readonly string[];
    for (const value of options) if (value !== base[slot.name]) variations.push({ ...base, [slot.name]: value });
  }
  return variations;
}

function check(rendered: Rendered, a: Account, label: string): string[] {
  const initiatedBy = rendered.purpose === 'reminder' || rendered.purpose.startsWith('cease-notice') ? 'parley' : 'consumer';
  const findings = checkDraft(rendered.text, {
    language: rendered.language,
    account: a,
    facts: { firstCommunication: false, identityVerified: rendered.revealsDebt, initiatedBy },
    allowedAmounts: rendered.amounts,
    allowedDates: rendered.dates,
    at: AT,
  });
  return findings.map((finding) => `${label}: ${finding.ruleId}: ${finding.reason}\n      text: ${rendered.text}`);
}

describe('approved templates against the guardrail draft checks', () => {
  it('would catch a template the gate must block (the harness is not vacuous)', () => {
    const bad = createRenderer({
      ...approvedTemplates,
      en: { ...approvedTemplates.en, acts: new Map([...approvedTemplates.en.acts, ['payment.link', [{ text: 'Last chance: pay {amount} today only or we will sue you: {url}', when: [] }]]]) },
    });
    const rendered = bad.render('payment.link', { amount: { amount: 124000, currency: 'USD' }, url: 'https://pay.example.com/l/7f3a9c' }, 'en');
    const rules = check(rendered, us, 'bad').map((line) => line.split(': ')[1]);
    expect(rules).toEqual(expect.arrayContaining(['false-urgency', 'threat-unintended-action']));
    // Before verification, even an approved act that reveals the debt is refused.
    const balance = render('balance.current', { currentBalance: { amount: 124000, currency: 'USD' }, currentCreditor: us.currentCreditor }, 'en');
    expect(checkDraft(balance.text, { language: 'en', account: us, facts: { firstCommunication: false, identityVerified: false, initiatedBy: 'consumer' }, at: AT }).map((f) => f.ruleId)).toContain(
      'third-party-disclosure',
    );
  });

  for (const language of ['en', 'es'] as const) {
    it(`passes every act, variant and vocabulary value in ${language}`, () => {
      const problems: string[] = [];
      for (const id of speechActIds) {
        const a = accountFor(id);
        const variants = approvedTemplates[language].acts.get(id) ?? [];
        variants.forEach((variant, index) => {
          // One variant at a time, so each is checked whatever the slots would pick.
          const only = createRenderer({ ...approvedTemplates, [language]: { ...approvedTemplates[language], acts: new Map([[id, [variant]]]) } });
          for (const slots of slotVariations(id, samplesFor(a)[id])) {
            const rendered = only.renderAct(id, slots, language, { country: a.consumer.address.country });
            problems.push(...check(rendered, a, `${language} ${id} variant ${index + 1} ${JSON.stringify(slots).slice(0, 80)}`));
          }
        });
      }
      expect(problems).toEqual([]);
    });

    it(`passes every article answer in ${language}`, () => {
      const problems: string[] = [];
      for (const article of listArticles(language)) {
        const slots = articleAnswerSlots(article, contact);
        problems.push(...check(render('faq.answer', slots, language), us, `${language} faq.answer ${article.id}`));
      }
      // The privacy answer may be given before verification: it must reveal nothing.
      const privacy = render('privacy.how-used', articleAnswerSlots(getArticle('privacy', language)!, contact), language);
      expect(privacy.revealsDebt).toBe(false);
      problems.push(...check(privacy, us, `${language} privacy.how-used`));
      expect(problems).toEqual([]);
    });
  }
});
