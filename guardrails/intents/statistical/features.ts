import { StemmerEn } from '@nlpjs/lang-en-min';
import { StemmerEs } from '@nlpjs/lang-es';
import { foldText } from '../normalize.js';

const english = new StemmerEn();
const spanish = new StemmerEs();
const WORD = /[a-z0-9$]+/g;
// After these, the next few words are negated: "not disputing" is not "disputing".
const NEGATORS = new Set(['not', 'no', 'never', 'dont', 'didnt', 'doesnt', 'isnt', 'wasnt', 'aint', 'cant', 'wont', 'nunca', 'tampoco', 'ni', 'nada', 'without', 'sin']);
const NEGATION_SPAN = 3;

/**
 * What the statistical layer sees of a message: its words stemmed in English and in Spanish (texts mix
 * both), word pairs, the words within three of a negation marked as negated, and the character
 * four-grams of each word, which carry a misspelt word ("disputting", "abogao") to its neighbours.
 */
export function featuresOf(raw: string): Record<string, number> {
  const words = foldText(raw).replace(/'/g, '').match(WORD) ?? [];
  const features: Record<string, number> = {};
  let negatedFor = 0;
  let previous = '';
  for (const word of words) {
    const stem = english.stemWord(word);
    const stemEs = spanish.stemWord(word);
    const negated = negatedFor > 0;
    features[`${negated ? 'n' : 'w'}:${stem}`] = 1;
    if (stemEs !== stem) features[`${negated ? 'n' : 'w'}:${stemEs}`] = 1;
    if (previous) features[`b:${previous}_${stem}`] = 1;
    if (word.length >= 4) {
      const padded = `^${word}$`;
      for (let index = 0; index + 4 <= padded.length; index += 1) features[`c:${padded.slice(index, index + 4)}`] = 1;
    }
    previous = stem;
    negatedFor = NEGATORS.has(word) ? NEGATION_SPAN : Math.max(0, negatedFor - 1);
  }
  if (words.length <= 2) features['len:short'] = 1;
  return features;
}
