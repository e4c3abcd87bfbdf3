import { z } from 'zod';
import type { Language } from '../domain/index.js';
import rawTexts from './texts.json' with { type: 'json' };

const textSchema = z.strictObject({ title: z.string().min(1), en: z.string().min(1), es: z.string().min(1) });

/** The words of every disclosure, in each language Parley speaks; data so compliance can review them. */
const texts = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), textSchema).parse(rawTexts);

export const DISCLOSURE_TEXT_IDS: readonly string[] = Object.keys(texts);

/** A disclosure's words in the message's language, with {placeholders} filled in. */
export function disclosureText(id: string, language: Language, values: Readonly<Record<string, string>> = {}): string {
  const entry = texts[id];
  if (!entry) throw new Error(`unknown disclosure text ${id}`);
  const text = entry[language];
  return text.includes('{') ? text.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole) : text;
}

export function disclosureTitle(id: string): string {
  return texts[id]?.title ?? id;
}
