// The intent ids the model may answer with: the safety net's ids (guardrails/intents, rule-ids brief).
// Kept here as a literal list so the structured-output schema can enumerate them; intents.test.ts
// fails if it drifts from the corpus.

export const RIGHTS_BEARING_INTENTS = [
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
] as const;

export const TRANSACTIONAL_INTENTS = [
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

export const INTENT_IDS = [...RIGHTS_BEARING_INTENTS, ...TRANSACTIONAL_INTENTS] as const;

export type IntentId = (typeof INTENT_IDS)[number];

const rights = new Set<string>(RIGHTS_BEARING_INTENTS);
const known = new Set<string>(INTENT_IDS);

export function isRightsBearingIntent(intent: string): boolean {
  return rights.has(intent);
}

export function isKnownIntent(intent: string): intent is IntentId {
  return known.has(intent);
}
