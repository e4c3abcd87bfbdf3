import { DateTime } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { foldAccents, type Account } from '../../guardrails/index.js';

/** What a consumer's message may hold toward proving who they are; every reading of it is kept. */
export interface IdentityFactors {
  /** Every date the text can be read as (03/04/1980 is 3 April or 4 March), YYYY-MM-DD. */
  datesOfBirth: string[];
  /** Standalone four-digit groups: the last four of an SSN. */
  ssnLast4: string[];
  /** US ZIP codes (first five digits) and UK postcodes (normalized, no space). */
  postalCodes: string[];
  /** Tokens that may be an account reference from a letter. */
  references: string[];
  /** Phone numbers in E.164. */
  phones: string[];
}

const MONTH_FORMATS_EN = ['LLLL d yyyy', 'LLL d yyyy', 'd LLLL yyyy', 'd LLL yyyy'];
const MONTH_FORMATS_ES = ["d 'de' LLLL 'de' yyyy", 'd LLLL yyyy', "d 'de' LLLL yyyy"];
const UK_POSTCODE = /\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b/gi;

function isoIfValid(year: number, month: number, day: number): string | undefined {
  const date = DateTime.utc(year, month, day);
  if (!date.isValid || year < 1900 || year > 2030) return undefined;
  return date.toISODate() ?? undefined;
}

function numericDates(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g)) {
    const iso = isoIfValid(Number(match[1]), Number(match[2]), Number(match[3]));
    if (iso) found.add(iso);
  }
  for (const match of text.matchAll(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b/g)) {
    const first = Number(match[1]);
    const second = Number(match[2]);
    let year = Number(match[3]);
    if (year < 100) year += year > 30 ? 1900 : 2000;
    for (const iso of [isoIfValid(year, first, second), isoIfValid(year, second, first)]) if (iso) found.add(iso);
  }
  return [...found];
}

const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|ene|abr|ago|dic)[a-z]*\b/i;

function wordDates(text: string): string[] {
  // Parsing every window of words is costly: only a message that names a month can hold such a date.
  if (!MONTH_NAME.test(foldAccents(text))) return [];
  const found = new Set<string>();
  const cleaned = text.replace(/,/g, ' ').replace(/\s+/g, ' ');
  // Try every window of up to six words: month names sit anywhere in a sentence.
  const words = cleaned.split(' ');
  for (let start = 0; start < words.length; start += 1) {
    for (let length = 3; length <= 6 && start + length <= words.length; length += 1) {
      const phrase = words.slice(start, start + length).join(' ');
      for (const [locale, formats] of [['en', MONTH_FORMATS_EN], ['es', MONTH_FORMATS_ES]] as const) {
        for (const format of formats) {
          const date = DateTime.fromFormat(phrase.toLowerCase(), format, { locale, zone: 'utc' });
          if (date.isValid) {
            const iso = isoIfValid(date.year, date.month, date.day);
            if (iso) found.add(iso);
          }
        }
      }
    }
  }
  return [...found];
}

export function extractIdentityFactors(text: string): IdentityFactors {
  const datesOfBirth = [...new Set([...numericDates(text), ...wordDates(text)])];
  // Digits inside a reference ("T-DANA-a4821b", "ACC12345X") or a masked card are no SSN, ZIP or date:
  // such tokens go before the numbers are read. Four characters or fewer may be a postcode half (SW1A).
  const withoutDates = text
    .replace(/\[(?:card|ssn)[^\]]*\]/gi, ' ')
    .replace(/(?<![\w.-])[A-Za-z0-9][A-Za-z0-9._-]{3,63}(?![\w-])/g, (token) => (/\d/.test(token) && /[A-Za-z]/.test(token) && (token.length > 4 || /[._-]/.test(token)) ? ' ' : token))
    .replace(/\b\d{4}-\d{1,2}-\d{1,2}\b/g, ' ')
    .replace(/\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/g, ' ');
  const phones: string[] = [];
  for (const match of withoutDates.matchAll(/\+?\d[\d\s().-]{8,}\d/g)) {
    const parsed = parsePhoneNumberFromString(match[0], 'US');
    if (parsed?.isValid()) phones.push(parsed.number);
  }
  const postalCodes: string[] = [];
  for (const match of withoutDates.matchAll(UK_POSTCODE)) postalCodes.push(`${match[1]}${match[2]}`.toUpperCase());
  for (const match of withoutDates.matchAll(/(?<![\d-])(\d{5})(?:-\d{4})?(?![\d-])/g)) postalCodes.push(match[1]!);
  // A year that belongs to a date said in words ("April 12 1985") is not an SSN's last four, unless it is said twice.
  const years = new Set(datesOfBirth.map((date) => date.slice(0, 4)));
  const groups = [...withoutDates.matchAll(/(?<![\w-])(\d{4})(?![\w-])/g)].map((match) => match[1]!);
  const ssnLast4 = groups.filter((group) => !years.has(group) || groups.filter((other) => other === group).length > 1);
  // A reference is a token of letters, digits, dots, dashes or underscores holding a digit and a letter.
  const references = [...text.matchAll(/(?<![\w.-])[A-Za-z0-9][A-Za-z0-9._-]{3,63}(?![\w-])/g)]
    .map((match) => match[0].replace(/\.$/, ''))
    .filter((token) => /\d/.test(token) && /[A-Za-z]/.test(token));
  return { datesOfBirth, ssnLast4, postalCodes, references, phones };
}

/** Adds what a new message says to what earlier messages said, keeping the latest reading of each. */
export function mergeFactors(previous: IdentityFactors, next: IdentityFactors): IdentityFactors {
  const pick = (a: string[], b: string[]) => (b.length > 0 ? b : a);
  return {
    datesOfBirth: pick(previous.datesOfBirth, next.datesOfBirth),
    ssnLast4: pick(previous.ssnLast4, next.ssnLast4),
    postalCodes: pick(previous.postalCodes, next.postalCodes),
    references: pick(previous.references, next.references),
    phones: pick(previous.phones, next.phones),
  };
}

function normalizePostal(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** Which second factor this account is checked with: the last four of the SSN if on file, else the postal code. */
export function secondFactorOf(account: Account): 'ssn4' | 'postal' {
  return account.consumer.ssnLast4 ? 'ssn4' : 'postal';
}

/** Both factors are needed: a date of birth and the account's second factor. */
export function hasCompleteFactors(factors: IdentityFactors): boolean {
  return factors.datesOfBirth.length > 0 && (factors.ssnLast4.length > 0 || factors.postalCodes.length > 0);
}

export function matchesAccount(account: Account, factors: IdentityFactors): boolean {
  if (!factors.datesOfBirth.includes(account.consumer.dateOfBirth)) return false;
  if (secondFactorOf(account) === 'ssn4') return factors.ssnLast4.includes(account.consumer.ssnLast4 ?? '');
  const postal = normalizePostal(account.consumer.address.postalCode);
  const zip5 = postal.slice(0, 5);
  return factors.postalCodes.some((code) => code === postal || (account.consumer.address.country !== 'GB' && code === zip5));
}
