/**
 * Masking of personal data before it is stored, logged or sent to a model. Card numbers and SSNs are
 * masked as soon as a message arrives (maskSensitiveNumbers: the last four stay, for the identity
 * check in flight); what is stored (maskForRecord) or logged and shown masked (maskForLog) keeps no
 * SSN digits, no date, no phone or e-mail address in clear.
 */

const CARD_CANDIDATE = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const SSN_DASHED = /(?<!\d)(\d{3})[- ](\d{2})[- ](\d{4})(?!\d)/g;
const SSN_CONTEXT = /\b(ssn|social security(?: number)?|seguro social|número de seguro social)\b([^\d]{0,20})(\d{9})(?!\d)/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const PHONE = /(?<![\w(])(?:\+?\d|\(\d)[\d\s().-]{8,}\d(?![\w])/g;
const DATE_LIKE = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})\b/g;
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
// "April 12 1985", "12 April 1985", "12 de abril de 1985": a year of birth with its day and month.
const WORDED_DATE = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:de\\s+)?(?:19|20)\\d{2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:de\\s+)?(?:${MONTHS})\\.?,?\\s+(?:de(?:l)?\\s+)?(?:19|20)\\d{2})\\b`,
  'gi',
);
const SSN_MASK = /\[ssn •••-••-\d{4}\]/g;
// The words that put a short number in an identity answer ("last 4 is 1234", "zip 02108").
const IDENTITY_CONTEXT = /\b(ssn|social|security|seguro|last\s*(?:4|four)|[úu]ltimos|zip|postcode|post code|c[óo]digo postal|born|birthday|dob|nac[íi])\w*/i;
const SHORT_NUMBER = /(?<![\w$.,])\d{4,5}(?![\w.,]\d|\w)/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Masks card numbers (13–19 digits passing Luhn) and Social Security numbers, keeping the last four digits. */
export function maskSensitiveNumbers(text: string): string {
  return text
    .replace(CARD_CANDIDATE, (match) => {
      const digits = match.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) ? `[card ••••${digits.slice(-4)}]` : match;
    })
    .replace(SSN_DASHED, (_match, _a: string, _b: string, last: string) => `[ssn •••-••-${last}]`)
    .replace(SSN_CONTEXT, (_match, label: string, gap: string, digits: string) => `${label}${gap}[ssn •••-••-${digits.slice(-4)}]`);
}

/** Log-level masking: sensitive numbers (no digit of an SSN kept) plus emails, phone numbers and dates. */
export function maskForLog(text: string): string {
  // Dates first: a birth date such as 1985-04-12 is long enough to look like a phone number.
  return maskSensitiveNumbers(text)
    .replace(SSN_MASK, '[ssn]')
    .replace(DATE_LIKE, '[date]')
    .replace(WORDED_DATE, '[date]')
    .replace(EMAIL, (match) => `${match[0] ?? ''}•••@•••`)
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '');
      return digits.length >= 7 ? `[phone ••${digits.slice(-2)}]` : match;
    });
}

/**
 * What a consumer's message becomes in the audit trail: log-level masking, and in a message that
 * answers the identity check (a date was given, or the words name an SSN, ZIP or birth date), every
 * remaining four- or five-digit number too: "April 12 1985 1234" is stored as "[date] [number]".
 */
export function maskForRecord(text: string): string {
  const masked = maskForLog(text);
  if (!/\[date\]/.test(masked) && !IDENTITY_CONTEXT.test(text)) return masked;
  return masked.replace(SHORT_NUMBER, '[number]');
}
