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
const basic = new Set(GSM7_BASIC);
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const SEGMENT_LIMITS = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

export function smsEncodingOf(text: string): SmsEncoding {
  for (const char of text) if (!basic.has(char) && !extension.has(char)) return 'UCS-2';
  return 'GSM-7';
}

/** Length in the encoding's units: septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
export function smsUnits(text: string, encoding: SmsEncoding = smsEncodingOf(text)): number {
  if (encoding === 'UCS-2') return text.length;
  let units = 0;
  for (const char of text) units += extension.has(char) ? 2 : 1;
  return units;
}

export interface SmsMeasure {
  encoding: SmsEncoding;
  units: number;
  segments: number;
}

export function measureSms(text: string): SmsMeasure {
  const encoding = smsEncodingOf(text);
  const units = smsUnits(text, encoding);
  const limits = SEGMENT_LIMITS[encoding];
  return { encoding, units, segments: units <= limits.single ? 1 : Math.ceil(units / limits.multi) };
}

/** Units a message of this encoding may use within maxSegments. */
export function smsCapacity(encoding: SmsEncoding, maxSegments: number): number {
  const limits = SEGMENT_LIMITS[encoding];
  return maxSegments <= 1 ? limits.single : maxSegments * limits.multi;
}
