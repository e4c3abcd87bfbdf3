import { describe, expect, it } from 'vitest';
import { parseAccount, type Account, type AccountInput } from '../domain/index.js';
import { checkDraft, type DraftContext } from './index.js';

// A pinned clock: 1 March 2025, 15:00 UTC.
const AT = new Date('2025-03-01T15:00:00Z');

const input: AccountInput = {
  accountId: 'ACC-7731',
  consumer: {
    firstName: 'Dana',
    lastName: 'Whitfield',
    dateOfBirth: '1985-04-12',
    phones: [{ number: '+16175550123', type: 'mobile' }],
    address: { line1: '12 Harbor St', city: 'Boston', region: 'MA', postalCode: '02118', country: 'US' },
  },
  currentCreditor: 'Acme Funding LLC',
  originalCreditor: 'First Example Bank',
  debt: {
    itemizationDate: '2024-11-15',
    amountAtItemization: 1150,
    interestSinceItemization: 75,
    feesSinceItemization: 25,
    paymentsSinceItemization: 10,
    creditsSinceItemization: 0,
    currentBalance: 1240,
  },
  // Sent Monday 10 Feb 2025: assumed received 18 Feb (Presidents' Day not counted), period ends 20 Mar.
  validationNoticeSentAt: '2025-02-10',
  authority: { minInstalment: 50, maxPlanMonths: 24, lowestSettlement: 744, allowsHardshipPause: true, maxPauseMonths: 3 },
};

function account(overrides: Partial<AccountInput> = {}, debt: Partial<AccountInput['debt']> = {}): Account {
  const parsed = parseAccount({ ...input, ...overrides, debt: { ...input.debt, ...debt } });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.value;
}

const us = account();
const gb = account({
  consumer: { ...input.consumer, phones: [{ number: '+447911123456', type: 'mobile' }], address: { line1: '1 High Street', city: 'Leeds', postalCode: 'LS1 4AP', country: 'GB' } },
}, { currency: 'GBP' });

function ctx(overrides: Partial<DraftContext> = {}): DraftContext {
  return { language: 'en', account: us, facts: { firstCommunication: false, identityVerified: true, initiatedBy: 'consumer' }, at: AT, ...overrides };
}

const ids = (text: string, context: DraftContext = ctx()) => checkDraft(text, context).map((finding) => finding.ruleId);

describe('checkDraft: approved wording passes (en)', () => {
  it.each([
    'You have the right to dispute this debt.',
    'We will not take legal action.',
    'We cannot sue you on this debt.',
    "If you don't pay, we may continue to contact you.",
    'You will not be arrested, and nobody may threaten you with arrest or jail over a debt.',
    'Your current balance with Acme Funding LLC is $1,240.00.',
    'On November 15, 2024 you owed $1,150.00. Since then: interest $75.00, fees $25.00, payments $10.00, credits $0.00.',
    'If you want to dispute, please tell us by March 20, 2025.',
    'We can offer a settlement of $744.00 if paid in full.',
    'You could pay $62.00 a month for 20 months.',
    'There is no fee to pay online, and no fee to opt out.',
    'For most consumer debts, wages can be garnished only after a court judgment, and you would get court papers first.',
    'Please confirm your date of birth and the last 4 digits of your Social Security number.',
    'Never type your card number or Social Security number in this chat; use the secure payment link.',
    "Hi, I'm the automated assistant for Northwind Recovery Services. You can ask for a person at any time.",
    'There is no rush: take the time you need, and ask me anything.',
    'Your payment of $1,240.00 on 2025-03-01 has been received. Thank you.',
    'Call us at 1-800-555-0100, Monday to Friday, 8:00 to 20:00 Eastern.',
  ])('%s', (text) => {
    expect(checkDraft(text, ctx())).toEqual([]);
  });
});

describe('checkDraft: approved wording passes (es)', () => {
  it.each([
    'Tiene derecho a disputar esta deuda.',
    'No vamos a tomar acciones legales.',
    'No le podemos demandar por esta deuda.',
    'Nadie puede amenazarle con arresto o cárcel por una deuda.',
    'Su saldo actual con Acme Funding LLC es de 1.240,00 $.',
    'Si quiere disputar la deuda, díganoslo antes del 20 de marzo de 2025.',
    'No hay ningún cargo por pagar en línea.',
    'Confirme su fecha de nacimiento y los últimos 4 dígitos de su número de seguro social.',
    'Podemos ofrecerle un acuerdo de 744,00 $.',
  ])('%s', (text) => {
    expect(checkDraft(text, ctx({ language: 'es' }))).toEqual([]);
  });
});

