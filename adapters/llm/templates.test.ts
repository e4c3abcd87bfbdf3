// Every approved template, handed back unchanged by a model, must pass this layer's checks: its
// facts are read in every locale the renderer writes (en-US, en-GB, es), its language is its own,
// and nothing in it looks like an echoed prompt or an added consequence.
import { describe, expect, it } from 'vitest';
import { approvedTemplates, describeSpeechAct, phrasingPrompt, renderAct, speechActIds, vocabularies, type SlotKind, type VocabularyName } from '../../knowledge/index.js';
import { checkRewrite } from './hygiene.js';
import { compareFacts } from './facts.js';
import { Redactor } from './redact.js';

function sample(kind: SlotKind, currency: 'USD' | 'GBP', language: 'en' | 'es'): unknown {
  if (kind.startsWith('vocabulary:')) return (vocabularies[kind.slice('vocabulary:'.length) as VocabularyName].options as readonly string[])[0];
  switch (kind) {
    case 'money':
      return { amount: 124_050, currency };
    case 'date':
      return '2026-03-05';
    case 'time':
      return '20:00';
    case 'count':
      return 3;
    case 'url':
      return 'https://pay.example.com/l/7f3a9c';
    case 'phone':
      return '1-800-555-0100';
    case 'hours':
      return { days: 'weekdays', opens: '08:00', closes: '20:00', timeZone: 'America/New_York' };
    case 'passage':
      return language === 'en' ? 'You can dispute all or part of the debt at any time by telling us.' : 'Puede disputar toda la deuda o una parte en cualquier momento si nos lo dice.';
    default:
      return 'Acme Funding';
  }
}

const cases = (['en', 'es'] as const).flatMap((language) =>
  (language === 'en' ? (['US', 'GB'] as const) : (['US'] as const)).flatMap((country) =>
    speechActIds.flatMap((id) => {
      const variants = approvedTemplates[language].acts.get(id)?.length ?? 1;
      const slots = Object.fromEntries(describeSpeechAct(id).slots.map((slot) => [slot.name, sample(slot.kind, country === 'GB' ? 'GBP' : 'USD', language)]));
      return Array.from({ length: variants }, (_, variant) => ({ label: `${language}-${country} ${id} #${variant + 1}`, id, language, country, slots, variant }));
    }),
  ),
);

describe('approved templates through the rewrite checks', () => {
  it.each(cases.map((c) => [c.label, c] as const))('%s passes when the model returns it unchanged', (_label, c) => {
    const rendered = renderAct(c.id, c.slots, c.language, { variant: c.variant, country: c.country });
    const redactor = new Redactor(2026);
    const template = redactor.redact(rendered.text);
    // The renderer's amounts and dates are all found in its own text: the fact reader knows every format it writes.
    expect(compareFacts(template, template, { amounts: rendered.amounts, dates: rendered.dates })).toMatchObject({ ok: true });
    const verdict = checkRewrite({ rewrite: template, template, language: c.language, systemPrompt: phrasingPrompt.text, facts: { amounts: rendered.amounts, dates: rendered.dates } });
    expect(verdict).toEqual({ ok: true, text: template.trim() });
    expect(redactor.restore(template)).toBe(rendered.text);
  });
});
