import { INTENTS, type IntentId } from '../ids.js';
import { featuresOf } from './features.js';

/** The intents the statistical layer scores: the rights-bearing ones (the phrase rules keep the rest). */
export const SCORED_INTENTS: readonly IntentId[] = INTENTS.filter((info) => info.rightsBearing).map((info) => info.id);

export interface TrainingMessage {
  text: string;
  intents: readonly string[];
}

export interface LogisticSettings {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied to the weights a message touches. */
  l2: number;
  /** A feature seen in fewer training messages than this is dropped. */
  minFeatureCount: number;
  /** Upper bound of the weight of a positive example (classes are unbalanced; a miss costs more). */
  maxPositiveWeight: number;
}

export const DEFAULT_LOGISTIC: LogisticSettings = { epochs: 12, learningRate: 0.15, l2: 1e-2, minFeatureCount: 2, maxPositiveWeight: 3 };

/** The model as data: per intent a bias and the weight of each feature that has one. */
export interface LogisticWeights {
  intents: Record<string, { bias: number; weights: Record<string, number> }>;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * One binary logistic regression per rights-bearing intent over the message's features, trained by
 * stochastic gradient descent in a fixed order from zero weights: the same corpus gives the same
 * model, byte for byte. Scores are probabilities, so "recognized" and "possible" are thresholds.
 */
export class IntentLogistic {
  private constructor(private readonly model: LogisticWeights) {}

  static train(messages: readonly TrainingMessage[], settings: LogisticSettings = DEFAULT_LOGISTIC): IntentLogistic {
    const featureSets = messages.map((message) => Object.keys(featuresOf(message.text)));
    const counts = new Map<string, number>();
    for (const features of featureSets) for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
    const kept = featureSets.map((features) => features.filter((feature) => (counts.get(feature) ?? 0) >= settings.minFeatureCount));
    // A fixed permutation (multiplicative stride) so examples of one source are not seen in a block.
    const stride = 7919;
    const order = messages.map((_, index) => (index * stride) % messages.length);
    const model: LogisticWeights = { intents: {} };
    for (const intent of SCORED_INTENTS) {
      const labels = messages.map((message) => (message.intents.includes(intent) ? 1 : 0));
      const positives = labels.reduce<number>((sum, label) => sum + label, 0);
      const positiveWeight = positives === 0 ? 1 : Math.min(settings.maxPositiveWeight, (messages.length - positives) / positives);
      const weights = new Map<string, number>();
      let bias = 0;
      for (let epoch = 0; epoch < settings.epochs; epoch += 1) {
        const rate = settings.learningRate / (1 + epoch * 0.5);
        for (const index of order) {
          const features = kept[index]!;
          let z = bias;
          for (const feature of features) z += weights.get(feature) ?? 0;
          const label = labels[index]!;
          const gradient = (sigmoid(z) - label) * (label === 1 ? positiveWeight : 1);
          bias -= rate * gradient;
          for (const feature of features) {
            const weight = weights.get(feature) ?? 0;
            weights.set(feature, weight - rate * (gradient + settings.l2 * weight));
          }
        }
      }
      const rounded: Record<string, number> = {};
      for (const [feature, weight] of [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        // Weights this small never move a score across a threshold: dropped, for a model a person can diff.
        const value = Math.round(weight * 1e3) / 1e3;
        if (Math.abs(value) >= 0.01) rounded[feature] = value;
      }
      model.intents[intent] = { bias: Math.round(bias * 1e3) / 1e3, weights: rounded };
    }
    return new IntentLogistic(model);
  }

  static fromWeights(model: LogisticWeights): IntentLogistic {
    return new IntentLogistic(model);
  }

  toWeights(): LogisticWeights {
    return this.model;
  }

  /** The probability of each scored intent. */
  scores(text: string): Partial<Record<IntentId, number>> {
    const features = Object.keys(featuresOf(text));
    const out: Partial<Record<IntentId, number>> = {};
    for (const [intent, { bias, weights }] of Object.entries(this.model.intents)) {
      let z = bias;
      for (const feature of features) z += weights[feature] ?? 0;
      out[intent as IntentId] = sigmoid(z);
    }
    return out;
  }
}
