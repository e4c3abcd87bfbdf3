import { foldAccents } from '../text/index.js';
import type { KeywordCorrector } from './fuzzy.js';
import { EXPANSIONS } from './lexicon.js';

// A token is a number (with its separators, currency and unit: "$1,234.56", "7:30pm", "15th"), a
// word (apostrophes kept for the contraction table), or a clause boundary.
const TOKEN = /[$£€]?\d+(?:[.,:/-]\d+)*[a-z%]*|[a-z$£€#@][a-z0-9'@#]*|[.!?;:,\n]/g;
const BOUNDARY: Readonly<Record<string, string>> = { '.': '.', '!': '.', ';': '.', ':': '.', '\n': '.', ',': ',', '?': '?' };
// After "talk 2" a 2 is "to"; before these words it is a number ("2 weeks").
const COUNTED = /^(?:weeks?|months?|days?|payments?|times?|hundred|thousand|dollars?|bucks|years?|hours?|pm|am|installments?|more|of|or|and|x|\d.*)$/;

export function foldText(raw: string): string {
  return foldAccents(raw)
    .toLowerCase()
    .replace(/[\u2018\u2019\u0060\u00b4]/g, "'")
    .replace(/\b([ap])\.\s?m\b\.?/g, '$1m')
    .replace(/\be-mail/g, 'email')
    .replace(/\bself-harm/g, 'self harm')
    .replace(/([a-z])\1{2,}/g, '$1');
}

/**
 * The message as the phrase files see it: " tok tok . tok ? " — lowercase, no accents, letters
 * repeated for emphasis collapsed ("stooop" is "stop"), contractions and texting shorthand written
 * out, misspelt keywords corrected, and the text closed by a boundary so a phrase can end a clause.
 */
export function normalizeMessage(raw: string, corrector: KeywordCorrector): string {
  const folded = foldText(raw);
  const out: string[] = [];
  const matches = folded.match(TOKEN) ?? [];
  for (let index = 0; index < matches.length; index += 1) {
    const token = matches[index] ?? '';
    const boundary = BOUNDARY[token];
    if (boundary !== undefined) {
      if (out.length > 0 && out[out.length - 1] !== boundary) out.push(boundary);
      continue;
    }
    const expanded = EXPANSIONS[token] ?? EXPANSIONS[token.replace(/'/g, '')];
    if (expanded !== undefined) {
      out.push(expanded);
      continue;
    }
    const word = token.replace(/'s$/, ' s').replace(/'/g, '');
    if (word === '2') {
      const previous = out[out.length - 1] ?? '';
      const next = matches[index + 1] ?? '';
      out.push(/^[a-z]+$/.test(previous) && /^[a-z]/.test(next) && !COUNTED.test(next) ? 'to' : word);
      continue;
    }
    out.push(word.includes(' ') ? word.split(' ').map((part) => corrector.correct(part)).join(' ') : corrector.correct(word));
  }
  const last = out[out.length - 1];
  if (last !== '.' && last !== '?' && last !== ',') out.push('.');
  return ` ${out.join(' ')} `;
}