describe('checkDraft: each rule has its deny case (en)', () => {
  it.each([
    ['If you do not pay, you will be arrested.', 'threat-criminal'],
    ["Not paying could land you in jail.", 'threat-criminal'],
    ['We will file criminal charges for fraud.', 'threat-criminal'],
    ['We will sue you if you do not pay by Friday.', 'threat-unintended-action'],
    ["We won't hesitate to take legal action.", 'threat-unintended-action'],
    ['We have no choice but to garnish your wages.', 'threat-unintended-action'],
    ['Your car may be repossessed.', 'threat-unintended-action'],
    ['Keep ignoring us and we will ruin your credit.', 'threat-unintended-action'],
    ['This is the law office of Smith & Ortiz.', 'impersonation'],
    ['Our legal department has reviewed your file.', 'impersonation'],
    ["I'm calling from the county court about your case.", 'impersonation'],
    ['We are with the credit bureau.', 'impersonation'],
    ['Pay up, you deadbeat.', 'abusive-language'],
    ['You should be ashamed of yourself.', 'abusive-language'],
    ["Don't bother disputing, it won't change anything.", 'overshadowing'],
    ['You must pay even if you dispute the debt.', 'overshadowing'],
    ['Ignore the validation notice and pay now.', 'overshadowing'],
    ['Last chance: this offer is for today only.', 'false-urgency'],
    ['Pay immediately or face serious consequences.', 'false-urgency'],
    ['Your balance is $1,340.00.', 'amount-not-on-account'],
    ['You owe five hundred dollars.', 'amount-not-on-account'],
    ['Your validation period ends March 21, 2025.', 'date-not-on-account'],
    ['Please pay by 3/15/2025.', 'date-not-on-account'],
    ['We can settle this for $500.', 'outside-authority'],
    ['You can pay $20 a month.', 'outside-authority'],
    ['We can spread it over 36 monthly payments.', 'outside-authority'],
    ['We can settle for 40% of the balance.', 'outside-authority'],
    ['We can pause your payments for 6 months.', 'outside-authority'],
    ['A late fee of $35 will be added.', 'unauthorized-fee'],
    ['A processing fee will be charged on every payment.', 'unauthorized-fee'],
    ['Please send your full card number to pay.', 'sensitive-number'],
    ['What is your Social Security number?', 'sensitive-number'],
    ['Your card 4111 1111 1111 1111 was charged.', 'sensitive-number'],
    ['We have your SSN as 123-45-6789.', 'sensitive-number'],
    ['As an AI language model, I must remind you to pay.', 'leaked-instructions'],
    ['System: You are Parley, a debt collection assistant.', 'leaked-instructions'],
    ['Your balance is {currentBalance}.', 'leaked-instructions'],
  ] as const)('%s → %s', (text, ruleId) => {
    expect(ids(text)).toContain(ruleId);
  });
});

describe('checkDraft: each rule has its deny case (es)', () => {
  it.each([
    ['Si no paga, será arrestado.', 'threat-criminal'],
    ['Podría ir a la cárcel.', 'threat-criminal'],
    ['Le vamos a demandar si no paga.', 'threat-unintended-action'],
    ['Vamos a embargar su salario.', 'threat-unintended-action'],
    ['Le escribe el departamento legal de nuestros abogados.', 'impersonation'],
    ['Es usted un irresponsable.', 'abusive-language'],
    ['No se moleste en disputar la deuda.', 'overshadowing'],
    ['Es su última oportunidad, pague hoy mismo.', 'false-urgency'],
    ['Su saldo es de 1.340,00 $.', 'amount-not-on-account'],
    ['Pague antes del 3 de abril de 2025.', 'date-not-on-account'],
    ['Podemos aceptar 500 dólares como liquidación.', 'outside-authority'],
    ['Envíeme el número completo de su tarjeta.', 'sensitive-number'],
    ['Como modelo de lenguaje, no puedo ayudarle.', 'leaked-instructions'],
  ] as const)('%s → %s', (text, ruleId) => {
    expect(ids(text, ctx({ language: 'es' }))).toContain(ruleId);
  });
});

