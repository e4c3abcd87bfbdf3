import { DateTime } from 'luxon';
import { foldAccents, type MinorUnits, type PaymentDate } from '../guardrails/index.js';

// Short answers to the questions a flow asks ("How much could you pay each month?", "Shall I set
// that up?"). The safety net reads rights from the same message first; these read only the answer.

const YES = /^(y|ya|yes|yeah|yep|yup|sure|ok|okay|k|fine|correct|right|that'?s right|please do|do it|go ahead|sounds good|that works|agreed|i agree|si|claro|vale|de acuerdo|correcto|esta bien|por favor)\b/i;
const NO = /^(n|no|nope|nah|not really|not now|don'?t|do not|cancel|never ?mind|no gracias|todavia no|ahora no)\b/i;

function plain(text: string): string {
  return foldAccents(text).trim().replace(/^[¡!¿\s]+/, '');
}

const THANKS = /^(thanks|thank you|thank u|thx|ty|great|perfect|cool|ok|okay|got it|alright|all right|gracias|muchas gracias|perfecto|listo|entendido)[\s.!]*$/i;
const BYE = /^(bye|goodbye|good bye|see you|that'?s all|nothing else|no thanks|adios|hasta luego|eso es todo|nada mas)[\s.!]*$/i;

/** A bare thanks or ok: nothing asked, nothing to look up. */
export function isThanks(text: string): boolean {
  return THANKS.test(plain(text));
}

/** The consumer is done for now. */
export function isGoodbye(text: string): boolean {
  return BYE.test(plain(text));
}

/** The whole message is a yes ("yes", "yes please", "sure!"), not a yes followed by something else. */
export function isBareYes(text: string): boolean {
  return isYes(text) && plain(text).replace(YES, '').replace(/\b(please|thanks|thank you|por favor|gracias)\b/gi, '').replace(/[\s.,!]/g, '') === '';
}

/** The whole message is a no ("no", "no thanks"), not "no, I mean...". */
export function isBareNo(text: string): boolean {
  return isNo(text) && plain(text).replace(NO, '').replace(/\b(please|thanks|thank you|por favor|gracias)\b/gi, '').replace(/[\s.,!]/g, '') === '';
}

export function isYes(text: string): boolean {
  return YES.test(plain(text));
}

export function isNo(text: string): boolean {
  return NO.test(plain(text));
}

/**
 * An amount given as an answer: "$150", "150", "150.50", "150 dollars", "£80", "1,200". The first one
 * wins; a date or a phone number is not an amount.
 */
export function amountAnswer(text: string): MinorUnits | undefined {
  const cleaned = text.replace(/\b\d{1,2}\/\d{1,2}(\/\d{2,4})?\b/g, ' ').replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ');
  const match = /(?:[$£€]\s?)?(\d{1,3}(?:,\d{3})+|\d{1,7})(?:[.,](\d{1,2}))?(?!\d)/.exec(cleaned);
  if (!match) return undefined;
  const whole = Number((match[1] ?? '').replace(/,/g, ''));
  const cents = match[2] ? Number(match[2].padEnd(2, '0')) : 0;
  const value = whole * 100 + cents;
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Turns a date the consumer said ("friday", "the 15th", "in two weeks") into a calendar date in their zone. */
export function resolvePaymentDate(date: PaymentDate, now: Date, zone: string): string | undefined {
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  let result: DateTime | undefined;
  switch (date.kind) {
    case 'calendar':
      if (date.month && date.day) {
        result = today.set({ month: date.month, day: date.day });
        if (result < today) result = result.plus({ years: 1 });
      }
      break;
    case 'day-of-month':
      if (date.day) {
        result = today.set({ day: Math.min(date.day, today.daysInMonth ?? 28) });
        if (result < today) result = result.plus({ months: 1 });
      }
      break;
    case 'weekday':
      if (date.weekday) result = today.plus({ days: (date.weekday - today.weekday + 7) % 7 || 7 });
      break;
    case 'in-days':
      result = today.plus({ days: date.days ?? 1 });
      break;
    case 'relative':
      result = {
        today,
        tonight: today,
        tomorrow: today.plus({ days: 1 }),
        'next-week': today.plus({ weeks: 1 }),
        'end-of-week': today.plus({ days: (5 - today.weekday + 7) % 7 }),
        'end-of-month': today.endOf('month').startOf('day'),
        'next-month': today.plus({ months: 1 }).startOf('month'),
      }[date.relative ?? 'today'];
      break;
    default:
      result = undefined;
  }
  return result?.isValid ? (result.toISODate() ?? undefined) : undefined;
}
