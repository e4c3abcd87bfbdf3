// Builds the model layer from the configuration: real phrasing/understanding when a key is set and
// PARLEY_LLM allows it, disabled ones (templates only) otherwise, with one line saying which.
import { phrasingPrompt, understandingPrompt, type Prompt } from '../../knowledge/index.js';
import { CircuitBreaker, DEFAULT_BREAKER, type CircuitBreakerOptions } from './circuit-breaker.js';
import { createChatModel, modelLabel } from './model.js';
import { createPhraser, disabledPhraser } from './phraser.js';
import { createUnderstander, disabledUnderstander } from './understander.js';
import type { LlmSettings, Phraser, Understander } from './types.js';

export interface LlmLayer {
  phraser: Phraser;
  understander: Understander;
  phrasing: boolean;
  understanding: boolean;
  /** One line for the start-up log: what is on, or why templates only. Never contains a key. */
  summary: string;
  /** Shared by both: one endpoint, one view of its health. */
  breaker: CircuitBreaker;
}

export interface LlmLayerOptions {
  breaker?: Partial<CircuitBreakerOptions>;
  prompts?: { phrasing?: Prompt; understanding?: Prompt };
  /** The clock (dates of birth are told from debt dates by their year). */
  now?: () => Date;
}

function endpointLabel(settings: LlmSettings): string {
  const url = settings.azure ? (settings.azure.endpoint ?? `https://${settings.azure.instanceName}.openai.azure.com`) : (settings.baseUrl ?? 'https://api.openai.com/v1');
  // Origin and path only: a URL may carry credentials or a key in its query.
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`.replace(/\/$/, '');
  } catch {
    return 'a configured endpoint';
  }
}

export function createLlmLayer(settings: LlmSettings, options: LlmLayerOptions = {}): LlmLayer {
  const phrasing = options.prompts?.phrasing ?? phrasingPrompt;
  const understanding = options.prompts?.understanding ?? understandingPrompt;
  const breaker = new CircuitBreaker({ ...DEFAULT_BREAKER, ...options.breaker });
  const disabled = (summary: string): LlmLayer => ({
    phraser: disabledPhraser(phrasing.version),
    understander: disabledUnderstander(understanding.version),
    phrasing: false,
    understanding: false,
    summary,
    breaker,
  });

  if (settings.mode === 'off') return disabled('Model layer off (PARLEY_LLM=off): replies use the approved templates, the safety net alone reads messages.');
  if (!settings.azure && !settings.apiKey) {
    return disabled(
      'Model layer off: OPENAI_API_KEY is not set (any value will do for a local OpenAI-compatible server): replies use the approved templates, the safety net alone reads messages.',
    );
  }

  const wantPhrasing = settings.mode === 'phrase' || settings.mode === 'both';
  const wantUnderstanding = settings.mode === 'understand' || settings.mode === 'both';
  const modelName = modelLabel(settings);
  const common = { modelName, budgetMs: settings.timeoutMs, breaker, now: options.now };
  const phraser = wantPhrasing
    ? createPhraser({ ...common, model: createChatModel(settings, { temperature: 0.3, maxTokens: 400 }), prompt: phrasing })
    : disabledPhraser(phrasing.version);
  const understander = wantUnderstanding
    ? createUnderstander({
        ...common,
        model: createChatModel(settings, { temperature: 0, maxTokens: 400 }),
        prompt: understanding,
        method: settings.structuredMethod,
      })
    : disabledUnderstander(understanding.version);
  const parts = [wantPhrasing ? 'phrasing' : undefined, wantUnderstanding ? `understanding (${settings.structuredMethod})` : undefined].filter(Boolean);
  return {
    phraser,
    understander,
    phrasing: wantPhrasing,
    understanding: wantUnderstanding,
    summary: `Model layer on: ${parts.join(' and ')} with ${modelName} at ${endpointLabel(settings)}, ${settings.timeoutMs} ms budget per call; templates whenever it is slow, down or wrong.`,
    breaker,
  };
}
