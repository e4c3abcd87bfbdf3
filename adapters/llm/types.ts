// The model layer's ports: phrasing a speech act and understanding a consumer's message. Both
// always answer (never throw): a rewrite/classification, or a fallback that says why there is none.
import type { ChatOpenAI } from '@langchain/openai';
import type { Prompt } from '../../knowledge/index.js';
import type { CircuitBreaker } from './circuit-breaker.js';
import type { Language, Medium, MinorUnits } from '../../guardrails/index.js';
import type { IntentId } from './intents.js';

export interface RecentTurn {
  /** Who wrote it: the consumer or Parley. */
  role: 'consumer' | 'assistant';
  text: string;
}

export interface PhraseInput {
  /** The speech act id, e.g. "balance.current" (context for the model and the audit). */
  speechAct: string;
  /** The approved template text rendered with its slots: the words to rewrite and the facts to keep. */
  templateText: string;
  /** The act's slot values as words (already masked by the caller; masked again here). */
  slots: Readonly<Record<string, unknown>>;
  language: Language;
  /** The last turns of the conversation, oldest first (masked again here). */
  recentTurns: readonly RecentTurn[];
  /**
   * The amounts (minor units) and dates (YYYY-MM-DD) the template states, when the renderer knows
   * them: every one must survive the rewrite. Without them they are read from the template text.
   */
  facts?: { amounts: readonly MinorUnits[]; dates: readonly string[] };
}

/** Why a rewrite was not produced or not kept. */
export type PhraseFallbackReason =
  | 'disabled'
  | 'timeout'
  | 'error'
  | 'circuit-open'
  | 'empty'
  | 'unparseable'
  /** It repeated the system prompt or wrote role markers. */
  | 'echoed-prompt'
  | 'wrong-language'
  /** An amount, date, link, phone or email of the template is missing (or was changed). */
  | 'dropped-fact'
  /** An amount, date, link, phone or email that is not in the template. */
  | 'added-fact'
  /** A legal or credit consequence (suit, garnishment, arrest, credit report...) the template does not state. */
  | 'added-consequence'
  | 'too-long';

export type PhraseResult =
  | { kind: 'rewrite'; text: string; model: string; promptVersion: string; latencyMs: number }
  | {
      kind: 'fallback';
      reason: PhraseFallbackReason;
      /** What exactly failed, for the audit record (no personal data: amounts, dates, rule words). */
      detail?: string;
      model?: string;
      promptVersion: string;
      latencyMs: number;
    };

export interface Phraser {
  /** Resolves within the latency budget; never rejects. */
  phrase(input: PhraseInput): Promise<PhraseResult>;
}

export interface UnderstandInput {
  /** The consumer's message (already masked by the caller; masked again here). */
  text: string;
  language: Language;
  recentTurns: readonly RecentTurn[];
}

export interface StatedAmount {
  /** As the consumer wrote it, e.g. "$50" or "fifty dollars". */
  text: string;
  /** Read from the text when it has digits, else the model's reading; null when neither is sure. */
  minorUnits: MinorUnits | null;
  currency: string | null;
}

export interface AttorneyContact {
  name: string | null;
  phone: string | null;
  email: string | null;
  firm: string | null;
}

/** What the consumer stated, never computed: every text value appears in the consumer's message. */
export interface UnderstoodEntities {
  amounts: StatedAmount[];
  /** Dates or days as written ("Friday", "March 3"). */
  dates: string[];
  medium: Medium | null;
  attorney: AttorneyContact | null;
  /** Earliest / latest acceptable contact time the consumer gave, 24-hour HH:MM. */
  notBefore: string | null;
  notAfter: string | null;
  /** A language the consumer asked for or wrote in. */
  language: Language | null;
}

export type UnderstandFallbackReason = 'disabled' | 'timeout' | 'error' | 'circuit-open' | 'unparseable';

export type UnderstandResult =
  | {
      kind: 'understood';
      intents: IntentId[];
      entities: UnderstoodEntities;
      model: string;
      promptVersion: string;
      latencyMs: number;
    }
  | { kind: 'fallback'; reason: UnderstandFallbackReason; detail?: string; model?: string; promptVersion: string; latencyMs: number };

export interface Understander {
  /** Resolves within the latency budget; never rejects. */
  understand(input: UnderstandInput): Promise<UnderstandResult>;
}

/** The shape of bot/config.ts `config.llm` (adapters never import bot/). */
export interface LlmSettings {
  mode: 'off' | 'phrase' | 'understand' | 'both';
  apiKey?: string;
  baseUrl?: string;
  model: string;
  timeoutMs: number;
  structuredMethod: StructuredMethod;
  azure?: {
    apiKey: string;
    instanceName: string;
    deploymentName: string;
    apiVersion: string;
    /** Overrides https://<instance>.openai.azure.com (a proxy, or a local test server). */
    endpoint?: string;
  };
}

export type StructuredMethod = 'jsonSchema' | 'functionCalling' | 'jsonMode';

/** What a model call needs, for phrasing and for understanding alike. */
export interface ModelCallDeps {
  model: ChatOpenAI;
  /** The model name the audit records. */
  modelName: string;
  prompt: Prompt;
  budgetMs: number;
  breaker: CircuitBreaker;
  /** The clock, for the year that tells dates of birth from debt dates. */
  now?: () => Date;
}
