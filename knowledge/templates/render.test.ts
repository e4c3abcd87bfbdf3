import { describe, expect, it } from 'vitest';
import { UnknownSpeechActError } from '../speech-acts/describe.js';
import { render, renderAct } from './load.js';
import { SlotError } from './render.js';

const usd = (amount: number) => ({ amount, currency: 'USD' as const });
const hours = { days: 'weekdays', opens: '08:00', closes: '20:00', timeZone: 'America/New_York' } as const;
const reach = { contactPhone: '1-800-555-0100', hours };

const itemization = {
  itemizationDate: '2024-11-15',
  amountAtItemization: usd(115000),
  interest: usd(7500),
  fees: usd(2500),
  payments: usd(1000),
  credits: usd(0),
  currentBalance: usd(124000),
  currentCreditor: 'Acme Funding LLC',
  originalCreditor: 'First Example Bank',
  validationEndDate: '2025-03-20',
};

describe('rendering a speech act', () => {
  it('states the itemization in English with amounts and dates formatted, and reports them for the gate', () => {
    const result = render('balance.itemization', itemization, 'en');
    expect(result.text).toBe(
      [
        'Here are the details of this debt:',
        '- Owed to: Acme Funding LLC (originally First Example Bank)',
        '- Amount on November 15, 2024: $1,150.00',
        '- Since then: interest $75.00, fees $25.00, payments $10.00, credits $0.00',
        '- Current balance: $1,240.00',
        'If you think any of this is wrong, you can dispute all or part of it until March 20, 2025. Just tell me here.',
      ].join('\n'),
    );
    expect(result).toMatchObject({ speechAct: 'balance.itemization', language: 'en', purpose: 'reply', revealsDebt: true });
    expect(result.amounts.sort((a, b) => a - b)).toEqual([0, 1000, 2500, 7500, 115000, 124000]);
    expect(result.dates).toEqual(['2024-11-15', '2025-03-20']);
  });

  it('states the same itemization in Spanish', () => {
    const result = render('balance.itemization', itemization, 'es');
    expect(result.text).toContain('- Monto al 15 de noviembre de 2024: $1,150.00');
    expect(result.text).toContain('- Saldo actual: $1,240.00');
    expect(result.text).toContain('hasta el 20 de marzo de 2025');
    expect(result.language).toBe('es');
    expect(result.dates).toEqual(['2024-11-15', '2025-03-20']);
  });

  it('leaves out the validation sentence when the period end is not given', () => {
    const { validationEndDate: _omitted, ...withoutEnd } = itemization;
    const result = render('balance.itemization', withoutEnd, 'en');
    expect(result.text).not.toMatch(/dispute/);
    expect(result.dates).toEqual(['2024-11-15']);
  });

  it('confirms a medium opt-out with nothing but the confirmation, in both languages', () => {
    expect(render('optout.confirmed', { medium: 'sms' }, 'en').text).toBe("Confirmed: you won't receive any more text messages from us.");
    expect(render('optout.confirmed', { medium: 'email' }, 'es').text).toBe('Confirmado: no recibirá más correos electrónicos de nuestra parte.');
  });

  it('takes the name, the phone number and the hours from the slots, in the language of the message', () => {
    expect(render('fallback.safe', reach, 'en').text).toBe(
      "Sorry, I can't help with that right now. To reach a person, call 1-800-555-0100, Monday to Friday, 8:00 AM to 8:00 PM Eastern Time.",
    );
    expect(render('fallback.safe', reach, 'es').text).toBe(
      'Lo siento, ahora no puedo ayudarle con eso. Para hablar con una persona, llame al 1-800-555-0100, de lunes a viernes, de 8:00 a.m. a 8:00 p.m. (hora oriental).',
    );
    const configured = render('sms.help', { collectorName: 'Northwind Recovery Services', contactPhone: '1-888-555-0142', hours: 'Mon-Fri 9-5 Central' }, 'en');
    expect(configured.text).toMatch(/^Northwind Recovery Services: .* call 1-888-555-0142, Mon-Fri 9-5 Central\..* Reply STOP to opt out/);
  });

  it('uses British dates and times for a GB consumer', () => {
    expect(render('promise.recorded', { amount: { amount: 5000, currency: 'GBP' }, date: '2025-04-03' }, 'en', { country: 'GB' }).text).toBe(
      "Thank you. I've noted that you plan to pay £50.00 on 3 April 2025.",
    );
    expect(render('inconvenient-time.recorded', { notBefore: '12:00' }, 'en', { country: 'GB' }).text).toContain('before 12:00.');
  });

  it('picks the most specific variant that the given slots allow', () => {
    expect(render('inconvenient-time.recorded', {}, 'en').text).toBe("Thank you. I've noted the times that don't work for you, and we will respect them.");
    expect(render('inconvenient-time.recorded', { notAfter: '18:30' }, 'en').text).toBe("Thank you. I've noted that we shouldn't contact you after 6:30 PM.");
    expect(render('inconvenient-time.recorded', { notBefore: '12:00', notAfter: '18:30' }, 'es').text).toBe(
      'Gracias. He anotado que no debemos contactarle antes de las 12:00 p.m. ni después de las 6:30 p.m.',
    );
    expect(render('attorney.recorded', { attorneyName: 'Jane Ortiz' }, 'en').text).toContain('recorded that Jane Ortiz represents you');
  });

  it('varies the wording on request among equally fitting variants', () => {
    const first = render('greeting.automated-assistant', { collectorName: 'Northwind' }, 'en', { variant: 0 }).text;
    const second = render('greeting.automated-assistant', { collectorName: 'Northwind' }, 'en', { variant: 1 }).text;
    expect(first).not.toBe(second);
    for (const text of [first, second]) expect(text).toMatch(/automated assistant for Northwind\..*person.*any time/);
    expect(render('greeting.automated-assistant', { collectorName: 'Northwind' }, 'en', { variant: 2 }).text).toBe(first);
  });

  it('prefers a variant that fits the room left (an SMS budget), else the shortest', () => {
    const slots = { collectorName: 'Northwind' };
    const short = render('greeting.automated-assistant', slots, 'en', { variant: 0 }).text;
    const long = render('greeting.automated-assistant', slots, 'en', { variant: 1 }).text;
    expect(short.length).toBeLessThan(long.length);
    expect(render('greeting.automated-assistant', slots, 'en', { variant: 1, fits: (text) => text.length <= short.length }).text).toBe(short);
    expect(render('greeting.automated-assistant', slots, 'en', { variant: 1, fits: () => false }).text).toBe(short);
    expect(render('greeting.automated-assistant', slots, 'en', { variant: 1, fits: () => true }).text).toBe(long);
  });

  it('switches language in the new language', () => {
    expect(render('language.switched', {}, 'es').text).toBe('Claro, seguiré en español.');
  });

  it('never reads a placeholder inside a slot value', () => {
    const result = render('attorney.recorded', { attorneyName: '{attorneyName} {amount}' }, 'en');
    expect(result.text).toContain('recorded that {attorneyName} {amount} represents you');
  });

  it('refuses slots that do not fit the act, naming the act and the slot', () => {
    expect(() => renderAct('payment.link', { amount: usd(124000) }, 'en')).toThrow(SlotError);
    expect(() => renderAct('payment.link', { amount: usd(124000) }, 'en')).toThrow(/speech act "payment.link": invalid slots: url:/);
    expect(() => renderAct('payment.link', { amount: usd(12.5), url: 'https://pay.example.com/x' }, 'en')).toThrow(/amount\.amount: must be an integer amount in minor units/);
    expect(() => renderAct('payment.link', { amount: usd(100), url: 'http://pay.example.com/x' }, 'en')).toThrow(/url: must be an https URL/);
    expect(() => renderAct('menu', { balance: 1 }, 'en')).toThrow(/invalid slots/);
  });

  it('refuses an unknown speech act', () => {
    expect(() => renderAct('balance.owed', {}, 'en')).toThrow(UnknownSpeechActError);
  });
});
