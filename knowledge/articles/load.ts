import { readdirSync, readFileSync } from 'node:fs';
import { formatHoursSlot } from '../templates/load.js';
import type { Language } from '../../guardrails/index.js';
import type { HoursSlot } from '../speech-acts/slots.js';
import { ArticleError, checkArticleSet, parseArticle, type Article } from './article.js';
import { ArticleIndex, type ArticleMatch } from './search.js';

/**
 * The approved articles ship beside this file as markdown (en/ and es/). Like the templates, they
 * are this package's own data, read once at module load so a broken article stops start-up.
 */
function readArticles(): Article[] {
  const problems: string[] = [];
  const articles: Article[] = [];
  for (const language of ['en', 'es'] as const) {
    const directory = new URL(`./${language}/`, import.meta.url);
    for (const name of readdirSync(directory).filter((file) => file.endsWith('.md')).sort()) {
      const source = `knowledge/articles/${language}/${name}`;
      const { article, problems: found } = parseArticle(readFileSync(new URL(name, directory), 'utf8'), source);
      problems.push(...found);
      if (!article) continue;
      if (article.language !== language) problems.push(`${source}: says language "${article.language}" but sits in ${language}/`);
      if (`${article.id}.md` !== name) problems.push(`${source}: id "${article.id}" must match the file name`);
      articles.push(article);
    }
  }
  problems.push(...checkArticleSet(articles));
  if (problems.length > 0) throw new ArticleError(problems);
  return articles;
}

const approvedArticles: readonly Article[] = readArticles();
const indexes: Record<Language, ArticleIndex> = {
  en: new ArticleIndex('en', approvedArticles),
  es: new ArticleIndex('es', approvedArticles),
};

export function listArticles(language: Language): Article[] {
  return approvedArticles.filter((article) => article.language === language);
}

export function getArticle(id: string, language: Language): Article | undefined {
  return approvedArticles.find((article) => article.id === id && article.language === language);
}

/**
 * The approved article that answers a rights or process question, or null when none does with
 * confidence: then the dialog says it does not know and offers a person.
 */
export function searchArticles(query: string, language: Language): { article: Article; score: number } | null {
  const match: ArticleMatch | null = indexes[language].best(query);
  return match ? { article: match.article, score: match.score } : null;
}

/** Every candidate with score and coverage, best first: for calibration, never for answering. */
export function rankArticles(query: string, language: Language): ArticleMatch[] {
  return indexes[language].rank(query);
}

export interface ArticleContact {
  collectorName: string;
  contactPhone: string;
  hours: HoursSlot;
}

/**
 * The slots of faq.answer (or privacy.how-used) for an article: its title and its short answer
 * with the configured name, phone and hours filled in.
 */
export function articleAnswerSlots(article: Article, contact: ArticleContact, options: { country?: string } = {}): { title: string; answer: string } {
  const values: Record<string, string> = {
    collectorName: contact.collectorName,
    contactPhone: contact.contactPhone,
    hours: formatHoursSlot(contact.hours, article.language, options.country),
  };
  const answer = article.summary.replace(/\{(collectorName|contactPhone|hours)\}/g, (_match, name: string) => values[name] ?? '');
  return { title: article.title, answer };
}
