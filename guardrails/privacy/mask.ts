/**
 * Masking of personal data before it is stored, logged or sent to a model (DESIGN.md principle 7).
 * Card numbers and SSNs are always masked; phones, emails and dates of birth are masked where the
 * caller asks for log-level masking, since audit text keeps them for the officer (behind the console).
 */

const CARD_CANDIDATE = /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g;
const SSN_DASHED = /(?<!\d)(\d{3})[- ](\d{2})[- ](\d{4})(?!\d)/g;
const SSN_CONTEXT = /\b(ssn|social security(?: number)?|seguro social|número de seguro social)\b([^\d]{0,20})(\d{9})(?!\d)/gi;
const EMAIL = /\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b/g;
const PHONE = /(?<![\w])\+?\d[\d\s().-]{8,}\d(?![\w])/g;
const DATE_LIKE = /\b(\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})\b/g;

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

/** Log-level masking: sensitive numbers plus emails, phone numbers and dates (birth dates look like any date). */
export function maskForLog(text: string): string {
  // Dates first: a birth date such as 1985-04-12 is long enough to look like a phone number.
  return maskSensitiveNumbers(text)
    .replace(DATE_LIKE, '[date]')
    .replace(EMAIL, (match) => `${match[0] ?? ''}•••@•••`)
    .replace(PHONE, (match) => {
      const digits = match.replace(/\D/g, '');
      return digits.length >= 7 ? `[phone ••${digits.slice(-2)}]` : match;
    });
}
