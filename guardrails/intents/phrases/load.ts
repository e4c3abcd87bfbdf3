import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { INTENT_IDS } from '../ids.js';
import type { PatternPack } from '../pack.js';

const phraseList = z.array(z.string().min(1)).min(1);

const packSchema = z.strictObject({
  version: z.string().regex(/^\d+\.\d+\.\d+$/, { error: 'must be a semantic version such as 1.2.0' }),
  language: z.enum(['en', 'es']),
  macros: z.record(z.string().regex(/^[A-Z_]+$/, { error: 'macro names are CAPITALS' }), z.string().min(1)),
  keywords: z.array(z.string().regex(/^[a-z]+$/, { error: 'keywords are lowercase words' })),
  rules: z.array(z.strictObject({ intent: z.enum(INTENT_IDS), phrases: phraseList, unless: phraseList.optional(), whole: phraseList.optional() })).min(1),
});

export type PhraseFile = z.output<typeof packSchema>;

function duplicates(list: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(list.filter((item) => seen.size === seen.add(item).size))];
}

/** Validates one phrase file: its shape, and no keyword, rule or phrase given twice. Throws naming the file and what is wrong. */
export function parsePhraseFile(name: string, content: string): PatternPack & { version: string } {
  const parsed = packSchema.safeParse(parse(content));
  if (!parsed.success) throw new Error(`${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  const file = parsed.data;
  const problems: string[] = [];
  const keywords = duplicates(file.keywords);
  if (keywords.length > 0) problems.push(`keywords given twice: ${keywords.join(', ')}`);
  const intents = duplicates(file.rules.map((rule) => rule.intent));
  if (intents.length > 0) problems.push(`more than one rule for ${intents.join(', ')}: merge them`);
  for (const rule of file.rules) {
    for (const key of ['phrases', 'unless', 'whole'] as const) {
      const twice = duplicates(rule[key] ?? []);
      if (twice.length > 0) problems.push(`${rule.intent} ${key} given twice: ${twice.map((phrase) => JSON.stringify(phrase)).join(', ')}`);
    }
  }
  if (problems.length > 0) throw new Error(`${name}: ${problems.join('; ')}`);
  return file;
}

/** The phrase files shipped beside this module, read once when it loads. */
export function loadPhraseFiles(): Array<PatternPack & { version: string }> {
  return (['en', 'es'] as const).map((language) => parsePhraseFile(`${language}.yaml`, readFileSync(new URL(`./${language}.yaml`, import.meta.url), 'utf8')));
}
