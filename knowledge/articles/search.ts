import MiniSearch from 'minisearch';
import type { Language } from '../../guardrails/index.js';
import type { Article } from './article.js';
import { termOf, termsOf, tokenize } from './terms.js';

export interface ArticleMatch {
  article: Article;
  score: number;
  /** The question's terms the article matched, out of all its terms. */
  coverage: number;
}

export interface SearchThresholds {
  /** Lowest BM25 score (with field boosts) that counts as an answer. */
  minScore: number;
  /** Lowest share of the question's meaningful terms the article must match. */
  minCoverage: number;
}

/**
 * Calibrated on the questions of articles.test.ts: rights and process questions score well above
 * these, unrelated questions (weather, recipes, sports) match at most a stray word and fall under
 * them. An unanswerable question must come back empty: the dialog then says it does not know and
 * offers a person, never guessing.
 */
export const DEFAULT_THRESHOLDS: SearchThresholds = { minScore: 8, minCoverage: 0.5 };

interface IndexedArticle {
  id: string;
  title: string;
  tags: string;
  summary: string;
  body: string;
}

/** A BM25 index (MiniSearch) over the articles of one language, with fuzzy and prefix matching. */
export class ArticleIndex {
  private readonly search: MiniSearch<IndexedArticle>;
  private readonly byId: Map<string, Article>;

  constructor(
    readonly language: Language,
    articles: readonly Article[],
    private readonly thresholds: SearchThresholds = DEFAULT_THRESHOLDS,
  ) {
    const own = articles.filter((article) => article.language === language);
    this.byId = new Map(own.map((article) => [article.id, article]));
    this.search = new MiniSearch<IndexedArticle>({
      fields: ['title', 'tags', 'summary', 'body'],
      tokenize,
      processTerm: (word) => termOf(word, language),
      searchOptions: {
        boost: { title: 3, tags: 3, summary: 1.5 },
        // Typos in longer words only: short words are too easily turned into other words.
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
        prefix: (term) => term.length >= 4,
        combineWith: 'OR',
      },
    });
    this.search.addAll(own.map((article) => ({ id: article.id, title: article.title, tags: article.tags.join(' '), summary: article.summary, body: article.body })));
  }

  /** Every candidate, best first, with its score and coverage (for calibration and the bench). */
  rank(query: string): ArticleMatch[] {
    const terms = termsOf(query, this.language);
    if (terms.length === 0) return [];
    return this.search.search(query).flatMap((result) => {
      const article = this.byId.get(result.id as string);
      if (!article) return [];
      return [{ article, score: result.score, coverage: new Set(result.queryTerms).size / terms.length }];
    });
  }

  /** The best article if it is a confident answer; null otherwise. */
  best(query: string): ArticleMatch | null {
    const top = this.rank(query)[0];
    if (!top || top.score < this.thresholds.minScore || top.coverage < this.thresholds.minCoverage) return null;
    return top;
  }
}
