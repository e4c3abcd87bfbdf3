/** The intents the safety net recognizes, as the corpus and the dialogs name them. */
export const INTENT_IDS = [
  'dispute',
  'validation_request',
  'cease_communication',
  'channel_opt_out',
  'attorney',
  'bankruptcy',
  'inconvenient_time',
  'inconvenient_place',
  'wrong_person',
  'deceased',
  'crisis',
  'complaint',
  'human_agent',
  'military',
  'hardship',
  'pay_in_full',
  'payment_plan',
  'settlement',
  'balance',
  'promise_to_pay',
  'faq',
  'language_change',
  'greeting',
  'other',
] as const;

export type IntentId = (typeof INTENT_IDS)[number];

export interface IntentInfo {
  id: IntentId;
  /** A right the consumer exercises or a protection that applies: it changes durable flags or routing before any dialog runs. */
  rightsBearing: boolean;
  title: string;
  /** Where the obligation to honour it comes from (empty for transactional intents). */
  basis: string;
}

export const INTENTS: readonly IntentInfo[] = [
  { id: 'dispute', rightsBearing: true, title: 'Disputes the debt or part of it', basis: '12 CFR 1006.38' },
  { id: 'validation_request', rightsBearing: true, title: 'Asks for validation information or proof of the debt', basis: '12 CFR 1006.34, 1006.38' },
  { id: 'cease_communication', rightsBearing: true, title: 'Asks the collector to stop communicating, or refuses to pay', basis: '12 CFR 1006.6(c)' },
  { id: 'channel_opt_out', rightsBearing: true, title: 'Opts out of a medium (texts, email, calls)', basis: '12 CFR 1006.6(e), 1006.14(h); 47 CFR 64.1200(a)(10)-(12)' },
  { id: 'attorney', rightsBearing: true, title: 'Is represented by an attorney', basis: '12 CFR 1006.6(b)(2)' },
  { id: 'bankruptcy', rightsBearing: true, title: 'Has filed for bankruptcy (automatic stay, discharge)', basis: '11 U.S.C. 362, 524' },
  { id: 'inconvenient_time', rightsBearing: true, title: 'Names times that are inconvenient', basis: '12 CFR 1006.6(b)(1)' },
  { id: 'inconvenient_place', rightsBearing: true, title: 'Names a place where contact is inconvenient (e.g. work)', basis: '12 CFR 1006.6(b)(1), (b)(3)' },
  { id: 'wrong_person', rightsBearing: true, title: 'Is not the consumer (wrong number or person)', basis: '12 CFR 1006.6(d)' },
  { id: 'deceased', rightsBearing: true, title: 'Says the consumer has died', basis: '12 CFR 1006.6(a)(4)' },
  { id: 'crisis', rightsBearing: true, title: 'Signals self-harm or suicidal thoughts', basis: 'Parley policy; FCA FG21/1' },
  { id: 'complaint', rightsBearing: true, title: 'Complains or alleges harassment', basis: '12 CFR 1006.14; CFPB chatbot report 2023' },
  { id: 'human_agent', rightsBearing: true, title: 'Asks for a person', basis: 'CFPB chatbot report 2023 (doom loops)' },
  { id: 'military', rightsBearing: true, title: 'Is in military service (SCRA)', basis: '50 U.S.C. 3901 et seq.' },
  { id: 'hardship', rightsBearing: true, title: 'Describes financial hardship or vulnerability', basis: 'FCA CONC 7.3, FG21/1; creditor forbearance' },
  { id: 'pay_in_full', rightsBearing: false, title: 'Wants to pay the whole balance', basis: '' },
  { id: 'payment_plan', rightsBearing: false, title: 'Asks for a payment plan', basis: '' },
  { id: 'settlement', rightsBearing: false, title: 'Asks to settle for less', basis: '' },
  { id: 'balance', rightsBearing: false, title: 'Asks what is owed or what the debt is', basis: '' },
  { id: 'promise_to_pay', rightsBearing: false, title: 'Promises a payment (amount and date if given)', basis: '' },
  { id: 'faq', rightsBearing: false, title: 'Asks a general question (rights, credit, process)', basis: '' },
  { id: 'language_change', rightsBearing: false, title: 'Asks for another language', basis: '' },
  { id: 'greeting', rightsBearing: false, title: 'Greets', basis: '' },
  { id: 'other', rightsBearing: false, title: 'Nothing recognized', basis: '' },
];

const RIGHTS = new Set<IntentId>(INTENTS.filter((info) => info.rightsBearing).map((info) => info.id));

export function isRightsBearing(intent: IntentId): boolean {
  return RIGHTS.has(intent);
}

export function isIntentId(value: string): value is IntentId {
  return (INTENT_IDS as readonly string[]).includes(value);
}
