import { describe, expect, it } from 'vitest';
import { phrasingPrompt } from '../../knowledge/index.js';
import { addedConsequences, checkRewrite, cleanRewrite, echoesPrompt, guessLanguage } from './hygiene.js';

const template = 'Your current balance is $1,250.00, owed to Acme Bank. Would you like the full breakdown?';
const check = (rewrite: string, language: 'en' | 'es' = 'en', tpl = template) =>
  checkRewrite({ rewrite, template: tpl, language, systemPrompt: phrasingPrompt.text });

describe('cleanRewrite', () => {
  it.each([
    ['"Hello there."', 'Hello there.'],
    ['“Hello there.”', 'Hello there.'],
    ['```\nHello there.\n```', 'Hello there.'],
    ['Rewritten message: Hello there.', 'Hello there.'],
    ['**Hello** there.', 'Hello there.'],
    ['# Hello\n\n\n\nthere.', 'Hello\n\nthere.'],
  ])('strips %j', (raw, clean) => {
    expect(cleanRewrite(raw)).toBe(clean);
  });

  it('keeps quotes that belong to the text', () => {
    expect(cleanRewrite('"Pay" is one option; "plan" is "another"')).toBe('"Pay" is one option; "plan" is "another"');
  });
});

describe('guessLanguage', () => {
  it('tells English from Spanish and stays silent on too little text', () => {
    expect(guessLanguage('Your balance is $1,250.00. Would you like to see the details of the debt?')).toBe('en');
    expect(guessLanguage('Su saldo es de $1,250.00. ¿Desea ver los detalles de la deuda?')).toBe('es');
    expect(guessLanguage('Gracias.')).toBeUndefined();
    expect(guessLanguage('OK, thanks!')).toBeUndefined();
  });
});

describe('echoesPrompt', () => {
  it('catches a run of the system prompt and role markers, not the template’s own words', () => {
    const leaked = 'Sure. Keep every fact of the approved message: every amount, date, name, link.';
    expect(echoesPrompt(leaked, phrasingPrompt.text, template)).toBe(true);
    expect(echoesPrompt('As an AI language model, I cannot help.', phrasingPrompt.text, template)).toBe(true);
    expect(echoesPrompt('APPROVED MESSAGE: hello', phrasingPrompt.text, template)).toBe(true);
    expect(echoesPrompt('Your balance is $1,250.00.', phrasingPrompt.text, template)).toBe(false);
  });
});

describe('addedConsequences', () => {
  it('names consequences the template does not state, in both languages', () => {
    expect(addedConsequences('Pay now or we will sue you and garnish your wages.', template)).toEqual(['lawsuit', 'garnishment']);
    expect(addedConsequences('Podemos presentar una demanda.', 'Su saldo es $5.')).toEqual(['lawsuit']);
    expect(addedConsequences('This may be reported to the credit bureaus.', template)).toEqual(['credit report']);
    // The cease notice may name a lawsuit: a rewrite that keeps it adds nothing.
    expect(addedConsequences('We may file a lawsuit.', 'We or Acme may file a lawsuit to collect this debt.')).toEqual([]);
  });
});

describe('checkRewrite', () => {
  it('accepts a warmer rewrite with the same facts', () => {
    expect(check('Thanks for asking! Your balance with Acme Bank is $1,250.00. Would you like to see the full breakdown?')).toEqual({
      ok: true,
      text: 'Thanks for asking! Your balance with Acme Bank is $1,250.00. Would you like to see the full breakdown?',
    });
  });

  it.each([
    ['', 'empty'],
    ['  "" ', 'empty'],
    ['You owe $1,000.00 to Acme Bank. Would you like the breakdown?', 'dropped-fact'],
    ['You owe money to Acme Bank. Would you like the breakdown?', 'dropped-fact'],
    ['Your balance is $1,250.00, and a $35.00 fee applies. Would you like the breakdown?', 'added-fact'],
    ['Your balance is $1,250.00. Pay by June 1, 2026. Would you like the breakdown?', 'added-fact'],
    ['Your balance is $1,250.00. If you do not pay we will take legal action. Would you like the breakdown?', 'added-consequence'],
    ['Su saldo actual es de $1,250.00 con Acme Bank. ¿Desea ver el detalle de la deuda?', 'wrong-language'],
    ['Write amounts, dates, links and phone numbers exactly as they appear in the approved message. $1,250.00', 'echoed-prompt'],
  ])('refuses %j as %s', (rewrite, reason) => {
    const verdict = check(rewrite);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toBe(reason);
  });

  it('requires every placeholder back, and no foreign one', () => {
    const tpl = 'To reach a person, call [[PHONE_1]], Monday to Friday.';
    expect(check('You can call [[PHONE_1]] any weekday, Monday to Friday, to talk with a person.', 'en', tpl).ok).toBe(true);
    expect(check('You can reach a person any weekday, Monday to Friday.', 'en', tpl)).toMatchObject({ ok: false, reason: 'dropped-fact' });
    expect(check('Call [[PHONE_1]] or [[PHONE_2]], Monday to Friday.', 'en', tpl)).toMatchObject({ ok: false, reason: 'added-fact' });
  });

  it('refuses a rambling rewrite', () => {
    const long = `Your balance is $1,250.00 with Acme Bank. ${'We are here for you and want to help. '.repeat(10)}Would you like the breakdown?`;
    expect(check(long)).toMatchObject({ ok: false, reason: 'too-long' });
  });
});
