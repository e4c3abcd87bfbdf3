import { describe, expect, it } from 'vitest';
import type { Channel, ConversationFacts, Language } from '../domain/index.js';
import type { MessagePurpose } from '../decision/purpose.js';
import { makeAccount, type AccountOptions } from '../gate/test-fixtures.js';
import { rulesInForce, ruleSetFor } from '../rules/index.js';
import { compose } from './compose.js';
import { measureSms, smsEncodingOf, smsUnits } from './sms-length.js';

const AT = new Date('2026-06-10T16:00:00Z');
const VERIFIED_FIRST: ConversationFacts = { firstCommunication: true, identityVerified: true, initiatedBy: 'consumer' };
const VERIFIED_LATER: ConversationFacts = { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' };
const UNVERIFIED: ConversationFacts = { firstCommunication: true, identityVerified: false, initiatedBy: 'parley' };

function run(options: { channel?: Channel; language?: Language; purpose?: MessagePurpose; facts?: ConversationFacts; account?: AccountOptions; body?: string } = {}) {
  const account = makeAccount(options.account);
  const channel = options.channel ?? 'sms';
  return compose({
    body: options.body ?? 'Your balance is $1,234.56.',
    channel,
    language: options.language ?? 'en',
    purpose: options.purpose ?? 'reply',
    facts: options.facts ?? VERIFIED_LATER,
    account,
    rules: rulesInForce(ruleSetFor(account.jurisdictions), AT, channel),
  });
}

describe('debt-collector disclosures (12 CFR 1006.18(e))', () => {
  it('the first verified communication opens with the initial disclosure, then the body, then the opt-out notice', () => {
    const result = run({ facts: VERIFIED_FIRST });
    expect(result.text).toBe('This message is from a debt collector. We are trying to collect a debt, and any information we obtain will be used for that purpose. Your balance is $1,234.56. Reply STOP to opt out.');
    expect(result.disclosures).toEqual(['initial-disclosure', 'sms-opt-out']);
  });

  it('a later communication says it is from a debt collector', () => {
    expect(run().text).toBe('This message is from a debt collector. Your balance is $1,234.56. Reply STOP to opt out.');
  });

  it('in the language of the message', () => {
    const result = run({ language: 'es', facts: VERIFIED_FIRST, body: 'Su saldo es $1,234.56.' });
    expect(result.text).toBe('Este mensaje es de un cobrador de deudas. Estamos tratando de cobrar una deuda y cualquier información que obtengamos se usará con ese fin. Su saldo es $1,234.56. Responda STOP para no recibir más mensajes.');
  });

  it('before identity is verified: no debt-collector disclosure (it would reveal the debt), the opt-out notice still', () => {
    const result = run({ facts: UNVERIFIED, purpose: 'identity-check', body: 'Hi, this is Parley with a personal business matter for Jane. Is this Jane?' });
    expect(result.text).toBe('Hi, this is Parley with a personal business matter for Jane. Is this Jane? Reply STOP to opt out.');
    expect(result.disclosures).toEqual(['sms-opt-out']);
    const reply = run({ facts: UNVERIFIED, purpose: 'reply', body: 'Please confirm your date of birth.' });
    expect(reply.rules.find((r) => r.ruleId === 'disclosures')?.reason).toContain('withheld until identity is verified');
  });

  it('an opt-out confirmation contains nothing else', () => {
    const result = run({ purpose: 'opt-out-confirmation', body: 'You will not get more texts from us at this number.' });
    expect(result.text).toBe('You will not get more texts from us at this number.');
    expect(result.disclosures).toEqual([]);
  });

  it('crisis support carries no debt-collector disclosure', () => {
    expect(run({ purpose: 'crisis-support', body: 'If you are in danger, call or text 988.' }).disclosures).toEqual(['sms-opt-out']);
  });

  it('email gets the email opt-out notice and blank lines between parts; chat gets no opt-out notice', () => {
    const email = run({ channel: 'email' });
    expect(email.text).toBe('This message is from a debt collector.\n\nYour balance is $1,234.56.\n\nTo stop emails to this address, reply with the word STOP.');
    expect(run({ channel: 'webchat' }).disclosures).toEqual(['later-disclosure']);
  });
});

describe('California notice and licence (Cal. Civ. Code 1812.700, 1788.11)', () => {
  const california = { region: 'CA', postalCode: '94105', phones: ['+14155550123'], stateLicenceNumber: '10012-99' };
  it('the first verified communication carries the state notice and the licence number', () => {
    const result = run({ channel: 'email', facts: VERIFIED_FIRST, account: california });
    expect(result.disclosures).toEqual(['initial-disclosure', 'ca-notice', 'ca-licence', 'email-opt-out']);
    expect(result.text).toContain('collectors may not contact you before 8 a.m. or after 9 p.m.');
    expect(result.text).toContain('California debt collection license no. 10012-99.');
  });

  it('later communications carry the licence number only', () => {
    expect(run({ channel: 'webchat', account: california }).disclosures).toEqual(['later-disclosure', 'ca-licence']);
  });

  it('a California account without a licence number cannot be written to', () => {
    const result = run({ channel: 'webchat', account: { ...california, stateLicenceNumber: undefined } });
    expect(result.violations).toEqual([expect.objectContaining({ ruleId: 'ca-licence', citation: 'Cal. Civ. Code 1812.700, 1788.11' })]);
  });

  it('neither goes out before identity is verified', () => {
    expect(run({ channel: 'webchat', facts: { ...UNVERIFIED, initiatedBy: 'consumer' }, account: california }).disclosures).toEqual([]);
  });

  it('a Massachusetts account gets no California notice', () => {
    expect(run({ channel: 'email', facts: VERIFIED_FIRST }).disclosures).toEqual(['initial-disclosure', 'email-opt-out']);
  });
});

describe('United Kingdom', () => {
  it('no US debt-collector disclosure; the opt-out notice as Parley policy', () => {
    const result = run({ account: { country: 'GB', region: undefined, postalCode: 'SW1A 1AA', city: 'London', phones: ['+447911123456'], currency: 'GBP' }, facts: VERIFIED_FIRST });
    expect(result.disclosures).toEqual(['sms-opt-out']);
  });
});

describe('the electronic opt-out notice (12 CFR 1006.6(e))', () => {
  it('is added to a text that lacks it', () => {
    expect(run({ facts: UNVERIFIED, body: 'Hello from Northwind.' }).text).toBe('Hello from Northwind. Reply STOP to opt out.');
  });

  it('is not repeated in a text that already states it (the HELP reply)', () => {
    const help = 'Northwind: call 1-800-555-0100 for a person. Reply STOP to opt out.';
    const { text, disclosures } = run({ facts: UNVERIFIED, body: help });
    expect(text).toBe(help);
    expect(disclosures).toContain('sms-opt-out');
  });
});

describe('SMS segments', () => {
  it.each([
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['€'.repeat(80), 'GSM-7', 160, 1],
    ['{'.repeat(81), 'GSM-7', 162, 2],
    ['ó'.repeat(70), 'UCS-2', 70, 1],
    ['ó'.repeat(71), 'UCS-2', 71, 2],
    ['é ñ ü ¿ ¡'.repeat(10), 'GSM-7', 90, 1],
    ['😀'.repeat(35), 'UCS-2', 70, 1],
  ])('%#: %s… is %s, %i units, %i segments', (text, encoding, units, segments) => {
    expect(measureSms(text)).toEqual({ encoding, units, segments });
  });

  it('one character outside GSM-7 makes the whole text UCS-2', () => {
    expect(smsEncodingOf('Reply STOP to opt out.')).toBe('GSM-7');
    expect(smsEncodingOf('Responda STOP para no recibir más mensajes.')).toBe('UCS-2');
    expect(smsUnits('a^b', 'GSM-7')).toBe(4);
  });
});
