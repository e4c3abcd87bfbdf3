// Phrasing: the approved text of a speech act, rewritten warmer by the model, or the reason it was not.
import { callWithinBudget } from './budget.js';
import { checkRewrite } from './hygiene.js';
import { phrasingMessage } from './messages.js';
import { Redactor } from './redact.js';
import type { ModelCallDeps, PhraseFallbackReason, PhraseInput, PhraseResult, Phraser } from './types.js';

export type PhraserDeps = ModelCallDeps;

export function disabledPhraser(promptVersion: string): Phraser {
  return { phrase: async () => ({ kind: 'fallback', reason: 'disabled', promptVersion, latencyMs: 0 }) };
}

export function createPhraser(deps: PhraserDeps): Phraser {
  const now = deps.now ?? (() => new Date());
  const promptVersion = deps.prompt.version;

  return {
    async phrase(input: PhraseInput): Promise<PhraseResult> {
      const started = performance.now();
      const fallback = (reason: PhraseFallbackReason, detail?: string): PhraseResult => ({
        kind: 'fallback',
        reason,
        ...(detail ? { detail } : {}),
        model: deps.modelName,
        promptVersion,
        latencyMs: Math.round(performance.now() - started),
      });
      try {
        if (input.templateText.trim() === '') return fallback('empty', 'no template text');
        const redactor = new Redactor(now().getUTCFullYear());
        const { template, user } = phrasingMessage(input, redactor);
        const outcome = await callWithinBudget(
          (signal) =>
            deps.model.invoke(
              [
                { role: 'system', content: deps.prompt.text },
                { role: 'user', content: user },
              ],
              { signal },
            ),
          { budgetMs: deps.budgetMs, breaker: deps.breaker },
        );
        if (!outcome.ok) return fallback(outcome.reason, outcome.detail);
        const content = outcome.value.content;
        const written = typeof content === 'string' ? content : outcome.value.text;
        // A tool call or a refusal object instead of text: the model did not do the job.
        if (typeof written !== 'string') return fallback('unparseable', 'no text in the answer');
        const verdict = checkRewrite({ rewrite: written, template, language: input.language, systemPrompt: deps.prompt.text, facts: input.facts });
        if (!verdict.ok) return fallback(verdict.reason, verdict.detail);
        return {
          kind: 'rewrite',
          text: redactor.restore(verdict.text),
          model: deps.modelName,
          promptVersion,
          latencyMs: Math.round(performance.now() - started),
        };
      } catch (error) {
        // The contract is "never throws": a bug here must still leave the consumer the template.
        return fallback('error', error instanceof Error ? error.name : 'error');
      }
    },
  };
}
