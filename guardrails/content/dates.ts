// Calendar dates in a draft. The validation period end comes from rules/validation-period.ts, the
// one derivation Parley uses.

export interface FoundDate {
  /** YYYY-MM-DD; with no year written, the year is absent and only month and day are compared. */
  iso?: string;
  month: number;
  day: number;
  year?: number;
  valid: boolean;
  start: number;
  end: number;
}

const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTHS_ES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
const MONTH_EN = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const MONTH_ES = String.raw`(enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre)`;

const ISO = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
// "March 3, 2026", "Mar. 3rd", "March 3 2026"
const MONTH_DAY = new RegExp(String.raw`\b${MONTH_EN}\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`, 'g');
// "3 March 2026", "3rd of March"
const DAY_MONTH = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?${MONTH_EN}\b\.?(?:,?\s+(\d{4})\b)?`, 'g');
// "3 de marzo de 2026", "el 3 de marzo"
const DIA_MES = new RegExp(String.raw`\b(\d{1,2})\s+de\s+${MONTH_ES}\b(?:\s+(?:de|del)\s+(\d{4})\b)?`, 'g');
// "3/3/2026", "03-03-26", "3.3.2026"
const MAYBE_DATE = /\d[/.-]\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|sep?tiembre|octubre|noviembre|diciembre)/;
const NUMERIC = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/g;

function monthIndex(name: string): number {
  const es = MONTHS_ES.indexOf(name === 'setiembre' ? 'septiembre' : name);
  if (es >= 0) return es + 1;
  return MONTHS_EN.indexOf(name.slice(0, 3)) + 1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function make(month: number, day: number, year: number | undefined, start: number, end: number): FoundDate {
  const valid = month >= 1 && month <= 12 && day >= 1 && day <= (year === undefined ? (MAX_DAYS[month - 1] ?? 0) : daysIn(year, month));
  const date: FoundDate = { month, day, valid, start, end };
  if (year !== undefined) {
    date.year = year;
    date.iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  }
  return date;
}

/**
 * Every calendar date in the folded text. Numeric dates are read month first for US English and
 * day first for Spanish and for the UK ("3/4/2026" is 4 March in Madrid and London).
 */
function taken(found: readonly FoundDate[], start: number, end: number): boolean {
  for (const date of found) if (date.start < end && start < date.end) return true;
  return false;
}

export function findDates(folded: string, dayFirst: boolean): FoundDate[] {
  const found: FoundDate[] = [];
  // Every written date has a digit next to a separator or a month name: most drafts have none.
  if (!MAYBE_DATE.test(folded)) return found;
  let m: RegExpExecArray | null;
  ISO.lastIndex = 0;
  while ((m = ISO.exec(folded))) found.push(make(Number(m[2]), Number(m[3]), Number(m[1]), m.index, m.index + m[0].length));
  DIA_MES.lastIndex = 0;
  while ((m = DIA_MES.exec(folded))) {
    if (!taken(found, m.index, m.index + m[0].length)) found.push(make(monthIndex(m[2] ?? ''), Number(m[1]), m[3] ? Number(m[3]) : undefined, m.index, m.index + m[0].length));
  }
  MONTH_DAY.lastIndex = 0;
  while ((m = MONTH_DAY.exec(folded))) {
    // "may" is also a verb: "you may 2 ..." is not a date without a year.
    if ((m[1] ?? '') === 'may' && !m[3]) continue;
    if (!taken(found, m.index, m.index + m[0].length)) found.push(make(monthIndex(m[1] ?? ''), Number(m[2]), m[3] ? Number(m[3]) : undefined, m.index, m.index + m[0].length));
  }
  DAY_MONTH.lastIndex = 0;
  while ((m = DAY_MONTH.exec(folded))) {
    if ((m[2] ?? '') === 'may' && !m[3]) continue;
    if (!taken(found, m.index, m.index + m[0].length)) found.push(make(monthIndex(m[2] ?? ''), Number(m[1]), m[3] ? Number(m[3]) : undefined, m.index, m.index + m[0].length));
  }
  NUMERIC.lastIndex = 0;
  while ((m = NUMERIC.exec(folded))) {
    if (taken(found, m.index, m.index + m[0].length)) continue;
    const first = Number(m[1]);
    const second = Number(m[3]);
    const rawYear = m[4] ?? '';
    const year = rawYear.length === 2 ? 2000 + Number(rawYear) : Number(rawYear);
    found.push(dayFirst ? make(second, first, year, m.index, m.index + m[0].length) : make(first, second, year, m.index, m.index + m[0].length));
  }
  if (found.length > 1) found.sort((a, b) => a.start - b.start);
  return found;
}
