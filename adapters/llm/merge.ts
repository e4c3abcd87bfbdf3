// The safety net decides first (DESIGN.md principle 3); the model refines. It may add a
// rights-bearing intent (the safe direction), choose among the transactional readings and fill
// details the rules left empty. It can never take away a right the rules recognized nor overwrite a
// detail they extracted, whatever the consumer's message told it to do.
import type { Language, Medium, MinorUnits } from '../../guardrails/index.js';
import { isKnownIntent, isRightsBearingIntent, type IntentId } from './intents.js';
import type { UnderstandResult, UnderstoodEntities } from './types.js';

/**
 * The parts of the safety net's details (guardrails/intents IntentDetails) the model can fill: the
 * same shape, written structurally so any IntentDetails value fits.
 */
export interface FillableDetails {
  attorney?: { represented: boolean; name?: string; phone?: string; email?: string; firm?: string };
  channel_opt_out?: { medium: Medium | 'any'; media: (Medium | 'any')[]; keyword: boolean };
  inconvenient_time?: { notBefore?: string; notAfter?: string; said: string };
  promise_to_pay?: { amount?: MinorUnits };
  payment_plan?: { amount?: MinorUnits };
  settlement?: { amount?: MinorUnits };
  language_change?: { to: Language };
}

export interface SafetyNetReading<D extends FillableDetails = FillableDetails> {
  /** The safety net's intents (classifyIntents(...).intents). */
  intents: readonly string[];
  /** The safety net's details (classifyIntents(...).details). */
  details: D;
}

export interface MergedUnderstanding<D extends FillableDetails = FillableDetails> {
  intents: IntentId[];
  /** The safety net's details with the gaps the model filled (a copy: the input is not changed). */
  details: D;
  /** Which details came from the model, e.g. "attorney.phone", "inconvenient_time.notAfter", for the audit. */
  filledByModel: string[];
  /** Rights-bearing intents only the model saw: worth confirming ("It sounds like you may be disputing..."). */
  addedByModel: IntentId[];
  /** Model intents not taken: transactional readings the rules contradict. */
  ignoredFromModel: IntentId[];
  /** What the model read, as it stated it (dates as written...), when it answered. */
  entities: UnderstoodEntities | null;
  source: 'safety-net' | 'safety-net+model';
}

export interface MergeOptions {
  /** The consumer's (masked) message: the "said" of a detail the model's reading creates. */
  said?: string;
}

function pickIntents(netIntents: IntentId[], modelIntents: IntentId[]) {
  const netRights = netIntents.filter(isRightsBearingIntent);
  const netTransactional = netIntents.filter((intent) => !isRightsBearingIntent(intent) && intent !== 'other');
  const addedByModel = modelIntents.filter((intent) => isRightsBearingIntent(intent) && !netRights.includes(intent));
  const modelTransactional = modelIntents.filter((intent) => !isRightsBearingIntent(intent) && intent !== 'other');
  // With no transactional reading of its own the net defers to the model; otherwise the model may
  // only narrow the net's readings, never replace them.
  let transactional: IntentId[];
  if (netTransactional.length === 0) transactional = modelTransactional;
  else {
    const picked = netTransactional.filter((intent) => modelTransactional.includes(intent));
    transactional = picked.length > 0 ? picked : netTransactional;
  }
  const intents = [...netRights, ...addedByModel, ...transactional];
  return { intents, addedByModel, ignoredFromModel: modelIntents.filter((intent) => !intents.includes(intent) && intent !== 'other') };
}

/** Copies the net's details and fills, for the merged intents, what the model stated and the net did not. */
function fillDetails(netDetails: FillableDetails, intents: readonly IntentId[], entities: UnderstoodEntities, said: string) {
  const details: FillableDetails = structuredClone(netDetails);
  const filled: string[] = [];
  const has = (intent: IntentId) => intents.includes(intent);

  if (has('attorney') && entities.attorney) {
    const attorney = details.attorney ?? { represented: true };
    for (const field of ['name', 'phone', 'email', 'firm'] as const) {
      const value = entities.attorney[field];
      if (attorney[field] === undefined && value !== null) {
        attorney[field] = value;
        filled.push(`attorney.${field}`);
      }
    }
    if (details.attorney === undefined && filled.some((field) => field.startsWith('attorney.'))) filled.push('attorney.represented');
    details.attorney = attorney;
  }

  // Only where the net has no opt-out of its own: its "any" (every medium) must never be narrowed.
  if (has('channel_opt_out') && entities.medium && details.channel_opt_out === undefined) {
    details.channel_opt_out = { medium: entities.medium, media: [entities.medium], keyword: false };
    filled.push('channel_opt_out.medium');
  }

  if (has('inconvenient_time') && (entities.notBefore || entities.notAfter)) {
    const time = details.inconvenient_time ?? { said };
    for (const field of ['notBefore', 'notAfter'] as const) {
      const value = entities[field];
      if (time[field] === undefined && value !== null) {
        time[field] = value;
        filled.push(`inconvenient_time.${field}`);
      }
    }
    details.inconvenient_time = time;
  }

  // An amount only when the message states exactly one: with several, which is which is the dialog's question.
  const amounts = entities.amounts.filter((amount) => amount.minorUnits !== null);
  const single = amounts.length === 1 ? (amounts[0]?.minorUnits ?? undefined) : undefined;
  for (const intent of ['promise_to_pay', 'payment_plan', 'settlement'] as const) {
    if (!has(intent) || single === undefined || single === null) continue;
    const detail = details[intent] ?? {};
    if (detail.amount === undefined) {
      detail.amount = single;
      filled.push(`${intent}.amount`);
    }
    details[intent] = detail;
  }

  if (has('language_change') && entities.language && details.language_change === undefined) {
    details.language_change = { to: entities.language };
    filled.push('language_change.to');
  }
  return { details, filled };
}

export function mergeUnderstanding<D extends FillableDetails>(
  safetyNet: SafetyNetReading<D>,
  model: UnderstandResult,
  options: MergeOptions = {},
): MergedUnderstanding<D> {
  const netIntents = [...new Set(safetyNet.intents.filter(isKnownIntent))];

  if (model.kind !== 'understood') {
    return {
      intents: netIntents.length > 0 ? netIntents : ['other'],
      details: safetyNet.details,
      filledByModel: [],
      addedByModel: [],
      ignoredFromModel: [],
      entities: null,
      source: 'safety-net',
    };
  }

  const { intents, addedByModel, ignoredFromModel } = pickIntents(netIntents, [...new Set(model.intents)]);
  const { details, filled } = fillDetails(safetyNet.details, intents, model.entities, (options.said ?? '').slice(0, 200));
  return {
    intents: intents.length > 0 ? intents : ['other'],
    details: details as D,
    filledByModel: filled,
    addedByModel,
    ignoredFromModel,
    entities: model.entities,
    source: 'safety-net+model',
  };
}
