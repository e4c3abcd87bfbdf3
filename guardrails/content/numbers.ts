import { execAll } from './text.js';
// Full card numbers and Social Security numbers in a draft (DESIGN.md principle 7).

export interface FoundNumber {
  kind: 'card' | 'ssn';
  start: number;
  end: number;
}

// 13 to 19 digits, possibly grouped by spaces or dashes.
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
const SSN_DASHED = /(?<![\d-])(\d{3})[- ](\d{2})[- ](\d{4})(?![\d-])/g;
const NINE = /(?<![\d-])\d{9}(?![\d-])/g;
const SSN_CONTEXT = /\b(?:ssn|ss#|social security|social|seguro social|ssa|tax id|itin)\b/;

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let value = digits.charCodeAt(index) - 48;
    if (double) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
    double = !double;
  }
  return sum % 10 === 0;
}

function plausibleSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

export function findSensitiveNumbers(folded: string): FoundNumber[] {
  const found: FoundNumber[] = [];
  if (!/\d{3}/.test(folded)) return found;
  for (const match of execAll(CARD, folded)) {
    const digits = match[0].replace(/[ -]/g, '');
    if (digits.length >= 13 && digits.length <= 19 && passesLuhn(digits) && !/^(\d)\1+$/.test(digits)) {
      found.push({ kind: 'card', start: match.index, end: match.index + match[0].length });
    }
  }
  for (const match of execAll(SSN_DASHED, folded)) {
    if (plausibleSsn(match[1] ?? '', match[2] ?? '', match[3] ?? '') && !found.some((f) => f.start <= match.index && match.index < f.end)) {
      found.push({ kind: 'ssn', start: match.index, end: match.index + match[0].length });
    }
  }
  for (const match of execAll(NINE, folded)) {
    const around = folded.slice(Math.max(0, match.index - 40), match.index + 49);
    const digits = match[0];
    if (SSN_CONTEXT.test(around) && plausibleSsn(digits.slice(0, 3), digits.slice(3, 5), digits.slice(5))) {
      found.push({ kind: 'ssn', start: match.index, end: match.index + match[0].length });
    }
  }
  return found;
}
