// The statistical layer of the intent safety net: a model trained from the corpus beside it, loaded once.
import { readFileSync } from 'node:fs';
import type { IntentId } from '../ids.js';
import { IntentLogistic, SCORED_INTENTS } from './logistic.js';
import { modelFileSchema, type ModelFile } from './model-file.js';

/** The files the committed model is trained from, relative to the repository (the holdout and fresh batches never are). */
export const TRAINING_CORPUS_FILES: readonly string[] = ['guardrails/intents/corpus/train.jsonl', 'guardrails/intents/corpus/train-dev.jsonl'];

// Read with the module, like the phrase and template files: a missing or malformed model fails the first import.
const MODEL_FILE = modelFileSchema.parse(JSON.parse(readFileSync(new URL('./model.json', import.meta.url), 'utf8'))) as ModelFile;
const MODEL = IntentLogistic.fromWeights(MODEL_FILE.weights);

/** Names the model in every decision: its version and the first digits of its corpus hash. */
export const INTENT_MODEL_VERSION = `${MODEL_FILE.version}+${MODEL_FILE.corpus.sha256.slice(0, 12)}`;

export interface StatisticalFindings {
  scores: Partial<Record<IntentId, number>>;
  recognized: IntentId[];
  possible: IntentId[];
}

/** Scores a message and grades each rights-bearing intent: recognized, possible, or neither. */
export function statisticalFindings(text: string, model: IntentLogistic = MODEL, grading = MODEL_FILE.grading): StatisticalFindings {
  const scores = model.scores(text);
  const recognized: IntentId[] = [];
  const possible: IntentId[] = [];
  for (const intent of SCORED_INTENTS) {
    const score = scores[intent] ?? 0;
    if (score >= grading.recognized) recognized.push(intent);
    else if (score >= (intent === 'crisis' ? grading.crisisPossible : grading.possible)) possible.push(intent);
  }
  return { scores, recognized, possible };
}

export function committedModel(): ModelFile {
  return MODEL_FILE;
}

export { corpusHash, parseCorpus, trainModelFile, DEFAULT_GRADING, type CorpusFile } from './train.js';
export { IntentLogistic, SCORED_INTENTS, DEFAULT_LOGISTIC, type TrainingMessage } from './logistic.js';
export type { ModelFile, Grading } from './model-file.js';
