// The safety net decides first (DESIGN.md principle 3); the model refines. It may add a
// rights-bearing intent (the safe direction), choose among the transactional readings and fill slots
// the rules left empty. It can never take away a right the rules recognized, whatever the consumer's
// message told it to do.
import { isKnownIntent, isRightsBearingIntent, type IntentId } from './intents.js';
import type { UnderstandResult, UnderstoodEntities } from './types.js';

export interface SafetyNetReading<D extends object = Record<string, unknown>> {
  intents: readonly string[];
  /** What the deterministic rules extracted (amounts, medium, times...), in their own shape. */
  details: D;
}

export interface MergedUnderstanding<D extends object = Record<string, unknown>> {
  intents: IntentId[];
  /** The safety net's details, untouched: the model never overwrites what the rules found. */
  details: D;
  /** Slots the model filled that the safety net's details leave empty (same keys as UnderstoodEntities). */
  filled: Partial<UnderstoodEntities>;
  /** Rights-bearing intents only the model saw: worth confirming ("It sounds like you may be disputing..."). */
  addedByModel: IntentId[];
  /** Model intents not taken: transactional readings the rules contradict. */
  ignoredFromModel: IntentId[];
  source: 'safety-net' | 'safety-net+model';
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0) || value === '';
}

export function mergeUnderstanding<D extends object>(safetyNet: SafetyNetReading<D>, model: UnderstandResult): MergedUnderstanding<D> {
  const netIntents = [...new Set(safetyNet.intents.filter(isKnownIntent))];
  const netRights = netIntents.filter(isRightsBearingIntent);
  const netTransactional = netIntents.filter((intent) => !isRightsBearingIntent(intent) && intent !== 'other');

  if (model.kind !== 'understood') {
    return {
      intents: netIntents.length > 0 ? netIntents : ['other'],
      details: safetyNet.details,
      filled: {},
      addedByModel: [],
      ignoredFromModel: [],
      source: 'safety-net',
    };
  }

  const modelIntents = [...new Set(model.intents)];
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
  const ignoredFromModel = modelIntents.filter((intent) => !intents.includes(intent) && intent !== 'other');

  const filled: Partial<UnderstoodEntities> = {};
  const details = safetyNet.details as Record<string, unknown>;
  for (const key of Object.keys(model.entities) as (keyof UnderstoodEntities)[]) {
    const value = model.entities[key];
    if (!isEmpty(value) && isEmpty(details[key])) Object.assign(filled, { [key]: value });
  }

  return {
    intents: intents.length > 0 ? intents : ['other'],
    details: safetyNet.details,
    filled,
    addedByModel,
    ignoredFromModel,
    source: 'safety-net+model',
  };
}
