// The model layer (issue 5): phrasing and understanding through any OpenAI-compatible endpoint, with
// a latency budget, a circuit breaker and a template fallback that never fails.
export { createLlmLayer, type LlmLayer, type LlmLayerOptions } from './factory.js';
export { mergeUnderstanding, type FillableDetails, type MergedUnderstanding, type MergeOptions, type SafetyNetReading } from './merge.js';
export { compareFacts, extractAmounts, extractDates, extractTimes, type DateFact, type FactComparison } from './facts.js';
export { checkRewrite, cleanRewrite, guessLanguage, type RewriteVerdict } from './hygiene.js';
export { maskIdentifiers, Redactor } from './redact.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { understandingSchema } from './understander.js';
export { INTENT_IDS, RIGHTS_BEARING_INTENTS, TRANSACTIONAL_INTENTS, isRightsBearingIntent, type IntentId } from './intents.js';
export type * from './types.js';
