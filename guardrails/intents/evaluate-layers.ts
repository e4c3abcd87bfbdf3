import { classifyIntents } from './classify.js';
import { evaluateLayerPredictions, folds, type GradedPrediction, type LabelledCase, type LayerName, type LayeredEvaluation } from './graded-evaluation.js';
import { modelAdditions } from './combine-layers.js';
import { DEFAULT_LOGISTIC, IntentLogistic, type LogisticSettings } from './statistical/logistic.js';
import { statisticalFindings } from './statistical/index.js';

/** Every layer of the shipped safety net over labelled messages: the phrase rules, the model, and the whole. */
export function evaluateLayers(cases: readonly LabelledCase[]): LayeredEvaluation {
  const predictions: Record<LayerName, GradedPrediction[]> = { phrases: [], model: [], whole: [] };
  for (const entry of cases) {
    const result = classifyIntents(entry.text);
    predictions.phrases.push({ recognized: result.layers.phrases, possible: [] });
    predictions.model.push({ recognized: result.layers.model.recognized, possible: result.layers.model.possible });
    predictions.whole.push({ recognized: result.intents, possible: result.possible });
  }
  return evaluateLayerPredictions(cases, predictions);
}

/**
 * k-fold cross-validation of the statistical layer on labelled messages: the model is trained on k-1
 * folds and graded on the fold it did not see, and the whole stack is rebuilt around it as it ships.
 */
export function crossValidate(cases: readonly LabelledCase[], k: number, settings: LogisticSettings = DEFAULT_LOGISTIC, onFold?: (fold: number) => void): LayeredEvaluation {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('cross-validation needs at least 2 folds');
  const ordered: LabelledCase[] = [];
  const predictions: Record<LayerName, GradedPrediction[]> = { phrases: [], model: [], whole: [] };
  folds(cases, k).forEach(({ train, test }, fold) => {
    onFold?.(fold + 1);
    const model = IntentLogistic.train(train, settings);
    for (const entry of test) {
      ordered.push(entry);
      const phrases = classifyIntents(entry.text).layers.phrases;
      const found = statisticalFindings(entry.text, model);
      predictions.phrases.push({ recognized: phrases, possible: [] });
      predictions.model.push({ recognized: found.recognized, possible: found.possible });
      const added = modelAdditions(phrases, found);
      predictions.whole.push({ recognized: [...phrases, ...added.acted], possible: added.possible });
    }
  });
  return evaluateLayerPredictions(ordered, predictions);
}
