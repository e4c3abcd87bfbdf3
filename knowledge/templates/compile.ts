import { z } from 'zod';
import { languageSchema, type Language } from '../../guardrails/index.js';
import { speechActIds, describeSpeechAct, isSpeechActId, type SpeechActInfo } from '../speech-acts/describe.js';
import { vocabularies, type VocabularyName } from '../speech-acts/slots.js';

/** One way of saying an act; `when` lists the optional slots it needs (a more specific variant wins). */
export interface TemplateVariant {
  text: string;
  when: readonly string[];
}

export interface LanguageTemplates {
  language: Language;
  /** The pattern of a structured opening-hours slot. */
  hoursFormat: string;
  vocabulary: Readonly<Record<string, Readonly<Record<string, string>>>>;
  acts: ReadonlyMap<string, readonly TemplateVariant[]>;
}

export type TemplateSet = Readonly<Record<Language, LanguageTemplates>>;

const variantSchema = z.union([
  z.string(),
  z.strictObject({ text: z.string(), when: z.array(z.string()).min(1).optional() }),
]);

const templateFileSchema = z.strictObject({
  language: languageSchema,
  formats: z.strictObject({ hours: z.string() }),
  vocabulary: z.record(z.string(), z.record(z.string(), z.string().trim().min(1, { error: 'must not be empty' }))),
  acts: z.record(z.string(), z.union([variantSchema, z.array(variantSchema).min(1, { error: 'needs at least one variant' })])),
});

/** A template set that cannot be used: every problem is listed, each naming the language and the act. */
export class TemplateValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the templates are invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n  - ${problems.join('\n  - ')}`);
    this.name = 'TemplateValidationError';
  }
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

/** The slot names a text uses, or the reason it cannot be read (a brace that is not a placeholder). */
export function placeholdersOf(text: string): { names: string[]; stray: boolean } {
  const names = [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
  const stray = /[{}]/.test(text.replace(PLACEHOLDER, ''));
  return { names, stray };
}

/**
 * Numbers a person is reached on come from the configuration: a template holding one would go stale
 * unnoticed. Crisis and advice lines are public numbers and stay in the text (988, 116 123, 911, 999).
 */
const HARD_CODED_PHONE = /(?<!\d)(?:\+?1[-. ])?\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}(?!\d)|\b1-8\d\d-/;

function checkVariant(info: SpeechActInfo, variant: TemplateVariant, where: string, problems: string[]): void {
  if (variant.text.trim() === '') {
    problems.push(`${where}: the text is empty`);
    return;
  }
  const { names, stray } = placeholdersOf(variant.text);
  if (stray) problems.push(`${where}: a brace that is not a {slot} placeholder`);
  const slotNames = info.slots.map((slot) => slot.name);
  for (const name of new Set(names)) {
    const slot = info.slots.find((candidate) => candidate.name === name);
    if (!slot) {
      problems.push(`${where}: placeholder {${name}} is not a slot of this act (slots: ${slotNames.join(', ') || 'none'})`);
    } else if (slot.optional && !variant.when.includes(name)) {
      problems.push(`${where}: optional slot {${name}} is used without "when: [${name}]", so it could render empty`);
    }
  }
  for (const slot of info.slots) {
    if (!slot.optional && !names.includes(slot.name)) problems.push(`${where}: required slot {${slot.name}} is not used`);
  }
  for (const name of variant.when) {
    const slot = info.slots.find((candidate) => candidate.name === name);
    if (!slot || !slot.optional) problems.push(`${where}: "when" names ${name}, which is not an optional slot of this act`);
    else if (!names.includes(name)) problems.push(`${where}: "when" names ${name} but the text does not use it`);
  }
  if (HARD_CODED_PHONE.test(variant.text)) problems.push(`${where}: a phone number is written into the text; pass it as the {contactPhone} slot`);
}

function compileLanguage(language: Language, data: unknown, source: string, problems: string[]): LanguageTemplates | undefined {
  const parsed = templateFileSchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${source}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
    return undefined;
  }
  const file = parsed.data;
  if (file.language !== language) problems.push(`${source}: says language "${file.language}" but is loaded as "${language}"`);

  for (const [name, schema] of Object.entries(vocabularies)) {
    const words = file.vocabulary[name];
    for (const value of schema.options) {
      if (words?.[value] === undefined) problems.push(`${source}: vocabulary.${name} has no words for "${value}"`);
    }
  }
  for (const [name, words] of Object.entries(file.vocabulary)) {
    const schema = vocabularies[name as VocabularyName] as z.ZodEnum | undefined;
    if (!schema) {
      problems.push(`${source}: vocabulary.${name} is not a vocabulary (known: ${Object.keys(vocabularies).join(', ')})`);
      continue;
    }
    for (const value of Object.keys(words)) {
      if (!schema.options.includes(value)) problems.push(`${source}: vocabulary.${name}.${value} is not one of ${schema.options.join(', ')}`);
    }
  }

  const hours = placeholdersOf(file.formats.hours);
  const hourParts = ['days', 'opens', 'closes', 'zone'];
  if (hours.stray || hours.names.some((name) => !hourParts.includes(name)) || hourParts.some((part) => !hours.names.includes(part))) {
    problems.push(`${source}: formats.hours must use exactly {days}, {opens}, {closes} and {zone}`);
  }

  const acts = new Map<string, TemplateVariant[]>();
  for (const [id, entry] of Object.entries(file.acts)) {
    if (!isSpeechActId(id)) {
      problems.push(`${source}: act "${id}" is not a speech act of the catalogue`);
      continue;
    }
    const info = describeSpeechAct(id);
    const variants = (Array.isArray(entry) ? entry : [entry]).map((variant): TemplateVariant =>
      typeof variant === 'string' ? { text: variant.trim(), when: [] } : { text: variant.text.trim(), when: variant.when ?? [] },
    );
    variants.forEach((variant, index) => checkVariant(info, variant, `${source}: act "${id}" variant ${index + 1}`, problems));
    if (!variants.some((variant) => variant.when.length === 0)) {
      problems.push(`${source}: act "${id}" needs a variant without "when", used when its optional slots are absent`);
    }
    acts.set(id, variants);
  }
  for (const id of speechActIds) {
    if (!acts.has(id) && !Object.hasOwn(file.acts, id)) problems.push(`${source}: act "${id}" has no template in ${language}`);
  }
  return { language, hoursFormat: file.formats.hours.trim(), vocabulary: file.vocabulary, acts };
}

/**
 * Validates the parsed template files of every language against the speech-act catalogue and
 * returns the set the renderer uses; a set with any problem is refused as a whole.
 */
export function compileTemplates(files: Readonly<Record<Language, unknown>>, sources?: Partial<Record<Language, string>>): TemplateSet {
  const problems: string[] = [];
  const compiled: Partial<Record<Language, LanguageTemplates>> = {};
  for (const language of languageSchema.options) {
    const source = sources?.[language] ?? `templates/${language}`;
    if (files[language] === undefined) {
      problems.push(`${source}: no template file for language "${language}"`);
      continue;
    }
    const result = compileLanguage(language, files[language], source, problems);
    if (result) compiled[language] = result;
  }
  if (problems.length > 0 || !compiled.en || !compiled.es) throw new TemplateValidationError(problems);
  return { en: compiled.en, es: compiled.es };
}
