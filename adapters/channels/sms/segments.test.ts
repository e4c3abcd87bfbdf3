import { describe, expect, it } from 'vitest';
import { encodingOf, segmentCount, smsLength, splitSms } from './segments.js';

const NOTICE = 'Reply STOP to opt out.';
const unmarked = (text: string) => text.replace(/^\d+\/\d+ /, '');

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

describe('SMS encoding', () => {
  it('keeps plain English and the GSM accents in GSM-7, counting extension characters twice', () => {
    expect(encodingOf('Your balance is $120.50. ¿Qué? ñ é ü')).toBe('GSM-7');
    expect(smsLength('a€[]')).toBe(7);
    expect(segmentCount('x'.repeat(160))).toBe(1);
    expect(segmentCount('x'.repeat(161))).toBe(2);
  });

  it('falls back to UCS-2 for characters outside GSM-7 (Spanish á, curly quotes, emoji)', () => {
    expect(encodingOf('está')).toBe('UCS-2');
    expect(encodingOf('it’s')).toBe('UCS-2');
    expect(smsLength('ok 👍')).toBe(5);
    expect(segmentCount('á'.repeat(70))).toBe(1);
    expect(segmentCount('á'.repeat(71))).toBe(2);
  });
});

describe('splitting a reply into messages', () => {
  it('sends a reply that fits one message as it is, without a part number', () => {
    const parts = splitSms(`This is Northwind, a debt collector. ${NOTICE}`);
    expect(parts).toEqual([{ text: `This is Northwind, a debt collector. ${NOTICE}`, encoding: 'GSM-7', segments: 1 }]);
  });

  it('splits a long reply at sentence ends into numbered single-segment parts, keeping the notice whole at the end', () => {
    const body =
      'This is Northwind Recovery Services, a debt collector. This is an attempt to collect a debt and any information obtained will be used for that purpose. ' +
      'Your balance on the account ending 4321 is $1,204.17 as of March 3. You can pay in full, set up a payment plan, or dispute the debt. ' +
      'To talk to a person, call 1-800-555-0100, Monday to Friday, 8 a.m. to 8 p.m. Eastern.';
    const text = `${body}\n${NOTICE}`;
    const parts = splitSms(text);
    expect(parts.length).toBeGreaterThan(2);
    for (const [index, item] of parts.entries()) {
      expect(item.segments).toBe(1);
      expect(item.text.startsWith(`${index + 1}/${parts.length} `)).toBe(true);
    }
    expect(parts.at(-1)?.text.endsWith(NOTICE)).toBe(true);
    // Nothing lost, nothing cut: the words read back in order.
    expect(words(parts.map((item) => unmarked(item.text)).join(' '))).toEqual(words(text));
    // Sentence ends are preferred: no part but the last stops mid-sentence when a sentence end was close.
    expect(unmarked(parts[0]?.text ?? '')).toMatch(/[.]$/);
  });

  it('never cuts a word, and sends a link longer than a part whole', () => {
    const link = `https://pay.example.com/p/${'a1b2c3d4'.repeat(24)}`;
    const text = `Use this secure link to pay: ${link} It expires in 24 hours. ${NOTICE}`;
    const parts = splitSms(text);
    expect(parts.some((item) => unmarked(item.text) === link)).toBe(true);
    expect(words(parts.map((item) => unmarked(item.text)).join(' '))).toEqual(words(text));
    expect(parts.at(-1)?.text.endsWith(NOTICE)).toBe(true);
  });

  it('uses the 70-character UCS-2 budget for Spanish with accents', () => {
    const text =
      'Ésta es una comunicación de Northwind Recovery Services, una agencia de cobranza. Su saldo actual es de $1,204.17. Puede pagar, establecer un plan de pagos o disputar la deuda en cualquier momento. Responda STOP para no recibir más mensajes.';
    const parts = splitSms(text);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts[0]?.encoding).toBe('UCS-2');
    for (const item of parts) expect(smsLength(item.text, item.encoding)).toBeLessThanOrEqual(item.encoding === 'UCS-2' ? 70 : 160);
    expect(parts.at(-1)?.text.endsWith('Responda STOP para no recibir más mensajes.')).toBe(true);
  });

  it('keeps a two-sentence notice together when it is named, even when the body splits unevenly', () => {
    const trailer = 'Reply STOP to opt out. Reply HELP for help.';
    const text = `${'Your plan is set up and the first payment is due on the 5th of next month. '.repeat(3).trim()} ${trailer}`;
    const parts = splitSms(text, { trailer });
    expect(parts.at(-1)?.text.endsWith(trailer)).toBe(true);
    expect(parts.slice(0, -1).some((item) => item.text.includes('STOP'))).toBe(false);
  });

  it('lets parts take several segments when asked', () => {
    const text = `${'Your payment plan has three payments of $40.00 each. '.repeat(8).trim()} ${NOTICE}`;
    const single = splitSms(text);
    const double = splitSms(text, { maxSegmentsPerPart: 2 });
    expect(double.length).toBeLessThan(single.length);
    for (const item of double) expect(item.segments).toBeLessThanOrEqual(2);
  });
});