describe('checkDraft: what the account and the conversation change', () => {
  it('allows naming a lawsuit the creditor intends, but never on a time-barred debt', () => {
    const intended = account({}, { suitIntended: true });
    expect(ids('Our client may file a lawsuit to collect this debt.', ctx({ account: intended }))).toEqual([]);
    expect(ids('Our client may file a lawsuit to collect this debt.', ctx())).toEqual(['threat-unintended-action']);
    const barred = account({}, { suitIntended: true, timeBarred: true });
    expect(ids('Our client may file a lawsuit to collect this debt.', ctx({ account: barred }))).toEqual(['time-barred-suit']);
    expect(ids('Because of the age of this debt, we cannot sue you for it.', ctx({ account: barred }))).toEqual([]);
  });

  it('checks credit reporting only against the remedies the caller names', () => {
    const text = 'The creditor may report this debt to the credit reporting agencies.';
    expect(ids(text)).toEqual([]);
    expect(ids(text, ctx({ intendedActions: ['credit-report'] }))).toEqual([]);
    expect(ids(text, ctx({ intendedActions: [] }))).toEqual(['threat-unintended-action']);
  });

  it('reveals nothing before identity is verified', () => {
    const unverified = ctx({ facts: { firstCommunication: true, identityVerified: false, initiatedBy: 'parley' } });
    expect(ids('Hi Dana, this is Northwind. Before I say more, please confirm your date of birth.', unverified)).toEqual([]);
    expect(ids('Hi Dana, we are contacting you about a debt.', unverified)).toEqual(['third-party-disclosure']);
    expect(ids('Hi Dana, this is about First Example Bank.', unverified)).toEqual(['third-party-disclosure']);
    expect(ids('Hola Dana, le escribimos por su saldo pendiente.', { ...unverified, language: 'es' })).toEqual(['third-party-disclosure']);
    expect(ids('Your current balance is $1,240.00.', unverified)).toContain('third-party-disclosure');
  });

  it('takes the amounts and dates a speech act carries', () => {
    expect(ids('Your plan: 17 payments of $70.00 and a final $50.00, starting 2025-03-15.')).toEqual(['amount-not-on-account', 'date-not-on-account']);
    expect(ids('Your plan: 17 payments of $70.00 and a final $50.00, starting 2025-03-15.', ctx({ allowedAmounts: [7000, 5000], allowedDates: ['2025-03-15'] }))).toEqual([]);
  });

  it('derives equal instalments of the balance within the plan authority', () => {
    // 1,240.00 over 20 months is 62.00; over 24 months 51.67 (and a final 51.59).
    expect(ids('That is $62.00 a month for 20 months.')).toEqual([]);
    expect(ids('That is $51.67 a month for 24 months.')).toEqual([]);
    expect(ids('That is $41.33 a month for 30 months.')).toEqual(['outside-authority', 'outside-authority']);
  });

  it('refuses an amount in another currency than the account', () => {
    expect(ids('Your balance is £1,240.00.')).toEqual(['amount-not-on-account']);
    expect(ids('Your balance is £1,240.00.', ctx({ account: gb }))).toEqual([]);
  });

  it('reads numeric dates day first for Spanish and UK accounts', () => {
    expect(ids('Your validation period ends 03/20/2025.')).toEqual([]);
    expect(ids('Su periodo de validación termina el 20/03/2025.', ctx({ language: 'es' }))).toEqual([]);
    // UK accounts have no Regulation F validation period, but the notice date is on the record.
    expect(ids('We wrote to you on 10/02/2025.', ctx({ account: gb }))).toEqual([]);
    expect(ids('We wrote to you on 10/02/2025.')).toEqual(['date-not-on-account']);
    expect(ids('Your validation period ends 20/03/2025.', ctx({ account: gb }))).toEqual(['date-not-on-account']);
  });

  it('allows today, and flags a date that does not exist', () => {
    expect(ids('As of March 1, 2025, your balance is $1,240.00.')).toEqual([]);
    expect(ids('Please pay by February 30, 2025.')).toEqual(['date-not-on-account']);
  });

  it('flags UK pressure to borrow or sell only on UK accounts', () => {
    const text = 'You could take out a loan or sell your car to clear this.';
    expect(new Set(ids(text, ctx({ account: gb })))).toEqual(new Set(['uk-misleading']));
    expect(ids(text)).toEqual([]);
    expect(ids('You never need to borrow money to pay us.', ctx({ account: gb }))).toEqual([]);
  });

  it('states fees only as they are on the account', () => {
    expect(ids('Fees since the itemization date: $25.00.')).toEqual([]);
    expect(ids('An additional $25.00 fee will be added.')).toEqual(['unauthorized-fee']);
    const noFees = account({}, { feesSinceItemization: 0, currentBalance: 1215 });
    expect(ids('A $25.00 convenience fee applies to card payments.', ctx({ account: noFees }))).toEqual(['unauthorized-fee']);
  });

  it('checks a draft with no account against the allowed amounts only', () => {
    const noAccount = ctx({ account: undefined, allowedAmounts: [1000] });
    expect(ids('You can pay $10.00 today.', noAccount)).toEqual([]);
    expect(ids('You owe $10.50.', noAccount)).toEqual(['amount-not-on-account']);
  });
});

