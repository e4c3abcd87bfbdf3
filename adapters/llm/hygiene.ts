// Cheap checks on a rewrite before it is offered to the gate. The gate (checkDraft) stays the final
// judge; these catch what only this layer can see: the prompt it sent, the placeholders it handed
// out, and the facts of the template the rewrite came from.
import type { Language } from '../../guardrails/index.js';
import { compareFacts } from './facts.js';
import { placeholdersIn } from './redact.js';
import type { PhraseFallbackReason } from './types.js';

/** Strips what models wrap a message in: code fences, a label, quotes, markdown emphasis and headings. */
export function cleanRewrite(text: string): string {
  let cleaned = text.replace(/\r\n?/g, '\n').trim();
  const fenced = /^```[\w-]*\n([\s\S]*?)\n?```$/.exec(cleaned);
  if (fenced) cleaned = (fenced[1] ?? '').trim();
  cleaned = cleaned.replace(/^(?:rewritten message|rewrite|message|mensaje reescrito|mensaje|respuesta)\s*:\s*/i, '');
  for (let i = 0; i < 2; i += 1) {
    const quoted = /^(["'“”‘’«])([\s\S]*)(["'“”‘’»])$/.exec(cleaned);
    if (!quoted || (quoted[2] ?? '').includes(quoted[1] === '«' ? '»' : (quoted[1] ?? ''))) break;
    cleaned = (quoted[2] ?? '').trim();
  }
  return cleaned
    .replace(/\*\*(.+?)\*\*/g, '$1')
    .replace(/__(.+?)__/g, '$1')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const STOPWORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(
    'the and you your to of is are we it for with this that have can will please our be on not would like thank thanks what if or any at by from they them there here about when which'.split(' '),
  ),
  es: new Set(
    'el la los las de que y usted su sus para con por una es del al se le lo esta este está puede gracias pago cuando como pero más nos hay sobre desea quiere también ya muy'.split(' '),
  ),
};

/** The language whose common words dominate, or undefined when there is too little to tell. */
export function guessLanguage(text: string): Language | undefined {
  const words = text
    .toLowerCase()
    .replace(/\[\[[A-Z]+_\d+\]\]/g, ' ')
    .split(/[^a-záéíóúñü]+/)
    .filter(Boolean);
  const en = words.filter((word) => STOPWORDS.en.has(word)).length;
  const es = words.filter((word) => STOPWORDS.es.has(word)).length;
  if (en >= 3 && en > 2 * es) return 'en';
  if (es >= 3 && es > 2 * en) return 'es';
  return undefined;
}

const ROLE_MARKERS = /<\|im_(?:start|end)\|>|\[\/?INST\]|^\s*(?:system|assistant|user)\s*:|as an ai (?:language )?model|como (?:un )?modelo de lenguaje|\b(?:APPROVED MESSAGE|RECENT TURNS|FACTS|LANGUAGE)\s*:/im;

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function shingles(text: string, size: number): Set<string> {
  const list = words(text);
  const out = new Set<string>();
  for (let i = 0; i + size <= list.length; i += 1) out.add(list.slice(i, i + size).join(' '));
  return out;
}

// The system prompts are a handful of fixed texts: their word runs are computed once.
const promptShingles = new Map<string, Set<string>>();

function shinglesOfPrompt(systemPrompt: string): Set<string> {
  let cached = promptShingles.get(systemPrompt);
  if (!cached) {
    if (promptShingles.size > 16) promptShingles.clear();
    cached = shingles(systemPrompt, 8);
    promptShingles.set(systemPrompt, cached);
  }
  return cached;
}

/** Whether the rewrite repeats a run of eight words of the system prompt that the template does not have, or writes role markers. */
export function echoesPrompt(rewrite: string, systemPrompt: string, template: string): boolean {
  if (ROLE_MARKERS.test(rewrite)) return true;
  const own = shingles(template, 8);
  const prompt = shinglesOfPrompt(systemPrompt);
  for (const shingle of shingles(rewrite, 8)) if (prompt.has(shingle) && !own.has(shingle)) return true;
  return false;
}

// Consequences a collector may only state when true and intended: the template decides, never the model.
const CONSEQUENCES: readonly [string, RegExp][] = [
  ['lawsuit', /\b(?:law ?suits?|sue[sd]?|suing|legal action|legal proceedings?|demanda\w*|acci[oó]n(?:es)? legal(?:es)?)\b/i],
  ['court', /\b(?:courts?|judge?ments?|tribunal(?:es)?|corte|juicio|sentencia)\b/i],
  ['garnishment', /\b(?:garnish\w*|wage (?:levy|deduction)|levy|seiz\w*|repossess\w*|embarg\w*|incaut\w*)\b/i],
  ['arrest', /\b(?:arrest\w*|jail|prison|police|criminal|warrant|arrest[oa]\w*|c[aá]rcel|prisi[oó]n|polic[ií]a|penal)\b/i],
  ['credit report', /\b(?:credit (?:report\w*|bureaus?|score|rating|file)|report(?:ed|ing)? (?:you |this |it )?to (?:the )?(?:credit|bureaus?)|bur[oó] de cr[eé]dito|informe de cr[eé]dito|historial de cr[eé]dito|agencias? de (?:informes de )?cr[eé]dito)\b/i],
];

/** The consequences the rewrite states that the template does not. */
export function addedConsequences(rewrite: string, template: string): string[] {
  return CONSEQUENCES.filter(([, pattern]) => pattern.test(rewrite) && !pattern.test(template)).map(([name]) => name);
}

export interface RewriteCheckInput {
  /** What the model wrote (placeholders still in it). */
  rewrite: string;
  /** The template as the model saw it (placeholders in it). */
  template: string;
  language: Language;
  systemPrompt: string;
  /** Amounts and dates of the template from the renderer, when known. */
  facts?: { amounts: readonly number[]; dates: readonly string[] };
}

export type RewriteVerdict = { ok: true; text: string } | { ok: false; reason: PhraseFallbackReason; detail?: string };

/** Cleans a rewrite and refuses it when it is empty, echoes the prompt, drifts language, or changes the facts. */
export function checkRewrite(input: RewriteCheckInput): RewriteVerdict {
  const text = cleanRewrite(input.rewrite);
  if (text.replace(/[\s\p{P}]/gu, '') === '') return { ok: false, reason: 'empty' };
  if (echoesPrompt(text, input.systemPrompt, input.template)) return { ok: false, reason: 'echoed-prompt' };
  const guessed = guessLanguage(text);
  if (guessed !== undefined && guessed !== input.language) return { ok: false, reason: 'wrong-language', detail: `wrote ${guessed}, expected ${input.language}` };

  const wanted = placeholdersIn(input.template);
  const written = placeholdersIn(text);
  const lost = [...new Set(wanted.filter((token) => !written.includes(token)))];
  if (lost.length > 0) return { ok: false, reason: 'dropped-fact', detail: `missing ${lost.join(', ')}` };
  const foreign = [...new Set(written.filter((token) => !wanted.includes(token)))];
  if (foreign.length > 0) return { ok: false, reason: 'added-fact', detail: `not in the template: ${foreign.join(', ')}` };

  const facts = compareFacts(input.template, text, input.facts);
  const missing = [...facts.missingAmounts.map((a) => `amount ${a}`), ...facts.missingDates.map((d) => `date ${d}`), ...facts.missingTimes.map((t) => `time ${t}`)];
  const added = [...facts.addedAmounts.map((a) => `amount ${a}`), ...facts.addedDates.map((d) => `date ${d}`), ...facts.addedTimes.map((t) => `time ${t}`)];
  if (missing.length > 0) return { ok: false, reason: 'dropped-fact', detail: `missing ${missing.join(', ')}${added.length ? `; added ${added.join(', ')}` : ''}` };
  if (added.length > 0) return { ok: false, reason: 'added-fact', detail: `added ${added.join(', ')}` };
  const consequences = addedConsequences(text, input.template);
  if (consequences.length > 0) return { ok: false, reason: 'added-consequence', detail: consequences.join(', ') };
  // A rewrite should be about as long as the approved text; a long one is rambling or padding.
  if (text.length > Math.max(2 * input.template.length, input.template.length + 160)) {
    return { ok: false, reason: 'too-long', detail: `${text.length} characters for a ${input.template.length}-character template` };
  }
  return { ok: true, text };
}
