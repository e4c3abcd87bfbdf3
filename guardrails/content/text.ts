// Text helpers for the draft checks: one folded copy of the draft (lowercase, no accents, straight
// apostrophes) that every pattern runs on, and the negation test that keeps "We will not sue you"
// from reading as a threat.

import { foldAccents } from '../text/index.js';
const CURLY = /[\u2018\u2019\u02bc\u0060\u00b4]/g;

export interface Draft {
  original: string;
  /** Lowercase, accents removed; same length as the original when folding kept it so. */
  folded: string;
  sameLength: boolean;
}

export function prepare(text: string): Draft {
  const folded = foldAccents(text.toLowerCase()).replace(CURLY, "'");
  return { original: text, folded, sameLength: folded.length === text.length };
}

/** The words of the draft at [start, end), as written, for a reason a person reads. */
export function quote(draft: Draft, start: number, end: number): string {
  const source = draft.sameLength ? draft.original : draft.folded;
  return source.slice(start, end).replace(/\s+/g, ' ').trim();
}

function isSentenceEnd(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  // . ! ? ; : and line breaks; a point between digits is a decimal point ("$1,234.56").
  if (code === 46) return !(isDigit(text.charCodeAt(index - 1)) && isDigit(text.charCodeAt(index + 1)));
  return code === 33 || code === 63 || code === 59 || code === 58 || code === 10 || code === 13;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The sentence around a position (no crossing of . ! ? ; : or a line break). */
export function sentenceAround(folded: string, start: number, end: number): { from: number; to: number } {
  let from = start;
  while (from > 0 && !isSentenceEnd(folded, from - 1)) from -= 1;
  let to = end;
  while (to < folded.length && !isSentenceEnd(folded, to)) to += 1;
  return { from, to };
}

// Words that negate what follows them within a few words.
const NEGATOR = /(?:^|[^a-z'])(not|never|no|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|shouldn't|wouldn't|couldn't|mustn't|dont|wont|cant|doesnt|didnt|isnt|arent|nobody|no one|nothing|neither|nor|without|nunca|jamas|ni|nadie|ningun|ninguna|ninguno|sin|tampoco)(?![a-z'])/g;
// After a negator, these turn the meaning back ("we won't hesitate to sue", "no choice but to").
const DOUBLE_NEGATIVE = /^\s*(?:\S+\s+){0,2}?(?:hesitate|choice|option|alternative|other way|other choice|longer wait|way around|stop us|prevent|rule out|avoid|escape|dudar|dudaremos|remedio|otra opcion|otra alternativa|mas remedio|afraid|wait any longer|more chances?|more time)/;
// Between a negator and the words it would negate, these end its reach ("don't ignore this or you
// will be sued"); a plain "or" does not ("nobody may threaten arrest or jail").
const BREAK = /(?:^|[^a-z])(?:if|unless|otherwise|but|until|before|because|then|si|pero|hasta|sino|porque|entonces)(?![a-z])|(?:^|[^a-z])(?:or|and|so|o|y)\s+(?:we|you|they|he|she|i|your|our|the creditor|it|else|otherwise|le|lo|la|usted|nosotros|vamos|sera|se)(?![a-z])/;
// "if you don't pay" is a condition, not a negation of what follows.
const CONDITION = /(?:^|[^a-z])(?:if|unless|when|once|si|cuando|until|till)\s+(?:you\s+|usted\s+|he\s+|she\s+|they\s+|we\s+)?(?:\S+\s+)?$/;

// A subject denied by its verb: "the police can't get involved", "a lawsuit is not planned".
const DENIED_AFTER = /^(?:\s+(?:is|are|was|were|will|would|could|can|may|has|have|does|do|did|es|son|sera|seran|puede|pueden|esta|estan))?\s+(?:not|never|no longer|cannot|can't|won't|isn't|aren't|doesn't|don't|hasn't|haven't|wasn't|no|nunca|jamas)\b/;

/** Whether the words at [start, end) are denied right after them ("jail is not an option for a debt"). */
export function isDeniedAfter(folded: string, end: number): boolean {
  return DENIED_AFTER.test(folded.slice(end, end + 40));
}

/** Whether the words at `start` are negated by a negator shortly before them in the same clause. */
export function isNegated(folded: string, start: number, clauseStart: number): boolean {
  const windowStart = Math.max(clauseStart, start - 48);
  const before = folded.slice(windowStart, start);
  let last: RegExpExecArray | undefined;
  NEGATOR.lastIndex = 0;
  for (let match = NEGATOR.exec(before); match; match = NEGATOR.exec(before)) last = match;
  if (!last) return false;
  const negatorStart = last.index + last[0].length - (last[1] ?? '').length;
  const between = before.slice(last.index + last[0].length);
  if (between.split(/\s+/).filter(Boolean).length > 7) return false;
  // "not paying", "no payment", "failure to respond" name a condition; what follows is not negated.
  if (/^\s*(?:paying|payment|payments|responding|response|answering|acting|calling|contacting|returning|resolving|settling|cooperating|pagar|pago|responder)\b/.test(between)) return false;
  if (BREAK.test(between)) return false;
  if (DOUBLE_NEGATIVE.test(between)) return false;
  if (CONDITION.test(before.slice(0, negatorStart))) return false;
  return true;
}

/**
 * The matches of a global pattern, without String.prototype.matchAll: matchAll clones the pattern on
 * every call, which costs more than the match itself on a short draft.
 */
export function* execAll(pattern: RegExp, text: string): Generator<RegExpExecArray> {
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0].length === 0) pattern.lastIndex += 1;
    yield match;
  }
}
