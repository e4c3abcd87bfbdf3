import { describe, expect, it } from 'vitest';
import { classifyIntents, INTENTS, isRightsBearing, normalizedForm } from './index.js';

describe('classifyIntents: rights are recognized in the consumer\'s own words', () => {
  it.each([
    ['I dont owe this', 'dispute'],
    ['i want to dipsute this debt', 'dispute'],
    ['Esta deuda no es mía', 'dispute'],
    ['STOOOP', 'channel_opt_out'],
    ['no more txts pls', 'channel_opt_out'],
    ['Me declaré en bancarrota', 'bankruptcy'],
    ['u have the wrong number', 'wrong_person'],
    ['No puedo más, quiero morirme', 'crisis'],
    ['stpo', 'channel_opt_out'],
    ['this isnt my dbet', 'dispute'],
    ['i want to kil myself', 'crisis'],
    ['no me yamen', 'channel_opt_out'],
  ] as const)('%s → %s', (text, intent) => {
    expect(classifyIntents(text).intents).toContain(intent);
  });

  it.each([
    ["I'm not disputing it", 'dispute'],
    ['I want to stop the late fees by paying', 'cease_communication'],
    ["I don't need a lawyer", 'attorney'],
    ["I'm not bankrupt", 'bankruptcy'],
    ['My phone died so I missed your message', 'deceased'],
    ['Can you stop by the office hours info?', 'channel_opt_out'],
    ['these fees are killing me', 'crisis'],
  ] as const)('negative: %s is not %s', (text, intent) => {
    expect(classifyIntents(text).intents).not.toContain(intent);
  });

  it('finds several intents in one message', () => {
    expect(classifyIntents("I lost my job and I'm thinking of ending it").intents).toEqual(['crisis', 'hardship']);
  });

  it('answers "other" when nothing is recognized, and a greeting only when it is all there is', () => {
    expect(classifyIntents('What time is it?').intents).toEqual(['other']);
    expect(classifyIntents('hola').intents).toEqual(['greeting']);
    expect(classifyIntents('Hi, how much do I owe?').intents).toEqual(['balance']);
  });
});

