import { classifyIntents, type ClassifyOptions } from './classify.js';
import { INTENT_IDS, isIntentId, isRightsBearing, type IntentId } from './ids.js';

export interface LabelledMessage {
  text: string;
  intents: readonly string[];
}

export interface IntentScore {
  intent: IntentId;
  /** Messages labelled with the intent, and how many of them it was recognized in. */
  labelled: number;
  recalled: number;
  /** Messages not labelled with it, and how many it was wrongly recognized in. */
  unlabelled: number;
  falsePositives: number;
  recall: number | null;
  falsePositiveRate: number | null;
}

export interface IntentEvaluation {
  scores: IntentScore[];
  /** Rights-bearing labels that were not recognized: each is a consumer's right missed. */
  missedRights: Array<{ text: string; intent: IntentId; got: IntentId[] }>;
  /** Messages with no rights-bearing label that were flagged with one. */
  rightsFlaggedOnTransactional: Array<{ text: string; got: IntentId[] }>;
}

/** Per-intent recall and false-positive rate of the classifier over labelled messages. */
export function evaluateIntents(messages: readonly LabelledMessage[], options: ClassifyOptions = {}): IntentEvaluation {
  const counts = new Map<IntentId, IntentScore>(
    INTENT_IDS.map((intent) => [intent, { intent, labelled: 0, recalled: 0, unlabelled: 0, falsePositives: 0, recall: null, falsePositiveRate: null }]),
  );
  const missedRights: IntentEvaluation['missedRights'] = [];
  const rightsFlaggedOnTransactional: IntentEvaluation['rightsFlaggedOnTransactional'] = [];
  for (const message of messages) {
    const unknown = message.intents.filter((intent) => !isIntentId(intent));
    if (unknown.length > 0) throw new Error(`unknown intent label ${unknown.join(', ')} on "${message.text}"`);
    const labels = new Set(message.intents as readonly IntentId[]);
    const got = classifyIntents(message.text, options).intents;
    for (const score of counts.values()) {
      const predicted = got.includes(score.intent);
      if (labels.has(score.intent)) {
        score.labelled += 1;
        if (predicted) score.recalled += 1;
        else if (isRightsBearing(score.intent)) missedRights.push({ text: message.text, intent: score.intent, got });
      } else {
        score.unlabelled += 1;
        if (predicted) score.falsePositives += 1;
      }
    }
    if (![...labels].some(isRightsBearing) && got.some(isRightsBearing)) rightsFlaggedOnTransactional.push({ text: message.text, got });
  }
  const scores = [...counts.values()].map((score) => ({
    ...score,
    recall: score.labelled > 0 ? score.recalled / score.labelled : null,
    falsePositiveRate: score.unlabelled > 0 ? score.falsePositives / score.unlabelled : null,
  }));
  return { scores, missedRights, rightsFlaggedOnTransactional };
}
