import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** A system prompt with the version the audit trail records beside every model call. */
export interface Prompt {
  id: string;
  version: string;
  text: string;
}

const frontMatterSchema = z.strictObject({
  id: z.string().min(1),
  version: z.string().regex(/^[a-z]+-\d{4}-\d{2}-\d{2}\.\d+$/, { error: 'must look like phrasing-2025-06-01.1' }),
});

/** Reads a prompt from its markdown text; exported so tests can check what a broken file does. */
export function parsePrompt(text: string, source: string): Prompt {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${source}: must start with front matter (id, version) between --- lines`);
  const parsed = frontMatterSchema.safeParse(parse(match[1] ?? ''));
  if (!parsed.success) throw new Error(`${source}: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'front matter'}: ${issue.message}`).join('; ')}`);
  const body = (match[2] ?? '').trim();
  if (body === '') throw new Error(`${source}: the prompt text is empty`);
  return { ...parsed.data, text: body };
}

// Read once at module load: the prompts are this package's own files (see templates/load.ts).
function readPrompt(name: string): Prompt {
  return parsePrompt(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8'), `knowledge/prompts/${name}`);
}

/** The phrasing model's system prompt (issue 5): keep every fact, add nothing, same language. */
export const phrasingPrompt: Prompt = readPrompt('phrasing.md');
/** The understanding model's system prompt: intents and entities, the message as data. */
export const understandingPrompt: Prompt = readPrompt('understanding.md');
