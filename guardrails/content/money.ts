import type { MinorUnits } from '../domain/index.js';
import { execAll } from './text.js';

export interface FoundAmount {
  value: MinorUnits;
  /** The currency the text states, when it states one by symbol or code. */
  currency?: 'USD' | 'GBP' | 'EUR';
  start: number;
  end: number;
}

// Digits with thousands separators (1,234 / 1.234 / 1 234 with a no-break space) and up to two
// decimals after "." or ",": "1,234.56", "1.234,56", "1234.56", "12,50".
const NUMBER = String.raw`(\d{1,3}(?:[,.\u00a0\u202f]\d{3})+|\d+)(?:[.,](\d{1,2}))?(?!\d)`;
const SCALE = String.raw`(?:\s?(k|thousand|mil|million|millones|m)\b)?`;
const BEFORE = new RegExp(String.raw`(us\$|\$|£|€|\busd\s?|\bgbp\s?|\beur\s?)\s?${NUMBER}${SCALE}`, 'g');
const AFTER = new RegExp(String.raw`(?<![\w$£€.,])${NUMBER}${SCALE}\s?(\$|£|€|\busd\b|\bus dollars\b|\bdollars?\b|\bdolares\b|\bdolar\b|\bbucks\b|\bpounds?\b|\blibras\b|\bquid\b|\bgbp\b|\beuros?\b|\bpesos\b)`, 'g');
// A bare number is money when the words before it say so ("balance is 1234.56", "pay 150 a month").
const BARE = new RegExp(
  String.raw`\b(?:balance|owe|owed|owing|pay|paying|payment|payments|settle|settlement|settle for|amount|total|sum|instal+ment|instal+ments|saldo|debe|pagar|pago|pagos|monto|suma|cuota|cuotas)(?:\s+(?:is|of|was|will be|would be|comes to|de|es|sera|only|just|about|around|roughly))*\s*:?\s*${NUMBER}(?!\s?(?:%|percent|por ciento|days?|months?|weeks?|years?|dias?|meses|semanas|anos|times?|veces|payments?|instal+ments?|cuotas|pagos|am|pm|[/:-]\d))`,
  'g',
);
// Any number with exactly two decimals reads as money ("1240.00"), unless it is a time or a version.
const DECIMAL = /(?<![\w$£€.,:/-])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d%:.]|\s?(?:am|pm|h\b))/g;

const SCALES: Readonly<Record<string, number>> = { k: 1000, thousand: 1000, mil: 1000, million: 1_000_000, millones: 1_000_000, m: 1_000_000 };

function toMinor(integer: string, decimals: string | undefined, scale: string | undefined): number {
  const whole = Number(integer.replace(/[,.\u00a0\u202f]/g, ''));
  const cents = decimals ? Number(decimals.padEnd(2, '0')) : 0;
  const factor = scale ? (SCALES[scale] ?? 1) : 1;
  return Math.round((whole + cents / 100) * factor * 100);
}

function currencyOf(mark: string): FoundAmount['currency'] | undefined {
  const m = mark.trim();
  if (m === '£' || m.startsWith('gbp') || m.startsWith('pound') || m === 'libras' || m === 'quid') return 'GBP';
  if (m === '€' || m.startsWith('eur')) return 'EUR';
  if (m === '$' || m === 'us$' || m.startsWith('usd') || m.includes('dollar') || m.startsWith('dolar') || m === 'bucks') return 'USD';
  return undefined;
}

const ONES: Readonly<Record<string, number>> = {
  zero: 0, one: 1, a: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13,
  fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90,
  un: 1, uno: 1, una: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10, once: 11, doce: 12, trece: 13, catorce: 14,
  quince: 15, dieciseis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20, veintiuno: 21, veintidos: 22, veintitres: 23, veinticuatro: 24,
  veinticinco: 25, veintiseis: 26, veintisiete: 27, veintiocho: 28, veintinueve: 29, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70,
  ochenta: 80, noventa: 90, cien: 100, ciento: 100, doscientos: 200, trescientos: 300, cuatrocientos: 400, quinientos: 500, seiscientos: 600,
  setecientos: 700, ochocientos: 800, novecientos: 900,
};
const NUMBER_WORD = String.raw`(?:zero|one|a|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|and|un|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|trece|catorce|quince|dieciseis|diecisiete|dieciocho|diecinueve|veinte|veinti\w+|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|cien|ciento|\w+ientos|mil|y)`;
const CURRENCY_WORD = /\b(?:dollars?|bucks|pounds?|quid|dolares|libras|pesos)\b/;
const WORDS = new RegExp(String.raw`\b((?:${NUMBER_WORD}[\s-]+)*${NUMBER_WORD})\s+(dollars?|bucks|pounds?|quid|dolares|libras|pesos)\b`, 'g');

/** Reads "five hundred and twenty", "mil doscientos cincuenta" as a number; undefined when it is not one. */
export function wordsToNumber(phrase: string): number | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of phrase.split(/[\s-]+/)) {
    if (word === 'and' || word === 'y') continue;
    if (word === 'hundred') {
      current = (current || 1) * 100;
      seen = true;
    } else if (word === 'thousand' || word === 'mil') {
      total += (current || 1) * 1000;
      current = 0;
      seen = true;
    } else {
      const value = ONES[word];
      if (value === undefined) return undefined;
      current += value;
      seen = true;
    }
  }
  return seen ? total + current : undefined;
}

function overlaps(found: readonly FoundAmount[], start: number, end: number): boolean {
  return found.some((amount) => amount.start < end && start < amount.end);
}

/** Every money amount in the folded text, in minor units, with where it is. */
export function findAmounts(folded: string): FoundAmount[] {
  const found: FoundAmount[] = [];
  for (const match of execAll(BEFORE, folded)) {
    const start = match.index;
    const currency = currencyOf(match[1] ?? '');
    found.push({ value: toMinor(match[2] ?? '0', match[3], match[4]), ...(currency ? { currency } : {}), start, end: start + match[0].length });
  }
  for (const match of execAll(AFTER, folded)) {
    const start = match.index;
    if (overlaps(found, start, start + match[0].length)) continue;
    const currency = currencyOf(match[4] ?? '');
    found.push({ value: toMinor(match[1] ?? '0', match[2], match[3]), ...(currency ? { currency } : {}), start, end: start + match[0].length });
  }
  for (const match of CURRENCY_WORD.test(folded) ? execAll(WORDS, folded) : []) {
    const value = wordsToNumber(match[1] ?? '');
    const start = match.index;
    if (value === undefined || (match[1] ?? '') === 'a' || overlaps(found, start, start + match[0].length)) continue;
    const currency = currencyOf(match[2] ?? '');
    found.push({ value: value * 100, ...(currency ? { currency } : {}), start, end: start + match[0].length });
  }
  for (const match of execAll(BARE, folded)) {
    const numberText = match[1] ?? '';
    const end = match.index + match[0].length;
    const start = end - numberText.length - (match[2] !== undefined ? match[2].length + 1 : 0);
    if (overlaps(found, start, end)) continue;
    found.push({ value: toMinor(numberText, match[2], undefined), start, end });
  }
  for (const match of execAll(DECIMAL, folded)) {
    const start = match.index;
    const end = start + match[0].length;
    if (overlaps(found, start, end)) continue;
    found.push({ value: toMinor(match[1] ?? '0', match[2], undefined), start, end });
  }
  return found.sort((a, b) => a.start - b.start);
}