describe('checkDraft: adversarial model rewrites of approved templates', () => {
  const template = 'Your current balance with Acme Funding LLC is $1,240.00. You can pay it, set up a plan, or dispute it.';

  it('passes the template itself', () => {
    expect(ids(template)).toEqual([]);
  });

  it.each([
    ['Your current balance with Acme Funding LLC is $1,420.00. You can pay it, set up a plan, or dispute it.', ['amount-not-on-account']],
    ['Your current balance is $1,240.00, plus a $39 processing fee.', ['unauthorized-fee']],
    ['Your balance is $1,240.00. Pay it today or we will have no choice but to take you to court.', ['threat-unintended-action']],
    ['Your balance is $1,240.00. Disputing will only delay things and hurt your credit, so just pay.', ['overshadowing']],
    ['Your balance is $1,240.00. Act now: this is your final notice before legal action.', ['false-urgency', 'threat-unintended-action']],
    ['As instructed by my system prompt, I must tell you your balance is $1,240.00.', ['leaked-instructions']],
    ['assistant: Your balance is $1,240.00.\nuser: ok', ['leaked-instructions']],
    ['Your balance is $1,240.00. To pay now, reply with your card number and CVV.', ['sensitive-number']],
    ['Good news! We can settle for just $400.00 if you pay this week.', ['outside-authority']],
    ['Su saldo es de 1.240,00 $. Si no paga hoy mismo, le demandaremos.', ['false-urgency', 'threat-unintended-action']],
  ] as const)('%s', (text, expected) => {
    expect([...new Set(ids(text))].sort()).toEqual([...expected].sort());
  });

  it('quotes the offending words in every reason', () => {
    const [finding] = checkDraft('We will send the sheriff to arrest you.', ctx());
    expect(finding).toEqual({ ruleId: 'threat-criminal', reason: expect.stringContaining('"sheriff"') as string });
  });
});

// Written and run once before any pattern was changed for them: 5 of the 15 denials were missed and
// 2 of the 8 allowed sentences flagged; all pass now.
describe('checkDraft: second batch of unseen drafts', () => {
  it.each([
    ['Failure to pay may result in legal proceedings against you.', 'threat-unintended-action'],
    ["We'll be forced to forward your file to our attorneys.", 'impersonation'],
    ['Your wages could be garnished.', 'threat-unintended-action'],
    ['This is a final demand for payment.', 'false-urgency'],
    ['Pay $1,240 within 48 hours to avoid further action.', 'false-urgency'],
    ['You are a liar and a cheat.', 'abusive-language'],
    ["Disputing now won't stop the collection process.", 'overshadowing'],
    ['Your balance has grown to $1,300 because of new interest.', 'amount-not-on-account'],
    ['Pay by April 1.', 'date-not-on-account'],
    ['Reply with the 16 digits on your card.', 'sensitive-number'],
    ['Officer Smith from the police department will contact you.', 'threat-criminal'],
    ['Su cuenta será enviada a nuestro departamento legal.', 'impersonation'],
    ['Tiene 24 horas para pagar.', 'false-urgency'],
    ['¡Pague ya o atenerse a las consecuencias!', 'false-urgency'],
    ['Your account will be referred to a collection attorney.', 'threat-unintended-action'],
  ] as const)('deny: %s → %s', (text, ruleId) => {
    expect(ids(text)).toContain(ruleId);
  });

  it.each([
    "We're not able to take legal action on this account.",
    'You may contact the Consumer Financial Protection Bureau at consumerfinance.gov.',
    'Your plan: 24 payments of $51.67.',
    'If you have questions about your rights, you can talk to a lawyer.',
    'We received your dispute and have paused collection.',
    "The police can't get involved in a debt matter.",
    'A lawsuit is not planned.',
    'Interest is not accruing on this account.',
  ])('allow: %s', (text) => {
    expect(checkDraft(text, ctx())).toEqual([]);
  });
});
