import { INTENT_IDS, isIntentId, isRightsBearing, type IntentId } from './ids.js';

/** What one layer (or the whole stack) said of one message. */
export interface GradedPrediction {
  recognized: readonly IntentId[];
  possible: readonly IntentId[];
}

export interface LabelledCase {
  text: string;
  intents: readonly string[];
  language?: string;
}

export interface GradedIntentScore {
  intent: IntentId;
  labelled: number;
  recognized: number;
  /** Labelled, not recognized, but asked about. */
  possible: number;
  /** Recognized on a message not labelled with it. */
  falseAlarms: number;
  precision: number | null;
  recall: number | null;
}

export interface GradedSummary {
  messages: number;
  /** Rights-bearing labels found, recognized or possible, over all rights-bearing labels. */
  rightsRecall: number | null;
  rightsRecognizedRecall: number | null;
  /** Messages with no rights-bearing label on which a right was recognized (acted on) / only asked about. */
  benign: number;
  benignActedOn: number | null;
  benignAskedAbout: number | null;
  perIntent: GradedIntentScore[];
  /** Labelled rights that were neither recognized nor possible, and rights recognized where none was labelled. */
  misses: Array<{ text: string; intent: IntentId }>;
  falseAlarms: Array<{ text: string; intent: IntentId }>;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/** Scores graded predictions against labels: per intent, and the figures the safety net is held to. */
export function scoreGraded(cases: readonly LabelledCase[], predictions: readonly GradedPrediction[]): GradedSummary {
  const perIntent = new Map<IntentId, GradedIntentScore>(
    INTENT_IDS.map((intent) => [intent, { intent, labelled: 0, recognized: 0, possible: 0, falseAlarms: 0, precision: null, recall: null }]),
  );
  let rightsLabels = 0;
  let rightsFound = 0;
  let rightsRecognized = 0;
  let benign = 0;
  let acted = 0;
  let asked = 0;
  const misses: GradedSummary['misses'] = [];
  const falseAlarms: GradedSummary['falseAlarms'] = [];
  cases.forEach((entry, index) => {
    const unknown = entry.intents.filter((intent) => !isIntentId(intent));
    if (unknown.length > 0) throw new Error(`unknown intent label ${unknown.join(', ')} on "${entry.text}"`);
    const labels = new Set(entry.intents as readonly IntentId[]);
    const prediction = predictions[index]!;
    const recognized = new Set(prediction.recognized);
    const possible = new Set(prediction.possible);
    for (const score of perIntent.values()) {
      if (labels.has(score.intent)) {
        score.labelled += 1;
        if (recognized.has(score.intent)) score.recognized += 1;
        else if (possible.has(score.intent)) score.possible += 1;
      } else if (recognized.has(score.intent)) {
        score.falseAlarms += 1;
        if (isRightsBearing(score.intent)) falseAlarms.push({ text: entry.text, intent: score.intent });
      }
    }
    const rights = [...labels].filter(isRightsBearing);
    for (const intent of rights) {
      rightsLabels += 1;
      if (recognized.has(intent)) rightsRecognized += 1;
      if (recognized.has(intent) || possible.has(intent)) rightsFound += 1;
      else misses.push({ text: entry.text, intent });
    }
    if (rights.length === 0) {
      benign += 1;
      if (prediction.recognized.some(isRightsBearing)) acted += 1;
      else if (prediction.possible.some(isRightsBearing)) asked += 1;
    }
  });
  const scores = [...perIntent.values()].map((score) => ({
    ...score,
    precision: ratio(score.recognized, score.recognized + score.falseAlarms),
    recall: ratio(score.recognized + score.possible, score.labelled),
  }));
  return {
    messages: cases.length,
    rightsRecall: ratio(rightsFound, rightsLabels),
    rightsRecognizedRecall: ratio(rightsRecognized, rightsLabels),
    benign,
    benignActedOn: ratio(acted, benign),
    benignAskedAbout: ratio(asked, benign),
    perIntent: scores,
    misses,
    falseAlarms,
  };
}

/** Splits cases into k folds by position (case i is in fold i mod k): deterministic. */
export function folds<T>(cases: readonly T[], k: number): Array<{ train: T[]; test: T[] }> {
  return Array.from({ length: k }, (_, fold) => ({
    train: cases.filter((_, index) => index % k !== fold),
    test: cases.filter((_, index) => index % k === fold),
  }));
}

export type LayerName = 'phrases' | 'model' | 'whole';

export interface LayeredEvaluation {
  /** Per layer, for every language together and for each language on its own. */
  layers: Record<LayerName, Record<string, GradedSummary>>;
}

/** Scores each layer's predictions and the whole stack's, overall and per language. */
export function evaluateLayerPredictions(cases: readonly LabelledCase[], predictions: Record<LayerName, readonly GradedPrediction[]>): LayeredEvaluation {
  const languages = [...new Set(cases.map((entry) => entry.language ?? 'all'))].filter((language) => language !== 'all').sort();
  const layers = {} as LayeredEvaluation['layers'];
  for (const layer of ['phrases', 'model', 'whole'] as const) {
    const byLanguage: Record<string, GradedSummary> = { all: scoreGraded(cases, predictions[layer]) };
    for (const language of languages) {
      const indexes = cases.flatMap((entry, index) => (entry.language === language ? [index] : []));
      byLanguage[language] = scoreGraded(
        indexes.map((index) => cases[index]!),
        indexes.map((index) => predictions[layer][index]!),
      );
    }
    layers[layer] = byLanguage;
  }
  return { layers };
}
