import { describe, expect, it } from 'vitest';
import { render } from '../templates/load.js';
import { checkArticleSet, parseArticle, type Article } from './article.js';
import { articleAnswerSlots, getArticle, listArticles, searchArticles } from './load.js';

const contact = {
  collectorName: 'Northwind Recovery Services',
  contactPhone: '1-800-555-0100',
  hours: { days: 'weekdays', opens: '08:00', closes: '20:00', timeZone: 'America/New_York' } as const,
};

describe('the approved articles', () => {
  it('exist in English and Spanish with the same ids', () => {
    const en = listArticles('en').map((article) => article.id).sort();
    const es = listArticles('es').map((article) => article.id).sort();
    expect(en).toEqual(es);
    expect(en).toEqual(
      expect.arrayContaining(['your-rights', 'dispute', 'validation-notice', 'after-dispute', 'stop-contact', 'opt-out-medium', 'inconvenient-times',
        'attorney', 'payment-links', 'payment-plans', 'privacy', 'why-contacting', 'who-we-are', 'reach-a-person', 'credit-reporting',
        'time-barred', 'complaints']),
    );
  });

  it('fill in the configured name, phone and hours for the answer, and name the article', () => {
    const article = getArticle('reach-a-person', 'en');
    expect(article).toBeDefined();
    const slots = articleAnswerSlots(article as Article, contact);
    expect(slots.answer).toContain('call 1-800-555-0100, Monday to Friday, 8:00 AM to 8:00 PM Eastern Time.');
    expect(slots.answer).not.toMatch(/[{}]/);
    expect(render('faq.answer', slots, 'en').text).toMatch(/\(From our article "How to reach a person"\.\)$/);
    const es = articleAnswerSlots(getArticle('who-we-are', 'es') as Article, contact);
    expect(es.answer).toMatch(/^Northwind Recovery Services es un cobrador de deudas/);
    expect(es.answer).toContain('de lunes a viernes, de 8:00 a.m. a 8:00 p.m. (hora oriental)');
  });

  it('refuse front matter that is missing, an unknown placeholder, and an article missing in one language', () => {
    expect(parseArticle('# Just a title\n', 'x.md').problems).toEqual(['x.md: must start with front matter between --- lines']);
    const unknown = parseArticle('---\nid: a\ntitle: A\nlanguage: en\ntags: [a]\nsummary: Call {phone}.\n---\nBody.\n', 'a.md');
    expect(unknown.problems).toEqual(['a.md summary: {phone} is not one of {collectorName}, {contactPhone}, {hours}']);
    const noTags = parseArticle('---\nid: a\ntitle: A\nlanguage: en\ntags: []\nsummary: S.\n---\nBody.\n', 'a.md');
    expect(noTags.problems).toEqual(['a.md: tags: needs at least one tag']);
    const article = unknown.article as Article;
    expect(checkArticleSet([article])).toEqual(['article "a" has no es version']);
  });
});

describe('answering a question from the articles', () => {
  const expectations: Array<[string, 'en' | 'es', string]> = [
    ['What are my rights?', 'en', 'your-rights'],
    ['Can you garnish my wages?', 'en', 'lawsuits-and-garnishment'],
    ['Will this hurt my credit score?', 'en', 'credit-reporting'],
    ['How long do I have to dispute?', 'en', 'validation-notice'],
    ['When are you open?', 'en', 'reach-a-person'],
    ['How is my information used?', 'en', 'privacy'],
    ['Why are you contacting me?', 'en', 'why-contacting'],
    ['what happens after I dispute', 'en', 'after-dispute'],
    ['this debt is really old, can you still sue me', 'en', 'time-barred'],
    ['how do I opt out of emails', 'en', 'opt-out-medium'],
    ['is this a scam? who are you', 'en', 'who-we-are'],
    ['finacial ombudsman', 'en', 'complaints'],
    ['¿Cuáles son mis derechos?', 'es', 'your-rights'],
    ['¿Pueden embargar mi salario?', 'es', 'lawsuits-and-garnishment'],
    ['¿Esto afecta mi puntaje de crédito?', 'es', 'credit-reporting'],
    ['cuanto tiempo tengo para disputar', 'es', 'validation-notice'],
    ['¿Cómo usan mi información?', 'es', 'privacy'],
    ['¿Por qué me contactan?', 'es', 'why-contacting'],
    ['¿a qué hora abren?', 'es', 'reach-a-person'],
    ['¿puedo pagar en cuotas?', 'es', 'payment-plans'],
  ];
  for (const [question, language, id] of expectations) {
    it(`answers "${question}" with ${id}`, () => {
      const found = searchArticles(question, language);
      expect(found?.article.id).toBe(id);
      expect(found?.article.language).toBe(language);
      expect(found?.score).toBeGreaterThan(0);
    });
  }

  const unrelated: Array<[string, 'en' | 'es']> = [
    ["What's the weather in Paris?", 'en'],
    ['Who won the football game last night?', 'en'],
    ['Can you recommend a pizza place?', 'en'],
    ['What time is it?', 'en'],
    ['can you help me with my homework', 'en'],
    ['', 'en'],
    ['¿Qué tiempo hace en Madrid?', 'es'],
    ['¿Quién ganó el partido de fútbol?', 'es'],
    ['receta de paella', 'es'],
    ['¿Qué hora es?', 'es'],
  ];
  for (const [question, language] of unrelated) {
    it(`finds nothing for the unrelated "${question}" (${language})`, () => {
      expect(searchArticles(question, language)).toBeNull();
    });
  }

  it('searches only the articles of the asked language', () => {
    expect(searchArticles('¿Pueden embargar mi salario?', 'en')).toBeNull();
  });
});
