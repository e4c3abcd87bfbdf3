// Understanding: a structured reading of the consumer's message (intents and what it states), checked
// with zod here as well as by the client, and kept only where it is grounded in the message.
import { z } from 'zod';
import { mediumSchema, languageSchema } from '../../guardrails/index.js';
import { callWithinBudget } from './budget.js';
import { extractAmounts } from './facts.js';
import { INTENT_IDS, type IntentId } from './intents.js';
import { understandingMessage } from './messages.js';
import { Redactor } from './redact.js';
import type { ModelCallDeps, StructuredMethod, UnderstandFallbackReason, UnderstandInput, UnderstandResult, Understander, UnderstoodEntities } from './types.js';

const nullableText = (description: string) => z.string().nullable().describe(description);

/**
 * What the model answers. Every field is required and nullable (not optional) so the same schema
 * works with OpenAI's strict JSON schema mode, function calling and plain JSON mode.
 */
export const understandingSchema = z
  .object({
    intents: z.array(z.enum(INTENT_IDS)).describe('Every intent that applies to the consumer message.'),
    entities: z
      .object({
        amounts: z
          .array(
            z
              .object({
                text: z.string().describe('The amount exactly as written in the message.'),
                value: z.number().nullable().describe('The amount as a number in major units, e.g. 50 or 1250.5.'),
                currency: nullableText('USD, GBP or EUR when stated.'),
              })
              .strict(),
          )
          .describe('Money amounts the message states.'),
        dates: z.array(z.string()).describe('Dates or days exactly as written ("Friday", "the 15th", "March 3").'),
        medium: mediumSchema.nullable().describe('The way of contact the consumer refers to.'),
        attorney: z
          .object({
            name: nullableText("The attorney's name as written."),
            phone: nullableText("The attorney's phone as written (or its placeholder)."),
            email: nullableText("The attorney's email as written (or its placeholder)."),
            firm: nullableText("The attorney's firm as written."),
          })
          .strict()
          .nullable(),
        notBefore: nullableText('Earliest acceptable contact time the consumer gave, 24-hour HH:MM.'),
        notAfter: nullableText('Latest acceptable contact time the consumer gave, 24-hour HH:MM.'),
        language: languageSchema.nullable().describe('A language the consumer asks for.'),
      })
      .strict(),
  })
  .strict();

export type UnderstandingAnswer = z.infer<typeof understandingSchema>;

const SHAPE_FOR_JSON_MODE =
  '{"intents": [intent ids], "entities": {"amounts": [{"text": string, "value": number|null, "currency": string|null}], "dates": [string], ' +
  '"medium": "sms"|"email"|"voice"|"teams"|"webchat"|null, "attorney": {"name": string|null, "phone": string|null, "email": string|null, "firm": string|null}|null, ' +
  '"notBefore": "HH:MM"|null, "notAfter": "HH:MM"|null, "language": "en"|"es"|null}}';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

function squash(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Keeps what the message states: a text value the message does not contain is the model's invention
 * (or an injected instruction's) and is dropped; placeholders are put back to the real values.
 */
export function groundEntities(answer: UnderstandingAnswer['entities'], message: string, redactor: Redactor): UnderstoodEntities {
  const haystack = squash(message);
  const stated = (value: string | null): string | null => {
    if (value === null || value.trim() === '') return null;
    return haystack.includes(squash(value)) ? redactor.restore(value.trim()) : null;
  };
  const amounts = answer.amounts.flatMap((amount) => {
    const text = stated(amount.text);
    if (text === null) return [];
    const read = extractAmounts(text)[0] ?? (/^\d+(?:[.,]\d{1,2})?$/.test(text) ? extractAmounts(`$${text}`)[0] : undefined);
    const fromModel = amount.value !== null && Number.isFinite(amount.value) && amount.value >= 0 ? Math.round(amount.value * 100) : null;
    return [{ text, minorUnits: read ?? fromModel, currency: amount.currency }];
  });
  const attorney = answer.attorney
    ? { name: stated(answer.attorney.name), phone: stated(answer.attorney.phone), email: stated(answer.attorney.email), firm: stated(answer.attorney.firm) }
    : null;
  const time = (value: string | null) => (value !== null && HHMM.test(value.trim()) ? value.trim() : null);
  return {
    amounts,
    dates: answer.dates.map(stated).filter((date): date is string => date !== null),
    medium: answer.medium,
    attorney: attorney && Object.values(attorney).some((value) => value !== null) ? attorney : null,
    notBefore: time(answer.notBefore),
    notAfter: time(answer.notAfter),
    language: answer.language,
  };
}

export interface UnderstanderDeps extends ModelCallDeps {
  method: StructuredMethod;
}

export function disabledUnderstander(promptVersion: string): Understander {
  return { understand: async () => ({ kind: 'fallback', reason: 'disabled', promptVersion, latencyMs: 0 }) };
}

export function createUnderstander(deps: UnderstanderDeps): Understander {
  const now = deps.now ?? (() => new Date());
  const promptVersion = deps.prompt.version;
  const structured = deps.model.withStructuredOutput(understandingSchema, { method: deps.method, name: 'classify_message' });

  return {
    async understand(input: UnderstandInput): Promise<UnderstandResult> {
      const started = performance.now();
      const fallback = (reason: UnderstandFallbackReason, detail?: string): UnderstandResult => ({
        kind: 'fallback',
        reason,
        ...(detail ? { detail } : {}),
        model: deps.modelName,
        promptVersion,
        latencyMs: Math.round(performance.now() - started),
      });
      try {
        const redactor = new Redactor(now().getUTCFullYear());
        const { message, user } = understandingMessage(input, redactor, deps.method === 'jsonMode' ? SHAPE_FOR_JSON_MODE : undefined);
        const outcome = await callWithinBudget(
          (signal) =>
            structured.invoke(
              [
                { role: 'system', content: deps.prompt.text },
                { role: 'user', content: user },
              ],
              { signal },
            ),
          { budgetMs: deps.budgetMs, breaker: deps.breaker },
        );
        if (!outcome.ok) return fallback(outcome.reason, outcome.detail);
        // The client parsed it already, but not every method validates: the schema is the contract.
        const parsed = understandingSchema.safeParse(outcome.value);
        if (!parsed.success) return fallback('unparseable', 'answer does not match the schema');
        const intents = [...new Set<IntentId>(parsed.data.intents)];
        return {
          kind: 'understood',
          intents: intents.length > 0 ? intents : ['other'],
          entities: groundEntities(parsed.data.entities, message, redactor),
          model: deps.modelName,
          promptVersion,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        return fallback('error', error instanceof Error ? error.name : 'error');
      }
    },
  };
}
