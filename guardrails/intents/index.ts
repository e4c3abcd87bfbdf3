// The intent safety net: deterministic recognition of what a consumer's message asks for or tells.
export { classifyIntents, normalizedForm, CLASSIFIER_VERSION, type Classification, type ClassificationLayers, type ClassifyOptions } from './classify.js';
export { INTENTS, INTENT_IDS, isIntentId, isRightsBearing, type IntentId, type IntentInfo } from './ids.js';
export type {
  AttorneyDetail,
  ChannelOptOutDetail,
  InconvenientPlaceDetail,
  InconvenientTimeDetail,
  IntentDetails,
  OptOutMedium,
  PaymentDate,
  PaymentPlanDetail,
  PromiseToPayDetail,
  SettlementDetail,
} from './details.js';
export type { IntentRule, PatternPack } from './pack.js';
export { evaluateIntents, type IntentEvaluation, type IntentScore, type LabelledMessage } from './evaluate.js';
export {
  statisticalFindings,
  committedModel,
  corpusHash,
  parseCorpus,
  trainModelFile,
  IntentLogistic,
  INTENT_MODEL_VERSION,
  TRAINING_CORPUS_FILES,
  SCORED_INTENTS,
  DEFAULT_LOGISTIC,
  DEFAULT_GRADING,
  type CorpusFile,
  type Grading,
  type ModelFile,
  type StatisticalFindings,
  type TrainingMessage,
} from './statistical/index.js';
export { evaluateLayers, crossValidate } from './evaluate-layers.js';
export { scoreGraded, folds, type GradedPrediction, type GradedSummary, type GradedIntentScore, type LabelledCase, type LayerName, type LayeredEvaluation } from './graded-evaluation.js';