describe('classifyIntents: details', () => {
  it('names the medium of an opt-out', () => {
    expect(classifyIntents('Please stop texting me').details.channel_opt_out).toEqual({ medium: 'sms', media: ['sms'], keyword: false });
    expect(classifyIntents("Don't email me about this anymore").details.channel_opt_out?.medium).toBe('email');
    expect(classifyIntents('stop calling and texting me').details.channel_opt_out).toMatchObject({ medium: 'any', media: ['sms', 'voice'] });
    expect(classifyIntents('no me llamen más').details.channel_opt_out?.medium).toBe('voice');
  });

  it('takes the medium of a bare keyword from the channel it came on', () => {
    expect(classifyIntents('STOP').details.channel_opt_out).toEqual({ medium: 'sms', media: ['sms'], keyword: true });
    expect(classifyIntents('unsubscribe', { channel: 'email' }).details.channel_opt_out).toEqual({ medium: 'email', media: ['email'], keyword: true });
  });

  it("carries the attorney's name and contact", () => {
    expect(classifyIntents('My attorney is handling this. Her name is Jane Ortiz, 555-0142.').details.attorney).toEqual({
      represented: true,
      name: 'Jane Ortiz',
      phone: '555-0142',
    });
    expect(classifyIntents('I am represented by Smith & Jones LLP, email counsel@smithjones.com').details.attorney).toMatchObject({
      represented: true,
      email: 'counsel@smithjones.com',
      firm: 'Smith & Jones LLP',
    });
    expect(classifyIntents("I'm going to get a lawyer").details.attorney?.represented).toBe(false);
  });

  it('reads the times a consumer names', () => {
    expect(classifyIntents("Please don't text me before noon, I work nights").details.inconvenient_time).toMatchObject({ notBefore: '12:00' });
    expect(classifyIntents('dont text me after 9pm').details.inconvenient_time).toMatchObject({ notAfter: '21:00' });
    expect(classifyIntents("I can't get texts during my shift, 7am to 3pm").details.inconvenient_time).toMatchObject({ blocked: [{ from: '07:00', to: '15:00' }] });
    expect(classifyIntents('Only message me on weekends').details.inconvenient_time).toMatchObject({ onlyDays: [6, 7] });
    expect(classifyIntents('no me llamen antes de las 10').details.inconvenient_time).toMatchObject({ notBefore: '10:00' });
  });

  it('marks work as an inconvenient place, and an employer that forbids contact', () => {
    const result = classifyIntents("My employer doesn't allow personal messages at work");
    expect(result.intents).toEqual(expect.arrayContaining(['inconvenient_time', 'inconvenient_place']));
    expect(result.details.inconvenient_place).toMatchObject({ place: 'work', employerProhibits: true });
  });

  it('reads the amount and day of a promise to pay', () => {
    expect(classifyIntents('I can send $200 on the 15th').details.promise_to_pay).toEqual({ amount: 20000, date: { kind: 'day-of-month', day: 15, said: 'on the 15th' } });
    expect(classifyIntents("I'll pay on Friday when I get paid").details.promise_to_pay?.date).toMatchObject({ kind: 'weekday', weekday: 5 });
    expect(classifyIntents('te pago 50 dolares mañana').details.promise_to_pay).toMatchObject({ amount: 5000, date: { kind: 'relative', relative: 'tomorrow' } });
  });

  it('reads plan amounts, settlement shares, bankruptcy chapters and the language asked for', () => {
    expect(classifyIntents('Could I pay $50 a month?').details.payment_plan).toEqual({ amount: 5000, every: 'month' });
    expect(classifyIntents('Can we settle for half?').details.settlement).toEqual({ fraction: 0.5 });
    expect(classifyIntents('This debt was discharged in my chapter 7').details.bankruptcy).toEqual({ status: 'filed', chapter: 7 });
    expect(classifyIntents('¿Habla español?').details.language_change).toEqual({ to: 'es' });
    expect(classifyIntents('no hablo español, english please').details.language_change).toEqual({ to: 'en' });
  });

  it('tells a refusal to pay from a request to cease', () => {
    expect(classifyIntents('I refuse to pay this.').details.cease_communication).toEqual({ kind: 'refusal' });
    expect(classifyIntents('Stop contacting me.').details.cease_communication).toEqual({ kind: 'cease' });
  });

  it('names the wrong person from the consumer\'s names', () => {
    expect(classifyIntents("I'm not Dana").intents).toContain('wrong_person');
    expect(classifyIntents('im not dana lol', { consumerNames: ['Dana', 'Whitfield'] }).intents).toContain('wrong_person');
    expect(classifyIntents("I'm not sure").intents).not.toContain('wrong_person');
  });

  it('tells the language from the words unless it is given', () => {
    expect(classifyIntents('Quiero pagar todo').language).toBe('es');
    expect(classifyIntents('I want to pay').language).toBe('en');
    expect(classifyIntents('ok', { language: 'es' }).language).toBe('es');
  });
});

describe('normalization', () => {
  it('writes out contractions and texting shorthand, folds accents and repeated letters', () => {
    expect(normalizedForm("U can't txt me, I'm at wrk!!")).toBe(' you can not text me , i am at wrk . ');
    expect(normalizedForm('¿Cuánto DEBO?')).toBe(' cuanto debo ? ');
    expect(normalizedForm('pleeease stooop')).toBe(' please stop . ');
  });

  it('corrects a misspelt keyword but never a real word', () => {
    expect(normalizedForm('disptue')).toBe(' dispute . ');
    expect(normalizedForm('bankrupcy')).toBe(' bankruptcy . ');
    expect(normalizedForm('I filed')).toBe(' i filed . ');
    expect(normalizedForm('a good deal')).toBe(' a good deal . ');
  });
});

describe('the intent list', () => {
  it('marks exactly the rights-bearing intents', () => {
    expect(INTENTS.filter((info) => info.rightsBearing).map((info) => info.id)).toEqual([
      'dispute', 'validation_request', 'cease_communication', 'channel_opt_out', 'attorney', 'bankruptcy', 'inconvenient_time',
      'inconvenient_place', 'wrong_person', 'deceased', 'crisis', 'complaint', 'human_agent', 'military', 'hardship',
    ]);
    expect(isRightsBearing('dispute')).toBe(true);
    expect(isRightsBearing('balance')).toBe(false);
  });
});
