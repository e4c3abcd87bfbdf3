import { parse } from 'yaml';
import { z } from 'zod';
import { languageSchema, type Language } from '../../guardrails/index.js';

/** Configuration an article may name: the same values the templates get as slots. */
export const ARTICLE_PLACEHOLDERS = ['collectorName', 'contactPhone', 'hours'] as const;

const frontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'must be kebab-case, e.g. payment-plans' }),
  title: z.string().trim().min(1).max(120),
  language: languageSchema,
  tags: z.array(z.string().trim().min(1)).min(1, { error: 'needs at least one tag' }),
  /** The short answer given in a conversation; the body is the full article. */
  summary: z.string().trim().min(1).max(700, { error: 'must be at most 700 characters: it is said in a chat or a text' }),
});

export interface Article {
  id: string;
  title: string;
  language: Language;
  tags: readonly string[];
  summary: string;
  /** Markdown. */
  body: string;
}

export class ArticleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the articles are invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ArticleError';
  }
}

function placeholderProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  for (const match of text.matchAll(/\{([^{}]*)\}/g)) {
    if (!(ARTICLE_PLACEHOLDERS as readonly string[]).includes(match[1] ?? '')) {
      problems.push(`${where}: {${match[1]}} is not one of ${ARTICLE_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}`);
    }
  }
  return problems;
}

/** Reads one markdown article with its front matter; the problems name the source. */
export function parseArticle(text: string, source: string): { article?: Article; problems: string[] } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!match) return { problems: [`${source}: must start with front matter between --- lines`] };
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch (error) {
    return { problems: [`${source}: front matter is not YAML: ${(error as Error).message}`] };
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) return { problems: parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.') || 'front matter'}: ${issue.message}`) };
  const body = (match[2] ?? '').trim();
  const problems = [...placeholderProblems(parsed.data.summary, `${source} summary`), ...placeholderProblems(body, `${source} body`)];
  if (body === '') problems.push(`${source}: the body is empty`);
  return { article: { ...parsed.data, body }, problems };
}

/** Every article exists in every language, once. */
export function checkArticleSet(articles: readonly Article[]): string[] {
  const problems: string[] = [];
  const ids = new Set(articles.map((article) => article.id));
  for (const language of languageSchema.options) {
    const inLanguage = articles.filter((article) => article.language === language);
    for (const id of ids) {
      const count = inLanguage.filter((article) => article.id === id).length;
      if (count === 0) problems.push(`article "${id}" has no ${language} version`);
      if (count > 1) problems.push(`article "${id}" has ${count} ${language} versions`);
    }
  }
  return problems;
}
