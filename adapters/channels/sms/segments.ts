// How a reply becomes text messages: GSM-7 or UCS-2, split where a reader expects a break.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsPart {
  text: string;
  encoding: SmsEncoding;
  /** Segments the network bills and carries for this part. */
  segments: number;
}

export interface SplitOptions {
  /**
   * Segments one part may take. 1 (the default) makes each part a single SMS, so a handset that does
   * not reassemble concatenated messages still shows whole words and sentences.
   */
  maxSegmentsPerPart?: number;
  /**
   * The opt-out notice the gate appended. It is kept whole in the final part. Without it, the
   * trailing paragraph or sentence that mentions STOP is taken as the notice.
   */
  trailer?: string;
}

// GSM 03.38 default alphabet; the extension table below costs two septets (escape + char).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

const SINGLE = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const CONCATENATED = { 'GSM-7': 153, 'UCS-2': 67 } as const;

export function encodingOf(text: string): SmsEncoding {
  for (const char of text) if (!GSM_BASIC.has(char) && !GSM_EXTENDED.has(char)) return 'UCS-2';
  return 'GSM-7';
}

/** Septets for GSM-7, UTF-16 code units for UCS-2 (an emoji takes two). */
export function smsLength(text: string, encoding: SmsEncoding = encodingOf(text)): number {
  if (encoding === 'UCS-2') return text.length;
  let septets = 0;
  for (const char of text) septets += GSM_EXTENDED.has(char) ? 2 : 1;
  return septets;
}

export function segmentCount(text: string): number {
  const encoding = encodingOf(text);
  const length = smsLength(text, encoding);
  if (length <= SINGLE[encoding]) return 1;
  return Math.ceil(length / CONCATENATED[encoding]);
}

function capacity(encoding: SmsEncoding, segments: number): number {
  return segments <= 1 ? SINGLE[encoding] : CONCATENATED[encoding] * segments;
}

function fits(text: string, maxSegments: number, reserve: number): boolean {
  const encoding = encodingOf(text);
  return smsLength(text, encoding) + reserve <= capacity(encoding, maxSegments);
}

function part(text: string): SmsPart {
  return { text, encoding: encodingOf(text), segments: segmentCount(text) };
}

const SENTENCE_END = /[.!?…:;)"'»]\s/;

/** Break positions in `text` (exclusive ends), each flagged when it closes a sentence or a line. */
function breakPoints(text: string): Array<{ end: number; sentence: boolean }> {
  const points: Array<{ end: number; sentence: boolean }> = [];
  for (let index = 1; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (!/\s/.test(char) || /\s/.test(text[index - 1] ?? '')) continue;
    const sentence = char === '\n' || SENTENCE_END.test(text.slice(index - 1, index + 1));
    points.push({ end: index, sentence });
  }
  return points;
}

/** Splits `body` into chunks that each fit, preferring sentence ends, never cutting a word. */
function pack(body: string, maxSegments: number, reserve: number): string[] {
  const chunks: string[] = [];
  let rest = body.trim();
  // No prefix longer than this many code units fits, whatever its encoding.
  const ceiling = capacity('GSM-7', maxSegments);
  while (rest.length > 0) {
    if (fits(rest, maxSegments, reserve)) {
      chunks.push(rest);
      break;
    }
    let lastWord = 0;
    let lastSentence = 0;
    for (const point of breakPoints(rest)) {
      if (point.end > ceiling || !fits(rest.slice(0, point.end), maxSegments, reserve)) break;
      lastWord = point.end;
      if (point.sentence) lastSentence = point.end;
    }
    // A sentence end is worth a shorter part, but not one under half as full as a word break allows.
    let end = lastSentence * 2 >= lastWord ? lastSentence : lastWord;
    if (end === 0) {
      // One word longer than a part (a long link): sent whole, over several segments, never cut.
      const space = rest.search(/\s/);
      end = space === -1 ? rest.length : space;
    }
    chunks.push(rest.slice(0, end).trim());
    rest = rest.slice(end).trim();
  }
  return chunks;
}

/** The opt-out notice at the end of `text`: the given trailer, else the last paragraph or sentence naming STOP. */
function findTrailer(text: string, trailer: string | undefined): { body: string; trailer: string; separator: string } | undefined {
  if (trailer !== undefined) {
    const wanted = trailer.trim();
    if (wanted === '' || !text.endsWith(wanted)) return undefined;
    const body = text.slice(0, text.length - wanted.length);
    return { body: body.trim(), trailer: wanted, separator: /\n\s*$/.test(body) ? '\n' : ' ' };
  }
  const stop = text.search(/\bSTOP\b(?![\s\S]*\bSTOP\b)/);
  if (stop === -1) return undefined;
  const before = text.slice(0, stop);
  const lineStart = before.lastIndexOf('\n') + 1;
  let start = lineStart;
  const sentenceBreaks = [...before.slice(lineStart).matchAll(/[.!?…]\s+/g)];
  const lastBreak = sentenceBreaks.at(-1);
  if (lastBreak?.index !== undefined) start = lineStart + lastBreak.index + lastBreak[0].length;
  const found = text.slice(start).trim();
  if (found === '' || start === 0) return undefined;
  const gap = /\s*$/.exec(text.slice(0, start))?.[0] ?? ' ';
  return { body: text.slice(0, start).trim(), trailer: found, separator: gap.includes('\n') ? '\n' : ' ' };
}

function withMarkers(chunks: string[]): string[] {
  if (chunks.length === 1) return chunks;
  return chunks.map((chunk, index) => `${index + 1}/${chunks.length} ${chunk}`);
}

/**
 * Splits a reply into the messages to send, in order: one part when it fits one message, else parts
 * numbered "1/3 ", "2/3 "... broken at sentence ends, else between words, never inside a word; the
 * opt-out notice stays whole at the end of the final part.
 */
export function splitSms(text: string, options: SplitOptions = {}): SmsPart[] {
  const maxSegments = Math.max(1, Math.floor(options.maxSegmentsPerPart ?? 1));
  const whole = text.trim();
  if (whole === '') return [];
  if (fits(whole, maxSegments, 0)) return [part(whole)];

  const tail = findTrailer(whole, options.trailer);
  // Reserve room for the "n/N " marker; recompute when the count needs more digits.
  for (let digits = 1; digits <= 4; digits += 1) {
    const reserve = 2 * digits + 2;
    let chunks: string[];
    if (tail && fits(tail.trailer, maxSegments, reserve)) {
      chunks = pack(tail.body, maxSegments, reserve);
      const last = chunks.at(-1);
      const joined = last === undefined ? tail.trailer : `${last}${tail.separator}${tail.trailer}`;
      if (last !== undefined && fits(joined, maxSegments, reserve)) chunks[chunks.length - 1] = joined;
      else chunks.push(tail.trailer);
    } else {
      chunks = pack(whole, maxSegments, reserve);
    }
    if (String(chunks.length).length <= digits) return withMarkers(chunks).map(part);
  }
  return [part(whole)];
}
