import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compileTemplates, TemplateValidationError } from './compile.js';

type TemplateFile = { language: string; formats: { hours: string }; vocabulary: Record<string, Record<string, string>>; acts: Record<string, unknown> };

/** The approved files, parsed afresh so each test can break its own copy. */
function approved(): { en: TemplateFile; es: TemplateFile } {
  const read = (name: string) => parse(readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as TemplateFile;
  return { en: read('en.yaml'), es: read('es.yaml') };
}

function problemsOf(files: { en: unknown; es: unknown }): string[] {
  try {
    compileTemplates(files);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateValidationError);
    return [...(error as TemplateValidationError).problems];
  }
  return [];
}

describe('template validation at load', () => {
  it('accepts the approved English and Spanish templates', () => {
    const set = compileTemplates(approved());
    expect(set.en.acts.get('fallback.safe')?.length).toBeGreaterThan(0);
    expect(set.es.acts.get('fallback.safe')?.length).toBeGreaterThan(0);
  });

  it('refuses an act missing in one language, naming the act and the language', () => {
    const files = approved();
    delete files.es.acts['payment.link'];
    expect(problemsOf(files)).toEqual(['templates/es: act "payment.link" has no template in es']);
  });

  it('refuses an id that is not in the catalogue', () => {
    const files = approved();
    files.en.acts['payment.lnik'] = 'Pay here: {url}';
    expect(problemsOf(files)).toEqual(['templates/en: act "payment.lnik" is not a speech act of the catalogue']);
  });

  it('refuses a placeholder that is not a slot of the act, and a required slot left out', () => {
    const files = approved();
    files.en.acts['payment.link'] = 'Here is your link to pay {amout}: {url}';
    expect(problemsOf(files)).toEqual([
      'templates/en: act "payment.link" variant 1: placeholder {amout} is not a slot of this act (slots: amount, url)',
      'templates/en: act "payment.link" variant 1: required slot {amount} is not used',
    ]);
  });

  it('refuses an optional slot used without "when", and an act with no variant for when it is absent', () => {
    const files = approved();
    files.es.acts['attorney.recorded'] = [{ text: 'Gracias. {attorneyName} le representa.', when: ['attorneyName'] }];
    files.en.acts['transcript.copy'] = 'Your copy: {url}';
    expect(problemsOf(files)).toEqual([
      'templates/en: act "transcript.copy" variant 1: optional slot {url} is used without "when: [url]", so it could render empty',
      'templates/es: act "attorney.recorded" needs a variant without "when", used when its optional slots are absent',
    ]);
  });

  it('refuses a brace that is not a placeholder and a phone number written into a template', () => {
    const files = approved();
    files.en.acts['fallback.safe'] = 'Sorry. Call {contactPhone} {hours} or 1-800-555-0199 {today';
    expect(problemsOf(files)).toEqual([
      'templates/en: act "fallback.safe" variant 1: a brace that is not a {slot} placeholder',
      'templates/en: act "fallback.safe" variant 1: a phone number is written into the text; pass it as the {contactPhone} slot',
    ]);
  });

  it('refuses a vocabulary without words for every value, and a word for an unknown value', () => {
    const files = approved();
    delete files.es.vocabulary.medium?.email;
    files.en.vocabulary.frequency = { ...files.en.vocabulary.frequency, daily: 'every day' };
    expect(problemsOf(files)).toEqual([
      'templates/en: vocabulary.frequency.daily is not one of weekly, biweekly, monthly',
      'templates/es: vocabulary.medium has no words for "email"',
    ]);
  });

  it('refuses a file whose shape is wrong, or loaded as the wrong language, or missing', () => {
    const files = approved();
    expect(problemsOf({ en: files.en, es: { ...files.es, language: 'en' } })).toEqual(['templates/es: says language "en" but is loaded as "es"']);
    expect(problemsOf({ en: { language: 'en', acts: {} }, es: files.es })[0]).toMatch(/^templates\/en: formats: /);
    expect(problemsOf({ en: files.en, es: undefined })).toEqual(['templates/es: no template file for language "es"']);
  });

  it('lists every problem at once, in the error message too', () => {
    const files = approved();
    delete files.en.acts['menu'];
    delete files.es.acts['goodbye'];
    expect(() => compileTemplates(files)).toThrow(/\(2 problems\):\n {2}- templates\/en: act "menu" has no template in en\n {2}- templates\/es: act "goodbye" has no template in es/);
  });
});
