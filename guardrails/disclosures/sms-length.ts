/**
 * SMS segment arithmetic. A message that fits the GSM 03.38 alphabet is sent in 7-bit septets: 160 in
 * one segment, 153 per segment once it is split (the rest carries the concatenation header); a few
 * characters (^ { } \ [ ] ~ | € and form feed) take two septets. Any other character makes the whole
 * message UCS-2: 70 UTF-16 code units in one segment, 67 per segment when split. Spanish accents
 * á í ó ú are not in GSM-7, so most Spanish texts are UCS-2.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const SEGMENT_LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

/** Septets per UTF-16 code unit: 1 basic, 2 extension, 0 not in GSM-7. Built once; a table lookup per character. */
const latin = new Uint8Array(256);
const wide = new Map<number, number>();
for (const [chars, septets] of [
  [GSM7_BASIC, 1],
  [GSM7_EXTENSION, 2],
] as const) {
  for (let i = 0; i < chars.length; i++) {
    const code = chars.charCodeAt(i);
    if (code < 256) latin[code] = septets;
    else wide.set(code, septets);
  }
}

function septetsOf(code: number): number {
  return code < 256 ? (latin[code] ?? 0) : (wide.get(code) ?? 0);
}

export function smsEncodingOf(text: string): SmsEncoding {
  for (let i = 0; i < text.length; i++) if (septetsOf(text.charCodeAt(i)) === 0) return 'UCS-2';
  return 'GSM-7';
}

/** Length in the encoding's units: septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
export function smsUnits(text: string, encoding: SmsEncoding = smsEncodingOf(text)): number {
  if (encoding === 'UCS-2') return text.length;
  let units = 0;
  for (let i = 0; i < text.length; i++) units += septetsOf(text.charCodeAt(i)) || 1;
  return units;
}

export interface SmsMeasure {
  encoding: SmsEncoding;
  units: number;
  segments: number;
}

export function measureSms(text: string): SmsMeasure {
  // One pass: count septets until a character outside GSM-7 makes the whole text UCS-2.
  let septets = 0;
  let encoding: SmsEncoding = 'GSM-7';
  for (let i = 0; i < text.length; i++) {
    const n = septetsOf(text.charCodeAt(i));
    if (n === 0) {
      encoding = 'UCS-2';
      break;
    }
    septets += n;
  }
  const units = encoding === 'UCS-2' ? text.length : septets;
  const limits = SEGMENT_LIMITS[encoding];
  return { encoding, units, segments: units <= limits.single ? 1 : Math.ceil(units / limits.multi) };
}

/** Units a message of this encoding may use within maxSegments. */
export function smsCapacity(encoding: SmsEncoding, maxSegments: number): number {
  const limits = SEGMENT_LIMITS[encoding];
  return maxSegments <= 1 ? limits.single : maxSegments * limits.multi;
}
