// Only what is needed reaches the model (DESIGN.md principle 7, issue 5): card numbers, SSNs, dates
// of birth, SSN last fours and postcodes are masked for good; links, emails and phone numbers become
// placeholders ([[PHONE_1]]) that the model copies and this side puts back, so a rewrite or an
// extracted attorney phone keeps the real value without the model ever seeing it.
import { maskSensitiveNumbers } from '../../guardrails/index.js';

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';

// Dates that carry a year (the only ones that can be a date of birth), numeric or written out.
const DATE_WITH_YEAR = new RegExp(
  [
    String.raw`\b\d{4}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\d{2})?\b`,
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+|de\s+)?(?:${MONTHS})\.?,?\s+(?:de\s+|del\s+)?\d{4}\b`,
  ].join('|'),
  'gi',
);
const BIRTH_CONTEXT = /\b(born|birth|birthday|dob|d\.o\.b\.?|nacimiento|naci|nací|cumpleaños)\b/i;
const SSN_LAST_FOUR =
  /\b(ssn|social(?: security)?(?: number| no\.?)?|seguro social|last (?:4|four)(?: digits)?|[uú]ltimos (?:4|cuatro)(?: d[ií]gitos)?)([^\d\n]{0,30})(\d{4})(?!\d)/gi;
const POSTCODE = /\b(zip(?: code)?|postcode|post code|postal code|c[oó]digo postal)([^\w\n]{0,5}(?:is\s+|es\s+)?)(\d{5}(?:-\d{4})?|[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})\b/gi;
const URL = /\bhttps?:\/\/[^\s<>"')\]]+[^\s<>"')\].,;:!?]/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const PHONE = /(?<![\w$£€.,[])\+?\d[\d\s().-]{7,}\d(?![\w\]])/g;
const LOOKS_LIKE_DATE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/;
const LONE_SHORT_NUMBER = /(?<![\d$£€.,:[])\b\d{4,5}\b(?![\d.,:%])/g;
const TOKEN = /\[\[(LINK|EMAIL|PHONE)_(\d+)\]\]/g;

export const DOB_MASK = '[date of birth]';

function yearOf(date: string, referenceYear: number): number | undefined {
  const four = /\b(\d{4})\b/.exec(date);
  if (four) return Number(four[1]);
  const two = /[/.-](\d{2})$/.exec(date);
  if (!two) return undefined;
  const yy = Number(two[1]);
  // "04/02/80" is 1980; "12/01/26" is this century.
  return yy > referenceYear % 100 ? 1900 + yy : 2000 + yy;
}

/**
 * Masks what can never be sent to a model and cannot be restored: card numbers, SSNs, dates of
 * birth (a date after a birth word, or any dated more than 16 years back: no debt date is that old,
 * every consumer's birth date is), SSN last fours and postcodes given with their label.
 */
export function maskIdentifiers(text: string, referenceYear: number): string {
  let masked = maskSensitiveNumbers(text);
  let sawBirthDate = false;
  masked = masked.replace(DATE_WITH_YEAR, (date: string, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 40), offset);
    const year = yearOf(date, referenceYear);
    if (BIRTH_CONTEXT.test(before) || (year !== undefined && year <= referenceYear - 16)) {
      sawBirthDate = true;
      return DOB_MASK;
    }
    return date;
  });
  masked = masked
    .replace(SSN_LAST_FOUR, (_match, label: string, gap: string) => `${label}${gap}[last four ••••]`)
    .replace(POSTCODE, (_match, label: string, gap: string) => `${label}${gap}[postcode]`);
  // A message that answers the identity questions ("04/02/1980 6789") holds an SSN last four or a
  // ZIP code without its label: with a birth date in it, short bare numbers go too.
  if (sawBirthDate) masked = masked.replace(LONE_SHORT_NUMBER, '[number]');
  return masked;
}

type TokenKind = 'LINK' | 'EMAIL' | 'PHONE';

/**
 * One call's redaction: the same value always gets the same placeholder, so a template, its slots and
 * the recent turns agree, and `restore` puts the values back into what the model wrote.
 */
export class Redactor {
  private readonly byValue = new Map<string, string>();
  private readonly byToken = new Map<string, string>();
  private readonly counters: Record<TokenKind, number> = { LINK: 0, EMAIL: 0, PHONE: 0 };

  constructor(private readonly referenceYear: number) {}

  redact(text: string): string {
    return maskIdentifiers(text, this.referenceYear)
      .replace(URL, (url) => this.tokenFor('LINK', url))
      .replace(EMAIL, (email) => this.tokenFor('EMAIL', email))
      .replace(PHONE, (candidate) => {
        const digits = candidate.replace(/\D/g, '');
        if (digits.length < 10 || digits.length > 15 || LOOKS_LIKE_DATE.test(candidate.trim())) return candidate;
        return this.tokenFor('PHONE', candidate);
      });
  }

  /** Puts the real values back in place of the placeholders this redactor handed out. */
  restore(text: string): string {
    return text.replace(TOKEN, (token) => this.byToken.get(token) ?? token);
  }

  /** Whether this redactor handed out the placeholder. */
  knows(token: string): boolean {
    return this.byToken.has(token);
  }

  private tokenFor(kind: TokenKind, value: string): string {
    const existing = this.byValue.get(value);
    if (existing) return existing;
    this.counters[kind] += 1;
    const token = `[[${kind}_${this.counters[kind]}]]`;
    this.byValue.set(value, token);
    this.byToken.set(token, value);
    return token;
  }
}

/** Every placeholder in a text, in order, with repeats. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(TOKEN)].map((match) => match[0]);
}
