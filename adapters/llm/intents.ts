// The intent ids the model may answer with are the safety net's own (guardrails/intents): one list,
// so the structured-output schema and the merge can never drift from the rules.
import { INTENTS, INTENT_IDS, isIntentId, isRightsBearing, type IntentId } from '../../guardrails/index.js';

export { INTENT_IDS, type IntentId };

export const RIGHTS_BEARING_INTENTS: readonly IntentId[] = INTENTS.filter((info) => info.rightsBearing).map((info) => info.id);
export const TRANSACTIONAL_INTENTS: readonly IntentId[] = INTENTS.filter((info) => !info.rightsBearing).map((info) => info.id);

export function isRightsBearingIntent(intent: string): boolean {
  return isIntentId(intent) && isRightsBearing(intent);
}

export function isKnownIntent(intent: string): intent is IntentId {
  return isIntentId(intent);
}
