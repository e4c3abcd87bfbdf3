// The facts a rewrite must keep: every money amount, calendar date and clock time of the approved
// template, in whatever format the model wrote them ("$1,250.00", "1,250 dollars", "March 5",
// "5 de marzo", "8:00 PM", "20:00").
import type { MinorUnits } from '../../guardrails/index.js';

export interface DateFact {
  month: number;
  day: number;
  /** Absent when written without a year ("March 5"): it then matches that day of any year. */
  year?: number;
}

const CURRENCY_BEFORE = String.raw`(?:US\$|\$|£|€|USD|GBP|EUR)`;
const CURRENCY_AFTER = String.raw`(?:\$|£|€|USD|GBP|EUR|dollars?|d[oó]lares|pounds?|libras?(?: esterlinas)?|euros?)`;
const NUMBER = String.raw`\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const AMOUNT = new RegExp(
  String.raw`${CURRENCY_BEFORE}\s?-?(${NUMBER})(?![\d])|(?<![\d.,])(${NUMBER})\s?${CURRENCY_AFTER}(?![a-z])`,
  'gi',
);

/** "1,250.50", "1.250,50", "1250", "1,250" → minor units. */
function parseNumber(written: string): MinorUnits | undefined {
  const decimal = /[.,](\d{1,2})$/.exec(written);
  const whole = (decimal ? written.slice(0, -decimal[0].length) : written).replace(/[.,]/g, '');
  if (!/^\d+$/.test(whole)) return undefined;
  const cents = decimal ? Number((decimal[1] ?? '').padEnd(2, '0')) : 0;
  return Number(whole) * 100 + cents;
}

/** Every money amount written with a currency sign, code or word, in minor units. */
export function extractAmounts(text: string): MinorUnits[] {
  const amounts: MinorUnits[] = [];
  for (const match of text.matchAll(AMOUNT)) {
    const value = parseNumber(match[1] ?? match[2] ?? '');
    if (value !== undefined) amounts.push(value);
  }
  return amounts;
}

const EN_MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const ES_MONTHS: Record<string, number> = {
  enero: 1, febrero: 2, marzo: 3, abril: 4, mayo: 5, junio: 6, julio: 7, agosto: 8, septiembre: 9,
  setiembre: 9, octubre: 10, noviembre: 11, diciembre: 12,
};
const EN_MONTH = Object.keys(EN_MONTHS).sort((a, b) => b.length - a.length).join('|');
const ES_MONTH = Object.keys(ES_MONTHS).join('|');
const ORDINAL = '(?:st|nd|rd|th)?';

interface DatePattern {
  regex: RegExp;
  read(match: RegExpExecArray): DateFact[];
}

function valid(fact: DateFact): boolean {
  if (fact.month < 1 || fact.month > 12 || fact.day < 1) return false;
  const days = new Date(Date.UTC(fact.year ?? 2024, fact.month, 0)).getUTCDate();
  return fact.day <= days;
}

function year(written: string | undefined): number | undefined {
  if (written === undefined) return undefined;
  const value = Number(written);
  return written.length === 2 ? 2000 + value : value;
}

// Order matters: a matched span is blanked so "5 March 2026" is not read again as "March 20".
const DATE_PATTERNS: DatePattern[] = [
  {
    regex: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g,
    read: (m) => [{ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }],
  },
  {
    // Numeric dates are month/day in the US and day/month elsewhere: either reading counts.
    regex: /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?\b/g,
    read: (m) => {
      const y = year(m[3]);
      const a = Number(m[1]);
      const b = Number(m[2]);
      return [{ month: a, day: b, year: y }, { month: b, day: a, year: y }];
    },
  },
  {
    regex: new RegExp(String.raw`\b(\d{1,2})\s+de\s+(${ES_MONTH})(?:\s+(?:de|del)\s+(\d{4}))?\b`, 'gi'),
    read: (m) => [{ day: Number(m[1]), month: ES_MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, year: year(m[3]) }],
  },
  {
    regex: new RegExp(String.raw`\b(\d{1,2})${ORDINAL}\s+(?:of\s+)?(${EN_MONTH})\.?(?:,?\s+(\d{4}))?\b`, 'gi'),
    read: (m) => [{ day: Number(m[1]), month: EN_MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, year: year(m[3]) }],
  },
  {
    regex: new RegExp(String.raw`\b(${EN_MONTH})\.?\s+(\d{1,2})${ORDINAL}(?!\d)(?:,?\s+(\d{4}))?\b`, 'gi'),
    // "may 2" in lower case is the verb ("you may 2x...") far more often than the month.
    read: (m) => (m[1] === 'may' ? [] : [{ month: EN_MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, day: Number(m[2]), year: year(m[3]) }]),
  },
];

/**
 * Every calendar date the text writes, each as the readings it allows (a numeric 03/05 gives two).
 * Weekdays and relative days ("Friday", "tomorrow") are not calendar dates and are not read.
 */
export function extractDates(text: string): DateFact[][] {
  let rest = text;
  const found: DateFact[][] = [];
  for (const pattern of DATE_PATTERNS) {
    rest = rest.replace(pattern.regex, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const readings = pattern.read(match).filter(valid);
      if (readings.length === 0) return String(args[0]);
      found.push(readings);
      return ' '.repeat(String(args[0]).length);
    });
  }
  return found;
}

const TIME_12H = /\b(\d{1,2})(?::([0-5]\d))?\s?([ap])\.?\s?m\b\.?/gi;
const TIME_24H = /\b([01]?\d|2[0-3]):([0-5]\d)\b/g;
const NOON = /\b(?:noon|midday|mediod[ií]a)\b/gi;
const MIDNIGHT = /\b(?:midnight|medianoche)\b/gi;

/** Every clock time the text writes ("8:00 AM", "8 p.m.", "20:00", "noon"), as minutes after midnight. */
export function extractTimes(text: string): number[] {
  const times: number[] = [];
  const rest = text.replace(TIME_12H, (_match, hour: string, minute: string | undefined, half: string) => {
    const h = Number(hour);
    if (h >= 1 && h <= 12) times.push(((h % 12) + (half.toLowerCase() === 'p' ? 12 : 0)) * 60 + Number(minute ?? 0));
    return ' ';
  });
  for (const match of rest.matchAll(TIME_24H)) times.push(Number(match[1]) * 60 + Number(match[2]));
  for (const _ of rest.matchAll(NOON)) times.push(720);
  for (const _ of rest.matchAll(MIDNIGHT)) times.push(0);
  return times;
}

function describeTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

function isoToFact(iso: string): DateFact | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : undefined;
}

function sameDay(expected: DateFact, written: DateFact): boolean {
  if (expected.month !== written.month || expected.day !== written.day) return false;
  return expected.year === undefined || written.year === undefined || expected.year === written.year;
}

function describeDate(fact: DateFact): string {
  const mm = String(fact.month).padStart(2, '0');
  const dd = String(fact.day).padStart(2, '0');
  return fact.year === undefined ? `--${mm}-${dd}` : `${fact.year}-${mm}-${dd}`;
}

function describeAmount(amount: MinorUnits): string {
  return (amount / 100).toFixed(2);
}

export interface FactComparison {
  ok: boolean;
  /** Template amounts (major units, e.g. "1250.00") the rewrite does not state. */
  missingAmounts: string[];
  /** Amounts the rewrite states that the template does not. */
  addedAmounts: string[];
  /** Template dates (YYYY-MM-DD, or --MM-DD without a year) the rewrite does not state. */
  missingDates: string[];
  addedDates: string[];
  /** Template clock times (HH:MM, 24-hour) the rewrite does not state, e.g. opening hours. */
  missingTimes: string[];
  addedTimes: string[];
}

/**
 * Compares the facts of an approved template with a rewrite: every amount, date and time of the
 * template must still be there, and none may be added. `expected` (from the renderer) takes the place of
 * reading the template text when given.
 */
export function compareFacts(
  template: string,
  rewrite: string,
  expected?: { amounts: readonly MinorUnits[]; dates: readonly string[] },
): FactComparison {
  const templateAmounts = new Set(expected ? [...expected.amounts, ...extractAmounts(template)] : extractAmounts(template));
  const rewriteAmounts = new Set(extractAmounts(rewrite));
  const templateDates: DateFact[][] = expected
    ? [...expected.dates.map(isoToFact).filter((fact): fact is DateFact => fact !== undefined).map((fact) => [fact]), ...extractDates(template)]
    : extractDates(template);
  const rewriteDates = extractDates(rewrite);

  const missingAmounts = [...templateAmounts].filter((amount) => !rewriteAmounts.has(amount)).map(describeAmount);
  const addedAmounts = [...rewriteAmounts].filter((amount) => !templateAmounts.has(amount)).map(describeAmount);
  const matches = (a: DateFact[], b: DateFact[]) => a.some((x) => b.some((y) => sameDay(x, y)));
  const missingDates = templateDates
    .filter((readings) => !rewriteDates.some((written) => matches(readings, written)))
    .map((readings) => describeDate(readings[0] as DateFact));
  const addedDates = rewriteDates
    .filter((written) => !templateDates.some((readings) => matches(readings, written)))
    .map((readings) => describeDate(readings[0] as DateFact));
  const templateTimes = new Set(extractTimes(template));
  const rewriteTimes = new Set(extractTimes(rewrite));
  const missingTimes = [...templateTimes].filter((time) => !rewriteTimes.has(time)).map(describeTime);
  const addedTimes = [...rewriteTimes].filter((time) => !templateTimes.has(time)).map(describeTime);
  return {
    ok: missingAmounts.length + addedAmounts.length + missingDates.length + addedDates.length + missingTimes.length + addedTimes.length === 0,
    missingAmounts,
    addedAmounts,
    missingDates: [...new Set(missingDates)],
    addedDates: [...new Set(addedDates)],
    missingTimes,
    addedTimes,
  };
}
