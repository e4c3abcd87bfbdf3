import { z } from 'zod';
import type { MessagePurpose } from '../../guardrails/index.js';
import { countSlot, dateSlot, hoursSlot, moneySlot, passageSlot, phoneSlot, textSlot, timeSlot, urlSlot, vocabularies } from './slots.js';

interface ActSpec<S extends z.ZodRawShape> {
  purpose: MessagePurpose;
  /** Says or implies that the consumer owes a debt: only after identity is verified (1006.6(d)). */
  revealsDebt: boolean;
  /** What the act is for, for the template writer and the officer reading the audit trail. */
  description: string;
  slots: S;
}

function act<const S extends z.ZodRawShape>(spec: ActSpec<S>) {
  return { ...spec, schema: z.strictObject(spec.slots) };
}

/** How to reach a person: from the configuration, never written into a template. */
const reachPerson = { contactPhone: phoneSlot, hours: hoursSlot };

/**
 * Everything Parley can say. A dialog picks an act and fills its slots; the words come from the
 * templates of knowledge/templates/. Ids are stable: the audit trail and the transcripts name them.
 */
export const speechActs = {
  // Opening and identity: nothing here may reveal a debt.
  'greeting.automated-assistant': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'First message of a conversation: an automated assistant, a person at any time.',
    slots: { collectorName: textSlot },
  }),
  'pre-verification.business-matter': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'Before verification: a personal business matter for the named person, who we are, how to reach a person.',
    slots: { firstName: textSlot, collectorName: textSlot, ...reachPerson },
  }),
  'identity.ask': act({
    purpose: 'identity-check',
    revealsDebt: false,
    description: 'Asks for the configured identity factors.',
    slots: { factors: vocabularies.identityFactors },
  }),
  'identity.ask-reference': act({
    purpose: 'identity-check',
    revealsDebt: false,
    description: 'No file is matched yet (web chat, Teams): asks for the reference from our letter or the phone number on file, with the identity factors.',
    slots: { factors: vocabularies.identityFactors },
  }),
  'identity.failed': act({
    purpose: 'identity-check',
    revealsDebt: false,
    description: 'The answers did not match; says how many tries are left, nothing else.',
    slots: { attemptsLeft: countSlot },
  }),
  'identity.locked': act({
    purpose: 'identity-check',
    revealsDebt: false,
    description: 'Too many failed attempts: verification paused here, a person can help.',
    slots: { ...reachPerson },
  }),
  'identity.verified': act({
    purpose: 'identity-check',
    revealsDebt: false,
    description: 'Identity confirmed.',
    slots: { firstName: textSlot },
  }),
  menu: act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'What the consumer can do here once verified.',
    slots: {},
  }),
  'why-contacting': act({
    purpose: 'reply',
    revealsDebt: true,
    description: '"Why are you contacting me?" once verified: the debt, the creditor, who we are.',
    slots: { collectorName: textSlot, currentCreditor: textSlot, originalCreditor: textSlot.optional() },
  }),

  // Balance and validation information (1006.34).
  'balance.current': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'The current balance and the creditor.',
    slots: { currentBalance: moneySlot, currentCreditor: textSlot },
  }),
  'balance.itemization': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'Validation information: itemization date and amounts since, balance, creditors, validation period end.',
    slots: {
      itemizationDate: dateSlot,
      amountAtItemization: moneySlot,
      interest: moneySlot,
      fees: moneySlot,
      payments: moneySlot,
      credits: moneySlot,
      currentBalance: moneySlot,
      currentCreditor: textSlot,
      originalCreditor: textSlot,
      validationEndDate: dateSlot.optional(),
    },
  }),
  'validation.how-to-dispute': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'How to dispute, with the validation period end date.',
    slots: { validationEndDate: dateSlot },
  }),
  'validation.requested': act({
    purpose: 'rights-confirmation',
    revealsDebt: true,
    description: 'A request for validation information is recorded.',
    slots: {},
  }),

  // Paying.
  'payment.link': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'A secure payment link for an amount; never card numbers in chat.',
    slots: { amount: moneySlot, url: urlSlot },
  }),
  'payment.link-unavailable': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'The payments service could not make a link: a person can help.',
    slots: { ...reachPerson },
  }),
  'payment.no-card-in-chat': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'The consumer typed what looks like a card or Social Security number: never here (said before verification too, so it names no payment).',
    slots: {},
  }),
  'payment.confirmed': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'The payments service reported a payment.',
    slots: { amount: moneySlot, paidOn: dateSlot },
  }),
  'collection.paused-dispute': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'A request to pay or arrange while a dispute pauses collection (1006.38): no link, no plan; what happens, a person.',
    slots: { ...reachPerson },
  }),
  'collection.paused': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'A request to pay or arrange while collection is paused for review (bankruptcy, death, crisis, legal hold): a person.',
    slots: { ...reachPerson },
  }),
  'plan.ask-amount': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'Asks what instalment would work.',
    slots: {},
  }),
  'plan.offer': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'A plan within the creditor authority.',
    slots: { instalment: moneySlot, count: countSlot, frequency: vocabularies.frequency, finalInstalment: moneySlot.optional() },
  }),
  'plan.counter-out-of-bounds': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'The consumer asked for less than the minimum instalment or longer than the maximum: the bounds.',
    slots: { minInstalment: moneySlot, maxMonths: countSlot },
  }),
  'plan.confirmed': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'The agreed schedule, confirmed back.',
    slots: {
      instalment: moneySlot,
      count: countSlot,
      frequency: vocabularies.frequency,
      firstDate: dateSlot,
      lastDate: dateSlot,
      finalInstalment: moneySlot.optional(),
    },
  }),
  'settlement.offer': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'A settlement within authority.',
    slots: { amount: moneySlot, currentBalance: moneySlot },
  }),
  'settlement.counter-out-of-bounds': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'The consumer proposed less than the lowest settlement.',
    slots: { lowestSettlement: moneySlot },
  }),
  'settlement.accepted': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'A settlement the consumer accepted, recorded.',
    slots: { amount: moneySlot },
  }),
  'promise.ask-details': act({
    purpose: 'collection',
    revealsDebt: true,
    description: 'Asks when and how much the consumer plans to pay.',
    slots: {},
  }),
  'promise.recorded': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'A promise to pay, recorded with its amount and date.',
    slots: { amount: moneySlot, date: dateSlot },
  }),

  // Rights: each one changes the flags first, then confirms.
  // A right the safety net found possible, not certain: asked about, and the answer decides. Worded so
  // that, said before verification, none of them reveals a debt.
  'dispute.confirm-question': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'A possible dispute: "It sounds like you may be disputing this. Is that right?"',
    slots: {},
  }),
  'cease.confirm-question': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'A possible request to stop all contact: asked before it is recorded.',
    slots: {},
  }),
  'attorney.confirm-question': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'A possible attorney: asked whether a lawyer represents the consumer in this matter.',
    slots: {},
  }),
  'wrong-person.confirm-question': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'Possibly not the person we are looking for: asked, nothing revealed.',
    slots: {},
  }),
  'deceased.confirm-question': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'Possibly news of a death: condolence, and asked whether the person we are trying to reach has died.',
    slots: {},
  }),
  'possible-right.declined': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'The consumer said no to a confirming question: thanked, and asked what they need.',
    slots: {},
  }),
  'dispute.ask-scope': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'All of it, or part?',
    slots: {},
  }),
  'dispute.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: true,
    description: 'A dispute within the validation period: recorded, collection on it paused until verification (1006.38).',
    slots: { scope: vocabularies.disputeScope },
  }),
  'dispute.recorded-after-period': act({
    purpose: 'rights-confirmation',
    revealsDebt: true,
    description: 'A dispute after the validation period: recorded and passed on for review.',
    slots: { scope: vocabularies.disputeScope, ...reachPerson },
  }),
  'cease.confirmed': act({
    // The confirmation is itself the notice that further efforts are ending (1006.6(c)(2)(i)): the
    // cease flag is set before it is said, and only the three notices may follow a cease.
    purpose: 'cease-notice-ending',
    revealsDebt: false,
    description: 'A request to stop all contact, recorded (1006.6(c)).',
    slots: {},
  }),
  'optout.confirmed': act({
    purpose: 'opt-out-confirmation',
    revealsDebt: false,
    description: 'The one confirmation of a medium opt-out: nothing but the confirmation (1006.14(h)).',
    slots: { medium: vocabularies.medium },
  }),
  'optout.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'An opt-out of another medium than this conversation is on (no more emails, said in chat), confirmed here.',
    slots: { medium: vocabularies.medium },
  }),
  'inconvenient-time.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'Consumer-designated inconvenient times, recorded (1006.6(b)(1)).',
    slots: { notBefore: timeSlot.optional(), notAfter: timeSlot.optional() },
  }),
  'inconvenient-place.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'A consumer-designated inconvenient place, recorded (1006.6(b)(1), (b)(3)).',
    slots: { place: vocabularies.place },
  }),
  'attorney.ask-contact': act({
    // Part of recording the representation: the attorney rule lets only confirmations through (1006.6(b)(2)).
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: "Asks for the attorney's name and contact (1006.6(b)(2)).",
    slots: {},
  }),
  'attorney.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'Attorney representation recorded: we contact the attorney from now on.',
    slots: { attorneyName: textSlot.optional() },
  }),
  'bankruptcy.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'A bankruptcy recorded and passed on for review.',
    slots: { ...reachPerson },
  }),
  'deceased.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'A death reported: condolences, recorded, reveals nothing to the relative.',
    slots: { ...reachPerson },
  }),
  'wrong-person.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'Wrong person: the number is marked; reveals nothing at all.',
    slots: {},
  }),
  'wrong-person.no-details': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'A wrong person who keeps asking: nothing more can be shared.',
    slots: {},
  }),
  'military.recorded': act({
    purpose: 'rights-confirmation',
    revealsDebt: false,
    description: 'Military service recorded and passed on for review of protections.',
    slots: {},
  }),
  'hardship.acknowledged': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'Empathy for a hardship, before any option.',
    slots: {},
  }),
  'hardship.options': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'Options within authority: a lower instalment, a pause where the creditor allows it, a person.',
    slots: { minInstalment: moneySlot, maxMonths: countSlot, pauseMonths: countSlot.optional() },
  }),
  'hardship.uk-debt-advice': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'UK accounts: free debt advice signposting (FG21/1).',
    slots: {},
  }),
  'crisis.resources-us': act({
    purpose: 'crisis-support',
    revealsDebt: false,
    description: '988 Suicide & Crisis Lifeline.',
    slots: {},
  }),
  'crisis.resources-uk': act({
    purpose: 'crisis-support',
    revealsDebt: false,
    description: 'Samaritans 116 123.',
    slots: {},
  }),

  // People, questions, transparency.
  'handoff.queued': act({
    purpose: 'handoff',
    revealsDebt: false,
    description: 'The conversation is passed to a person.',
    slots: { ...reachPerson },
  }),
  'complaint.recorded': act({
    purpose: 'handoff',
    revealsDebt: false,
    description: 'A complaint recorded and passed to a person; where else to complain.',
    slots: { regulator: vocabularies.regulator },
  }),
  'doom-loop.offer-person': act({
    purpose: 'handoff',
    revealsDebt: false,
    description: 'The same question failed twice or three turns went nowhere: offers a person.',
    slots: { ...reachPerson },
  }),
  'faq.answer': act({
    purpose: 'reply',
    revealsDebt: true,
    description: 'An answer from an approved article, with the article named.',
    slots: { title: textSlot, answer: passageSlot },
  }),
  'faq.not-found': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'No approved article answers the question: says so, offers a person, never guesses.',
    slots: { ...reachPerson },
  }),
  'privacy.how-used': act({
    purpose: 'reply',
    revealsDebt: false,
    description: '"How is my information used?" from the approved privacy article.',
    slots: { title: textSlot, answer: passageSlot },
  }),
  'language.switched': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'Said in the new language.',
    slots: {},
  }),
  'transcript.copy': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'A copy of the conversation: a link, or shown on the page right after.',
    slots: { url: urlSlot.optional() },
  }),
  'conversation.anything-else': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'After thanks or ok: anything else?',
    slots: {},
  }),
  goodbye: act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'Closing.',
    slots: {},
  }),
  'fallback.not-understood': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'The message was not understood: asks again, a person at any time.',
    slots: {},
  }),
  'fallback.safe': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'The fixed safe message when a store fails (fail closed), with a way to reach a person.',
    slots: { ...reachPerson },
  }),

  // SMS keywords (CTIA): the replies state how to opt out or in by nature.
  'sms.help': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'HELP / INFO: who we are, how to reach a person, how to opt out.',
    slots: { collectorName: textSlot, ...reachPerson },
  }),
  'sms.stop-confirmed': act({
    purpose: 'opt-out-confirmation',
    revealsDebt: false,
    description: 'STOP and its synonyms: one confirmation.',
    slots: { collectorName: textSlot },
  }),
  'sms.start-confirmed': act({
    purpose: 'reply',
    revealsDebt: false,
    description: 'START / YES / UNSTOP: texts resume.',
    slots: { collectorName: textSlot },
  }),

  // The only notices allowed after a cease (1006.6(c)(2)).
  'cease.notice-ending': act({
    purpose: 'cease-notice-ending',
    revealsDebt: true,
    description: 'Further efforts are being ended.',
    slots: { currentCreditor: textSlot },
  }),
  'cease.notice-remedy': act({
    purpose: 'cease-notice-remedy',
    revealsDebt: true,
    description: 'The collector or creditor may invoke a remedy it ordinarily invokes.',
    slots: { currentCreditor: textSlot, remedy: vocabularies.remedy },
  }),
  'cease.notice-specific-remedy': act({
    purpose: 'cease-notice-specific-remedy',
    revealsDebt: true,
    description: 'The collector or creditor intends to invoke a specific remedy.',
    slots: { currentCreditor: textSlot, remedy: vocabularies.remedy },
  }),

  // Parley writes first.
  'reminder.check-in': act({
    purpose: 'reminder',
    revealsDebt: false,
    description: 'A first or follow-up message before verification: a personal business matter.',
    slots: { firstName: textSlot, collectorName: textSlot, ...reachPerson },
  }),
  'reminder.payment-due': act({
    purpose: 'reminder',
    revealsDebt: true,
    description: 'A scheduled payment of an arrangement is coming up.',
    slots: { amount: moneySlot, dueDate: dateSlot, url: urlSlot.optional() },
  }),
} as const;

export type SpeechActId = keyof typeof speechActs;
/** The slots a dialog passes for an act (money in minor units, dates as YYYY-MM-DD). */
export type SlotsOf<Id extends SpeechActId> = z.input<(typeof speechActs)[Id]['schema']>;
